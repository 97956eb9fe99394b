"""Serving from a published Parquet snapshot: `BORDER_DB` pointing at the snapshot folder gives the
same answers as the warehouse file it was written from, under the snapshot's version, with file
access closed to everything but the fact table's folder; every page runs on it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl.build import REFERENCE_DIR, build
from indicators import progress, series, trade
from indicators.db import NotASnapshot, WarehouseMissing, connect, missing_tables, resolved_warehouse
from indicators.filters import Filters
from indicators.i18n import t
from indicators.scope import PlaceScope
from tests.given import PAGE_HEADINGS

ROOT = Path(__file__).resolve().parent.parent
ROWS = 20_000


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(warehouse file, its Parquet snapshot): reference data and ROWS synthetic customs rows."""
    folder = tmp_path_factory.mktemp("serving")
    build(folder / "warehouse.duckdb", REFERENCE_DIR, synthetic_rows=ROWS, parquet_dir=folder / "snapshot")
    return folder / "warehouse.duckdb", folder / "snapshot"


@pytest.fixture(scope="module")
def both(
    published: tuple[Path, Path],
) -> Iterator[tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection]]:
    """(connection to the warehouse file, connection to its snapshot)."""
    from_file, from_snapshot = connect(published[0]), connect(published[1])
    yield from_file, from_snapshot
    from_file.close()
    from_snapshot.close()


def test_a_snapshot_resolves_to_the_version_it_holds(published: tuple[Path, Path]) -> None:
    db, snapshot = published
    version = resolved_warehouse(snapshot)
    assert version == snapshot.resolve() / json.loads((snapshot / "_snapshot.json").read_text())["version"]
    assert version.stem == resolved_warehouse(db).stem  # the data version the pages show and cache on
    assert resolved_warehouse(version) == version


def test_every_table_is_there_with_the_warehouse_columns(
    both: tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection],
) -> None:
    from_file, from_snapshot = both
    assert missing_tables(from_snapshot) == []
    columns = """SELECT table_name, column_name, data_type FROM information_schema.columns
                 ORDER BY table_name, ordinal_position"""
    file_columns, snapshot_columns = (
        from_file.execute(columns).fetchall(),
        from_snapshot.execute(columns).fetchall(),
    )
    differ = [(f, s) for f, s in zip(file_columns, snapshot_columns, strict=True) if f != s]
    # Only the fact table's codes differ: ENUMs in the warehouse, plain strings in Parquet.
    assert {(f[0], f[1]) for f, _ in differ} == {
        ("trade_flows", c) for c in ("gate_id", "direction", "hs_section", "partner_country", "source_id")
    }
    assert all(f[2].startswith("ENUM(") and s[2] == "VARCHAR" for f, s in differ)
    assert from_snapshot.execute(
        "SELECT table_type FROM information_schema.tables WHERE table_name = 'trade_flows'"
    ).fetchall() == [("VIEW",)]


QUERIES = {
    "places": lambda con: series.places(con, "old"),
    "places_new": lambda con: series.places(con, "new"),
    "indicator_series": lambda con: series.indicator_series(
        con, "population_avg", PlaceScope(places=("VN", "VN63-20", "VN63-04"))
    ),
    "target_scorecard": progress.target_scorecard,
    "trade_by_line": trade.trade_by_line,
    "trade_by_line_china_2020": lambda con: trade.trade_by_line(
        con, trade.TradeScope(line="china", year_from=2020, year_to=2020)
    ),
    "monthly_trend": trade.monthly_trend,
    "top_commodities": trade.top_commodities,
    "trade_by_gate_new": lambda con: trade.trade_by_gate(con, trade.TradeScope(period="new", year_from=2024)),
}


@pytest.mark.parametrize("name", QUERIES)
def test_the_pages_queries_answer_the_same_from_the_snapshot(
    name: str, both: tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection]
) -> None:
    from_file, from_snapshot = both
    expected = QUERIES[name](from_file)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(QUERIES[name](from_snapshot), expected)


def test_the_customs_rows_export_reads_the_same_rows_from_the_snapshot_files(
    both: tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection],
) -> None:
    china = Filters(line="china", year_from=2023)
    rows = [trade.detail_table(con, china).to_pandas() for con in both]
    key = ["gate_id", "year", "month", "direction", "hs_section", "partner_country", "value_usd"]
    expected, got = (frame.sort_values(key, ignore_index=True) for frame in rows)
    assert 0 < len(expected) < ROWS
    pd.testing.assert_frame_equal(got, expected)


def test_a_folder_without_the_marker_is_refused(
    tmp_path: Path, published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    unmarked = tmp_path / "copy"
    shutil.copytree(published[1], unmarked)
    (unmarked / "_snapshot.json").unlink()
    monkeypatch.setenv("BORDER_DB", str(unmarked))
    with pytest.raises(NotASnapshot, match=r"without a readable _snapshot\.json: not a Parquet snapshot"):
        resolved_warehouse()
    with pytest.raises(WarehouseMissing):  # what the pages catch to say there is no warehouse
        connect()


def test_file_access_stays_off_except_for_the_fact_tables_folder(
    both: tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection], published: tuple[Path, Path]
) -> None:
    _, con = both
    db, snapshot = published
    assert con.execute("SELECT current_setting('enable_external_access')").fetchall() == [(False,)]
    one_year = next((snapshot / "trade_flows").glob("year=*/*.parquet"))
    assert con.execute(f"SELECT count(*) FROM '{one_year}'").fetchall()[0][0] > 0
    elsewhere = [
        f"SELECT * FROM read_parquet('{snapshot}/sources.parquet')",  # loaded at connect; no reread
        f"SELECT * FROM read_text('{snapshot}/_snapshot.json')",
        f"SELECT * FROM read_text('{snapshot}/trade_flows/../meta.parquet')",
        f"SELECT * FROM read_text('{db}')",
        "SELECT * FROM read_text('/etc/hostname')",
        f"ATTACH '{db}' AS other (READ_ONLY)",
    ]
    for sql in elsewhere:
        with pytest.raises(duckdb.PermissionException):
            con.execute(sql)
    for sql in ("SET enable_external_access = true", "SET allowed_directories = ['/']"):
        with pytest.raises(duckdb.InvalidInputException, match="locked"):
            con.execute(sql)


def test_a_new_snapshot_is_a_new_version_and_the_old_one_is_gone(tmp_path: Path) -> None:
    db, snapshot = tmp_path / "w.duckdb", tmp_path / "snapshot"
    build(db, REFERENCE_DIR, synthetic_rows=1_000, parquet_dir=snapshot)
    first = resolved_warehouse(snapshot)
    build(db, REFERENCE_DIR, synthetic_rows=2_000, parquet_dir=snapshot)
    second = resolved_warehouse(snapshot)
    assert second != first and second.stem == resolved_warehouse(db).stem
    with connect(snapshot) as con:
        assert trade.trade_row_count(con) == 2_000
    with pytest.raises(WarehouseMissing, match=f"no longer {first.name}"):
        connect(first)


@pytest.mark.parametrize("page", PAGE_HEADINGS)
def test_every_page_runs_on_the_snapshot(
    page: str, published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDER_DB", str(published[1]))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert app.title[0].value == t(PAGE_HEADINGS[page], "vi")
    # the session's connection is to the snapshot's version, not to a warehouse file
    assert app.session_state["_con"][0] == str(resolved_warehouse(published[1]))
