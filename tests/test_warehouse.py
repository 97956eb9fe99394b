"""Contracts on the built warehouse: every figure the seed documents state is present with its
year, unit and source; and the build refuses a reference row that repeats a key or cites an unknown
source, naming the file, row and column."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from etl import messages
from etl.build import REFERENCE_DIR, collect
from etl.contracts import REFERENCE_TABLES, Table
from etl.problems import InvalidInput

# (indicator_code, geo_code, year, value, unit, source_id) — ../shared/seeds/README.md
SEED_FIGURES = [
    ("border_trade_turnover", "VN", 2020, 30000, "million USD", "nq23-2022"),
    ("border_trade_share_national_trade", "VN", 2020, 5.5, "%", "nq23-2022"),
    ("border_trade_share_neighbour_trade", "VN", 2020, 21.5, "%", "nq23-2022"),
    ("bez_count", "VN", 2022, 26, "count", "nq23-2022"),
    # "267 clusters, 36.6%": one statement (MOIT, 16 Aug 2021) that the resolution repeats, stored once
    ("industrial_clusters_count", "VN", 2021, 267, "count", "thoidai-2021-08-16"),
    ("industrial_clusters_share", "VN", 2021, 36.6, "%", "thoidai-2021-08-16"),
    ("border_power_output_share", "VN", 2022, 44, "%", "nq23-2022"),
    ("land_border_length", "VN", 2022, 5000, "km", "nq23-2022"),
    ("gates_international_count", "VN63-20", 2022, 2, "count", "tccs-langson-2022"),
    ("gates_main_count", "VN63-20", 2022, 1, "count", "tccs-langson-2022"),
    ("gates_secondary_count", "VN63-20", 2022, 9, "count", "tccs-langson-2022"),
    ("border_districts_count", "VN63-20", 2022, 5, "count", "kh88-2022"),
    ("border_communes_count", "VN63-20", 2022, 21, "count", "kh88-2022"),
    ("grdp_growth", "VN63-20", 2021, 6.67, "% yoy", "tccs-langson-2022"),
    ("trade_through_province", "VN63-20", 2021, 4270, "million USD", "tccs-langson-2022"),
    ("trade_through_province_growth", "VN63-20", 2021, 52, "% yoy", "tccs-langson-2022"),
    ("state_budget_revenue", "VN63-20", 2021, 10649.6, "bn VND", "tccs-langson-2022"),
    ("state_budget_revenue_growth", "VN63-20", 2021, 48, "% yoy", "tccs-langson-2022"),
    ("new_rural_communes_added", "VN63-20", 2021, 10, "count", "tccs-langson-2022"),
    ("advanced_new_rural_communes_added", "VN63-20", 2021, 5, "count", "tccs-langson-2022"),
    ("poor_household_rate_2016_2020", "VN63-20", 2021, 5.88, "%", "tccs-langson-2022"),
]


@pytest.mark.parametrize("figure", SEED_FIGURES, ids=[f"{f[0]}-{f[1]}-{f[2]}" for f in SEED_FIGURES])
def test_every_seed_figure_is_loaded_with_year_unit_and_source(
    con: duckdb.DuckDBPyConnection, figure: tuple
) -> None:
    indicator, geo, year, value, unit, source = figure
    row = con.execute(
        "SELECT o.value, i.unit, o.source_id, o.clause FROM observations o JOIN indicators i USING (indicator_code) "
        "WHERE indicator_code = ? AND geo_code = ? AND year = ?",
        [indicator, geo, year],
    ).fetchone()
    assert row is not None, f"{indicator} {geo} {year} missing"
    assert row[0] == pytest.approx(value) and row[1] == unit and row[2] == source and row[3]


def test_seed_targets_carry_their_clauses(con: duckdb.DuckDBPyConnection) -> None:
    targets = {
        (r[0], r[1]): r[2:]
        for r in con.execute(
            "SELECT source_id, clause, indicator_code, geo_code, target_value FROM targets"
        ).fetchall()
    }
    assert targets[("nq23-2022", "III.1.h")] == ("health_stations_with_doctor_share", "VN", 100)
    assert targets[("kh88-2022", "III.10")] == ("health_stations_with_doctor_share", "VN63-20", 100)
    gate_budget = [v for (src, _), v in targets.items() if v[0] == "gate_infrastructure_budget"]
    assert gate_budget == [("gate_infrastructure_budget", "VN63-20", 1000)]


def test_lang_son_border_gates_and_length(con: duckdb.DuckDBPyConnection) -> None:
    gates = dict(
        con.execute("SELECT gate_id, gate_type FROM border_gates WHERE province_code = 'VN63-20'").fetchall()
    )
    assert list(gates.values()).count("international") == 2 and gates.get("ls-chi-ma") == "main"
    length = con.execute(
        "SELECT length_km FROM province_borders WHERE province_code = 'VN63-20' AND border_line = 'china'"
    ).fetchall()[0]
    assert length == (pytest.approx(231.74),)


def test_provinces_before_and_after_the_merger(con: duckdb.DuckDBPyConnection) -> None:
    counts = dict(con.execute("SELECT left(province_code, 4), count(*) FROM provinces GROUP BY 1").fetchall())
    assert counts == {"VN63": 63, "VN34": 34}
    assert con.execute(
        "SELECT count(DISTINCT old_code), count(DISTINCT new_code) FROM province_successions"
    ).fetchall()[0] == (63, 34)
    border = dict(
        con.execute(
            "SELECT left(province_code, 4), count(DISTINCT province_code) FROM province_borders GROUP BY 1"
        ).fetchall()
    )
    assert border == {"VN63": 25, "VN34": 22}
    two_lines = {
        r[0]
        for r in con.execute(
            "SELECT province_code FROM province_borders GROUP BY 1 HAVING count(*) = 2"
        ).fetchall()
    }
    assert {"VN63-11", "VN63-62", "VN34-11", "VN34-51"} <= two_lines


def test_economic_zones(con: duckdb.DuckDBPyConnection) -> None:
    assert con.execute("SELECT count(*), count(*) FILTER (is_key_zone) FROM economic_zones").fetchall()[
        0
    ] == (
        26,
        8,
    )
    lines = {r[0] for r in con.execute("SELECT DISTINCT border_line FROM economic_zones").fetchall()}
    assert lines == {"china", "laos", "cambodia"}


REFERENCE_FILES = [t for t in REFERENCE_TABLES if (REFERENCE_DIR / f"{t.name}.csv").is_file()]


def _edited_reference(
    tmp_path: Path, tables: list[Table], edit: Callable[[list[dict[str, str]]], list[dict[str, str]]]
) -> Path:
    """A copy of data/reference in which `edit` has rewritten the rows of each table's CSV."""
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    for table in tables:
        path = folder / f"{table.name}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = list(reader.fieldnames or ()), list(reader)
        out = io.StringIO()
        writer = csv.DictWriter(out, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(edit(rows))
        path.write_text(out.getvalue(), encoding="utf-8")
    return folder


def _problems(reference: Path) -> list[str]:
    with messages.language("en"), pytest.raises(InvalidInput) as refused:
        collect(reference)
    return [str(p) for p in refused.value.problems]


def test_a_repeated_key_is_refused_in_every_reference_table(tmp_path: Path) -> None:
    """Given each table's first row again at its end, expect one refusal per table at that row."""
    rows_by_table = {
        t.name: len(list(csv.DictReader(io.StringIO((REFERENCE_DIR / f"{t.name}.csv").read_text("utf-8")))))
        for t in REFERENCE_FILES
    }
    problems = _problems(_edited_reference(tmp_path, REFERENCE_FILES, lambda rows: [*rows, rows[0]]))
    for table in REFERENCE_FILES:
        repeated_at = rows_by_table[table.name] + 2  # the header is row 1
        prefix = f"{table.name}.csv:{repeated_at}: {table.key[-1]}: duplicate key ("
        assert any(p.startswith(prefix) and p.endswith(f"first at {table.name}.csv:2") for p in problems), (
            prefix,
            [p for p in problems if p.startswith(table.name)],
        )


def test_an_unknown_source_is_refused_in_every_table_that_cites_one(tmp_path: Path) -> None:
    citing = [
        t
        for t in REFERENCE_FILES
        if "source_id" in t.column_names and t.column("source_id").references == "sources.source_id"
    ]
    problems = _problems(
        _edited_reference(
            tmp_path, citing, lambda rows: [{**rows[0], "source_id": "no-such-source"}, *rows[1:]]
        )
    )
    for table in citing:
        assert f"{table.name}.csv:2: source_id: unknown source_id 'no-such-source'" in problems, table.name


def test_derived_values_say_how(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT note FROM observations WHERE status = 'derived'").fetchall()
    assert rows and all(note and "erived" in note for (note,) in rows)


def test_all_text_is_nfc(con: duckdb.DuckDBPyConnection) -> None:
    import unicodedata

    for table in REFERENCE_TABLES:
        text_columns = [c.name for c in table.columns if c.type in ("text", "code")]
        for row in con.execute(f"SELECT {', '.join(text_columns)} FROM {table.name}").fetchall():
            assert all(v is None or unicodedata.is_normalized("NFC", v) for v in row), (table.name, row)
