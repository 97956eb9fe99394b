"""Trade flows: the page's queries on given rows, customs submissions refused clearly (CSV,
Parquet, XLSX) with the vectorised checks saying exactly what the per-cell parser says, the
synthetic generator's shape, the Parquet snapshot, and the Gates page in both languages."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from etl import messages
from etl.build import REFERENCE_DIR, build, collect
from etl.contracts import TRADE_FLOWS
from etl.problems import InvalidInput
from etl.read_bulk import RawColumns
from etl.synthetic import SOURCE_ID
from etl.validate import typed_cell
from etl.validate_bulk import MAX_PROBLEMS, typed_columns
from indicators import trade
from indicators.db import connect
from indicators.domain import BORDER_LINES
from indicators.filters import Filters
from indicators.i18n import t
from indicators.scope import TradeScope

ROOT = Path(__file__).resolve().parent.parent
HEADER = list(TRADE_FLOWS.column_names)
SOURCE = "tccs-langson-2022"
M = 1e6
# (gate, year, month, direction, HS section, partner, value in USD) — the given rows.
GIVEN = [
    ("ls-huu-nghi", 2023, 1, "export", "II", "CN", 100 * M),  # Lạng Sơn, China line
    ("ls-huu-nghi", 2024, 1, "export", "II", "CN", 150 * M),
    ("ls-huu-nghi", 2024, 1, "export", "II", "CN", 50 * M),  # a second line of the same month
    ("ls-huu-nghi", 2024, 2, "import", "XVI", "CN", 300 * M),
    ("hg-thanh-thuy", 2024, 1, "import", "V", "CN", 80 * M),  # Hà Giang → Tuyên Quang in 2025
    ("la-binh-hiep", 2024, 3, "export", "VII", "KH", 40 * M),  # Long An → Tây Ninh
    ("tn-phuoc-tan", 2024, 3, "import", "IX", "KH", 60 * M),  # Tây Ninh → Tây Ninh
    ("ht-cau-treo", 2024, 12, "export", "II", "LA", 25 * M),  # Hà Tĩnh, Laos line
]


@pytest.fixture(autouse=True)
def english_messages():
    """These tests pin the English wording; Vietnamese, the default, is tests/test_messages.py's."""
    with messages.language("en"):
        yield


def given_frame() -> pd.DataFrame:
    frame = pd.DataFrame(GIVEN, columns=HEADER[:-1])
    frame["source_id"] = SOURCE
    return frame


def csv_text(rows: list[list[object]], header: list[str] = HEADER) -> str:
    return "\n".join(",".join(str(c) for c in row) for row in [header, *rows]) + "\n"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        collect(REFERENCE_DIR, [path])
    return [str(p) for p in caught.value.problems]


@pytest.fixture(scope="session")
def trade_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference data and the given rows, submitted as a customs CSV."""
    folder = tmp_path_factory.mktemp("trade")
    (folder / "inbox").mkdir()
    given_frame().to_csv(folder / "inbox" / "customs-2024.csv", index=False)
    db = folder / "warehouse.duckdb"
    build(db, REFERENCE_DIR, folder / "inbox")
    return db


@pytest.fixture
def tcon(trade_warehouse: Path) -> duckdb.DuckDBPyConnection:
    connection = connect(trade_warehouse)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def synthetic_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    db = folder / "warehouse.duckdb"
    build(db, REFERENCE_DIR, synthetic_rows=10_000, parquet_dir=folder / "snapshot")
    return db


def by(frame: pd.DataFrame, key: str, column: str = "turnover_musd") -> dict[str, float]:
    return {k: round(v, 6) for k, v in zip(frame[key], frame[column], strict=True)}


# --- the page's queries on given rows -------------------------------------------------------------


def test_rollup_sums_lines_of_the_same_month(tcon: duckdb.DuckDBPyConnection) -> None:
    assert trade.trade_row_count(tcon) == len(GIVEN)
    value, n = tcon.execute(
        "SELECT value_usd, n_rows FROM trade_monthly WHERE gate_id = 'ls-huu-nghi' AND year = 2024 AND month = 1"
    ).fetchall()[0]
    assert (value, n) == (200 * M, 2)
    assert tcon.execute("SELECT count(*) FROM trade_monthly").fetchall()[0][0] == len(GIVEN) - 1


def test_turnover_by_line_with_shares_and_year_filter(tcon: duckdb.DuckDBPyConnection) -> None:
    lines = trade.trade_by_line(tcon)
    assert list(lines["border_line"]) == ["china", "cambodia", "laos"]
    assert by(lines, "border_line") == {"china": 680, "cambodia": 100, "laos": 25}
    assert by(lines, "border_line", "export_musd") == {"china": 300, "cambodia": 40, "laos": 25}
    assert lines["share_pct"].sum() == pytest.approx(100)
    assert lines["share_pct"].iloc[0] == pytest.approx(100 * 680 / 805)
    assert by(trade.trade_by_line(tcon, TradeScope(year_from=2024)), "border_line")["china"] == 580


def test_turnover_by_province_in_either_period(tcon: duckdb.DuckDBPyConnection) -> None:
    old = trade.trade_by_province(tcon, TradeScope(period="old"))
    assert by(old, "geo_code") == {"VN63-20": 600, "VN63-02": 80, "VN63-72": 60, "VN63-80": 40, "VN63-42": 25}
    new = trade.trade_by_province(tcon, TradeScope(period="new"))
    assert by(new, "geo_code") == {"VN34-20": 600, "VN34-80": 100, "VN34-08": 80, "VN34-42": 25}
    assert new.set_index("geo_code").loc["VN34-08", "name_vi"] == "Tuyên Quang"
    only = trade.trade_by_province(tcon, TradeScope(provinces=("VN34-80",), period="new"))
    assert by(only, "geo_code") == {"VN34-80": 100}


def test_gates_ranked_with_their_province(tcon: duckdb.DuckDBPyConnection) -> None:
    gates = trade.trade_by_gate(tcon, TradeScope(line="china"))
    assert list(gates["gate_id"]) == ["ls-huu-nghi", "hg-thanh-thuy"]
    assert list(gates["rank"]) == [1, 2]
    assert gates.iloc[0]["province_vi"] == "Lạng Sơn" and gates.iloc[0]["gate_type"] == "international"
    assert by(gates, "gate_id", "import_musd") == {"ls-huu-nghi": 300, "hg-thanh-thuy": 80}


def test_monthly_trend_against_the_same_month_a_year_before(tcon: duckdb.DuckDBPyConnection) -> None:
    trend = trade.monthly_trend(tcon, TradeScope(year_from=2024)).set_index("month")
    assert list(trend.index) == [1, 2, 3, 12] and set(trend["year"]) == {2024}
    assert trend.loc[1, "turnover_musd"] == pytest.approx(280)
    assert trend.loc[1, "previous_year_musd"] == pytest.approx(100)  # 2023 lies before the filter
    assert trend.loc[1, "change_pct"] == pytest.approx(180)
    assert pd.isna(trend.loc[2, "previous_year_musd"]) and pd.isna(trend.loc[2, "change_pct"])


def test_top_commodities_and_balance(tcon: duckdb.DuckDBPyConnection) -> None:
    sections = trade.top_commodities(tcon)
    assert list(sections["hs_section"]) == ["II", "XVI", "V", "IX", "VII"]
    assert sections.iloc[0]["turnover_musd"] == pytest.approx(325)
    assert sections.iloc[1]["name_en"].startswith("Machinery")
    balance = trade.trade_balance(tcon).set_index("year")
    assert balance.loc[2023, "balance_musd"] == pytest.approx(100)  # no imports that year
    assert balance.loc[2024, "export_musd"] == pytest.approx(265)
    assert balance.loc[2024, "balance_musd"] == pytest.approx(265 - 440)
    assert trade.trade_balance(tcon, TradeScope(provinces=("VN63-42",))).iloc[0][
        "export_musd"
    ] == pytest.approx(25)
    assert trade.trade_balance(tcon, TradeScope(line="laos", year_from=2020, year_to=2023)).empty


def test_sources_and_summary_of_the_selection(tcon: duckdb.DuckDBPyConnection) -> None:
    sources = trade.trade_sources(tcon)
    assert list(sources["source_id"]) == [SOURCE] and sources.iloc[0]["n_rows"] == len(GIVEN)
    summary = trade.yearly_summary(tcon, TradeScope(line="china", year_from=2024))
    assert summary["value_musd"].sum() == pytest.approx(580) and summary["n_rows"].sum() == 4
    assert set(trade.SUMMARY_HEADERS) == set(summary.columns)


def test_detailed_csv_of_the_filtered_rows(tcon: duckdb.DuckDBPyConnection) -> None:
    data = trade.detail_csv(tcon, Filters(line="china", year_from=2024, lang="en"), "v1")
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    table, _, about = text.partition("\n\n")
    frame = pd.read_csv(io.StringIO(table))
    assert list(frame.columns) == [t(message_id, "en") for message_id in trade.DETAIL_HEADERS.values()]
    assert len(frame) == 4 and frame["Value (USD)"].sum() == pytest.approx(580 * M)
    assert set(frame["Province"]) == {"Lang Son", "Ha Giang"}
    assert "# line,china" in about and "# Rows,4" in about and f"# {SOURCE}," in about
    assert '# HS XVI,"Machinery' in about
    vi = trade.detail_csv(tcon, Filters(provinces=("VN34-80",), period="new"), "v1").decode("utf-8-sig")
    assert (
        vi.splitlines()[0].startswith("Mã cửa khẩu,Cửa khẩu") and len(vi.split("\n\n")[0].splitlines()) == 3
    )


# --- customs submissions refused clearly -----------------------------------------------------------

BAD_ROWS = [
    ["ls-huu-nghi", 2024, 1, "export", "II", "CN", 1000, SOURCE],  # fine
    ["nowhere", 2024, 13, "sideways", "XXX", "cn", -5, SOURCE],
    ["ls-huu-nghi", 2024, 1, "export", "II", "CN", "4.270", "no-such-source"],
    ["ls-huu-nghi", "", 1, "export", "II", "CN", '"1,5"', SOURCE],
]
EXPECTED = [
    ":3: gate_id: unknown gate_id 'nowhere'",
    ":3: month: 13 is above the maximum 12",
    ":3: direction: 'sideways' is not one of: export, import",
    ":3: hs_section: unknown hs_section 'XXX'",
    ":3: partner_country: 'cn' is not a two-letter ISO 3166-1 country code",
    ":3: value_usd: -5 is below the minimum 0",
    ":4: value_usd: '4.270' is ambiguous",
    ":4: source_id: unknown source_id 'no-such-source'",
    ":5: year: is required but empty",
    ":5: value_usd: '1,5' is ambiguous (comma)",
]


def test_bad_csv_submission_is_refused_cell_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "customs.csv"
    path.write_text(csv_text(BAD_ROWS), encoding="utf-8")
    problems = problems_of(path)
    for expected in EXPECTED:
        assert any(p.startswith("customs.csv" + expected) for p in problems), (expected, problems)
    assert len(problems) == len(EXPECTED)


def test_bad_parquet_submission_names_its_records(tmp_path: Path) -> None:
    frame = given_frame()
    frame.loc[2, "month"] = 13
    frame.loc[5, "value_usd"] = -1.5
    frame.loc[6, "gate_id"] = "nowhere"
    path = tmp_path / "customs.parquet"
    frame.to_parquet(path)
    assert problems_of(path) == [
        "customs.parquet:4: month: 13 is above the maximum 12",
        "customs.parquet:7: value_usd: -1.5 is below the minimum 0",
        "customs.parquet:8: gate_id: unknown gate_id 'nowhere'",
    ]


def test_missing_column_and_unreadable_parquet(tmp_path: Path) -> None:
    path = tmp_path / "customs.csv"
    path.write_text(csv_text([row[:-3] + row[-2:] for row in BAD_ROWS[:1]], HEADER[:5] + HEADER[6:]))
    assert problems_of(path) == ["customs.csv:1: partner_country: required column is missing"]
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    assert problems_of(broken)[0].startswith("broken.parquet:0: (file): is not a readable Parquet file")


def test_a_big_bad_file_lists_the_first_problems_and_counts_them(tmp_path: Path) -> None:
    rows = [["ls-huu-nghi", 2024, 1 + i % 12, "export", "II", "CN", -1, SOURCE] for i in range(500)]
    path = tmp_path / "customs.csv"
    path.write_text(csv_text(rows))
    problems = problems_of(path)
    assert problems[0] == f"customs.csv:0: (file): 500 problems in all; the first {MAX_PROBLEMS} are listed"
    assert len(problems) == MAX_PROBLEMS + 1 and problems[-1].startswith("customs.csv:201: value_usd:")


def test_irregular_csv_keeps_true_line_numbers(tmp_path: Path) -> None:
    """A blank line, a quoted line break and a ragged row send the file to the row reader."""
    text = csv_text(BAD_ROWS[:1]) + "\n" + 'ls-huu-nghi,2024,2,export,II,"C\nN",5,' + SOURCE + "\n"
    text += ",".join(str(c) for c in BAD_ROWS[0]) + ",extra\n"
    path = tmp_path / "customs.csv"
    path.write_text(text)
    assert problems_of(path) == [
        "customs.csv:4: partner_country: 'C\nN' is not a two-letter ISO 3166-1 country code such as CN, LA or KH",
        "customs.csv:6: (row): 1 cell(s) beyond the last column",
    ]


def test_xlsx_and_semicolon_csv_customs_files_are_accepted(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["ls-huu-nghi", 2024, 1, "export", "II", "CN", 4.27, SOURCE])  # numeric cell: not ambiguous
    book.save(tmp_path / "customs.xlsx")
    (tmp_path / "customs.csv").write_text(csv_text(BAD_ROWS[:1]).replace(",", ";"), encoding="utf-8-sig")
    inputs = collect(REFERENCE_DIR, [tmp_path / "customs.xlsx", tmp_path / "customs.csv"])
    assert [t.num_rows for t in inputs.trade_flows] == [1, 1]
    assert inputs.trade_flows[0].column("value_usd").to_pylist() == [4.27]
    assert inputs.files[-2:] == ["inbox/customs.xlsx", "inbox/customs.csv"]


CELLS = [
    "4270",
    "4.270",
    "0.270",
    "1,5",
    " 12 ",
    "12\u00a0",
    "+5",
    "-5",
    "1e3",
    ".5",
    "5.",
    "0012",
    "abc",
    "",
]
CELLS += ["12%", "nan", "inf", "1.234.567", "=1+1", "2024.0", "１２"]


@pytest.mark.parametrize("column", ["year", "month", "value_usd", "gate_id", "direction", "partner_country"])
def test_vectorised_checks_agree_with_the_per_cell_parser(column: str) -> None:
    contract = TRADE_FLOWS.column(column)
    text = {c.name: pa.array(["ls-huu-nghi"] * len(CELLS), pa.string()) for c in TRADE_FLOWS.columns}
    text[column] = pa.array(CELLS, pa.string())
    raw = RawColumns("f.csv", HEADER, text, {}, np.arange(2, len(CELLS) + 2))
    known = {c.references: {"ls-huu-nghi"} for c in TRADE_FLOWS.columns if c.references}
    _, problems = typed_columns(raw, TRADE_FLOWS, known)
    flagged = {p.row - 2: p.message for p in problems if p.column == column}
    for i, cell in enumerate(CELLS):
        try:
            typed_cell(contract, cell, strict=True)
        except ValueError as error:
            assert flagged.get(i) == str(error), (cell, flagged.get(i))
        else:
            assert i not in flagged or flagged[i].startswith("unknown"), (cell, flagged[i])


# --- synthetic trade flows and the Parquet snapshot -------------------------------------------------


def test_synthetic_rows_have_a_realistic_shape(synthetic_warehouse: Path) -> None:
    with connect(synthetic_warehouse) as con:
        assert con.execute("SELECT count(*) FROM trade_flows").fetchall()[0][0] == 10_000
        assert con.execute("SELECT DISTINCT source_id::VARCHAR FROM trade_flows").fetchall() == [(SOURCE_ID,)]
        assert con.execute("SELECT kind FROM sources WHERE source_id = ?", [SOURCE_ID]).fetchall()[0] == (
            "synthetic",
        )
        lines = by(trade.trade_by_line(con), "border_line", "share_pct")
        assert set(lines) == set(BORDER_LINES) and lines["china"] > 60
        months = trade.monthly_trend(con).groupby("month")["turnover_musd"].sum()
        assert months[2] < months[12]  # Tết is slow, the year-end busy
        sections = trade.top_commodities(con)
        assert sections["share_pct"].head(3).sum() > 40  # a few sections carry most of the value
        neighbours = con.execute(
            "SELECT avg((partner_country::VARCHAR IN ('CN', 'LA', 'KH'))::INT) FROM trade_flows"
        ).fetchall()[0][0]
        assert neighbours > 0.9
        yearly = trade.trade_balance(con)["turnover_musd"]
        assert yearly.mean() == pytest.approx(30_000, rel=0.05)  # about 30 bn USD a year


def test_synthetic_build_is_reproducible_and_the_cli_needs_rows(tmp_path: Path) -> None:
    hashes = []
    for name in ("a", "b"):
        build(tmp_path / name / "w.duckdb", REFERENCE_DIR, synthetic_rows=2_000)
        with connect(tmp_path / name / "w.duckdb") as con:
            hashes.append(con.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchall()[0])
    assert hashes[0] == hashes[1]
    cli = [sys.executable, "-m", "etl", "synthetic", "--db", str(tmp_path / "c" / "w.duckdb")]
    done = subprocess.run([*cli, "--rows", "0"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "--rows" in done.stderr


def test_parquet_snapshot_is_readable_by_duckdb(synthetic_warehouse: Path) -> None:
    snapshot = synthetic_warehouse.parent / "snapshot"
    marker = json.loads((snapshot / "_snapshot.json").read_text())
    assert marker["tables"]["trade_flows"] == 10_000
    years = sorted(p.name for p in (snapshot / "trade_flows").iterdir())
    assert years[0] == "year=2016" and years[-1] == "year=2025"
    con = duckdb.connect()
    flows = f"read_parquet('{snapshot}/trade_flows/**/*.parquet', hive_partitioning = true)"
    assert con.execute(f"SELECT count(*), count(DISTINCT year) FROM {flows}").fetchall()[0] == (10_000, 10)
    assert con.execute(f"SELECT DISTINCT typeof(gate_id) FROM {flows}").fetchall() == [("VARCHAR",)]
    observations = f"read_parquet('{snapshot}/observations/**/*.parquet', hive_partitioning = true)"
    assert (
        con.execute(f"SELECT count(*) FROM {observations}").fetchall()[0][0]
        == marker["tables"]["observations"]
    )
    assert con.execute(f"SELECT count(*) FROM '{snapshot}/hs_sections.parquet'").fetchall()[0][0] == 21


def test_parquet_snapshot_of_a_warehouse_without_trade(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    build(tmp_path / "w.duckdb", REFERENCE_DIR, tmp_path / "inbox", parquet_dir=tmp_path / "pq")
    con = duckdb.connect()
    empty = con.execute(
        f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/trade_flows/*.parquet')"
    ).fetchall()[0]
    assert empty == (0,)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "keep.txt").write_text("not a snapshot")
    with pytest.raises(FileExistsError):
        build(tmp_path / "w.duckdb", REFERENCE_DIR, tmp_path / "inbox", parquet_dir=tmp_path / "elsewhere")


# --- the Gates page ------------------------------------------------------------------------------


def gates_page(db: Path, monkeypatch: pytest.MonkeyPatch, lang: str = "vi", line: str = "all") -> AppTest:
    """The Gates page with the sidebar's language and border line set as a user sets them."""
    monkeypatch.setenv("BORDER_DB", str(db))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/gates.py")
    app.run()
    app.sidebar.radio(key="w_lang").set_value(lang).run()
    app.sidebar.selectbox(key="w_line").set_value(line).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_gates_page_says_when_there_is_no_trade_yet(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    app = gates_page(warehouse, monkeypatch, lang=lang)
    assert app.title[0].value == t("page_gates", lang)
    assert [i.value for i in app.info] == [t("trade_empty", lang)]
    assert not app.metric and not app.warning


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_gates_page_on_synthetic_trade(
    synthetic_warehouse: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    app = gates_page(synthetic_warehouse, monkeypatch, lang=lang)
    banner = app.warning[0]  # Streamlit shows the message's leading emoji as the alert's icon
    assert banner.icon + " " + banner.value == t("synthetic_banner", lang)
    assert [s.value for s in app.main.subheader] == [
        t(k, lang)
        for k in ("by_line", "by_province", "by_gate", "monthly_trend", "top_commodities", "balance_by_year")
    ]
    assert len(app.dataframe) == 6
    turnover = app.metric[0].value
    assert ("," in turnover) if lang == "vi" else ("." in turnover)  # one decimal, in the reader's notation
    lines = app.dataframe[0].value
    assert set(lines[t("line", lang)]) == {t(line, lang) for line in BORDER_LINES}


def test_gates_page_follows_the_filters(synthetic_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = gates_page(synthetic_warehouse, monkeypatch, line="laos", lang="en")
    assert list(app.dataframe[0].value["Border line"]) == ["Viet Nam – Laos"]
    provinces = set(app.dataframe[1].value["Code"])
    with connect(synthetic_warehouse) as con:
        laos = set(
            con.execute("SELECT province_code FROM border_gates WHERE border_line = 'laos'").df()[
                "province_code"
            ]
        )
    assert provinces <= laos
