"""docs/data-model.md is rendered from the contracts: stale when they change, and a table the
contracts gain is rendered without a change to the generator."""

from __future__ import annotations

from typing import get_args

import pytest

from etl import contracts, data_model
from etl.contracts import Column, ColumnType, Table
from etl.data_model import TYPE_LABELS


def test_the_committed_page_is_the_rendered_one() -> None:
    committed = data_model.DATA_MODEL.read_text(encoding="utf-8")
    assert committed == data_model.render(), (
        f"docs/data-model.md is stale: run `{data_model.REGENERATE}` (or `make docs`) and commit it"
    )


def test_a_table_the_contracts_gain_is_rendered_with_its_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a mart declared only inside a tuple, as a new module-level constant
    places = Table(
        "places",
        (
            Column("geo_code", "code", required=True, references="provinces.province_code"),
            Column("period", "code", required=True, accepted=("old", "new")),
            Column("share", "number", minimum=0, maximum=100),
        ),
        key=("geo_code",),
        description="Every place a page can show.",
    )
    monkeypatch.setattr(contracts, "MARTS", (places,), raising=False)

    page = data_model.render()

    assert "### `places`\n\nEvery place a page can show.\n\nKey: `geo_code`." in page
    assert "| `geo_code` | code | yes | must exist in `provinces.province_code` |" in page
    assert "| `period` | code | yes | one of `old`, `new` |" in page
    assert "| `share` | number |  | 0–100 |" in page


def test_every_declared_table_is_rendered_once() -> None:
    page = data_model.render()
    for table in data_model.declared_tables():
        assert page.count(f"### `{table.name}`\n") == 1, table.name
    assert {"task_status", "trade_flows", "audit_log", "submission"} <= {
        t.name for t in data_model.declared_tables()
    }


def test_a_template_without_its_markers_is_refused() -> None:
    with pytest.raises(ValueError, match=r"\{tables\}"):
        data_model.render("# Data model\n\nBorder lines: {border_lines}.\n")


def test_every_column_type_has_a_label_in_the_page() -> None:
    assert set(get_args(ColumnType)) == set(TYPE_LABELS)
