"""Safe exports: CSV with BOM, OWASP-neutralised text, plain numbers, filters and sources stated;
XLSX with numbers as numbers and no formula cells; the CLI writes the same snapshot."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from etl.build import REFERENCE_DIR, build, collect
from etl.template import write_template
from indicators.catalog import source_list, tasks_with_status
from indicators.export import (
    SOURCE_HEADERS,
    TARGET_HEADERS,
    TASK_HEADERS,
    Snapshot,
    neutralise,
    number_format,
    snapshot,
    table_snapshot,
    target_rows,
    task_rows,
    to_csv_bytes,
    to_xlsx_bytes,
)
from indicators.filters import Filters
from indicators.progress import target_scorecard

LANG_SON = Filters(provinces=("VN63-20",), indicator="trade_through_province")


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_triggers_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_numbers_and_plain_text_untouched() -> None:
    assert neutralise(-5.0) == -5.0 and neutralise("Lạng Sơn") == "Lạng Sơn"


def test_csv_snapshot(con: duckdb.DuckDBPyConnection) -> None:
    raw = to_csv_bytes(snapshot(con, LANG_SON, "v-test"))
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Mã chỉ tiêu", "Chỉ tiêu", "Mã địa bàn", "Địa bàn", "Năm", "Giá trị"]
    lang_son_2021 = [
        r for r in rows if r[:1] == ["trade_through_province"] and r[2] == "VN63-20" and r[4] == "2021"
    ]
    assert len(lang_son_2021) == 1 and lang_son_2021[0][5] == "4270"
    row = dict(zip(rows[0], lang_son_2021[0], strict=False))
    assert row["Mã nguồn"] == "tccs-langson-2022" and row["Nguồn"].startswith("Tạp chí Cộng sản")
    assert row["Đơn vị"] == "triệu USD" and row["Loại số liệu"] == "Số liệu công bố"
    assert row["Mã loại số liệu"] == "reported"
    comments = [r for r in rows if r and r[0].startswith("# ")]
    assert ["# province", "VN63-20", "Tỉnh", "Lạng Sơn"] in comments
    assert any(r[0] == "# tccs-langson-2022" for r in comments)
    assert ["# Phiên bản dữ liệu", "v-test"] in comments


def test_csv_neutralises_injected_text_in_data(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "reference").mkdir()
    for f in REFERENCE_DIR.iterdir():
        (tmp_path / "reference" / f.name).write_bytes(f.read_bytes())
    sources = tmp_path / "reference" / "sources.csv"
    sources.write_text(
        sources.read_text(encoding="utf-8") + "evil,- minus title,Issuer,,,,article,\n", encoding="utf-8"
    )
    (inbox / "s.csv").write_text(
        "indicator_code,geo_code,year,value,unit,source_id,note\n"
        "trade_through_province,VN63-20,2024,-0,million USD,evil,- gạch đầu dòng\n",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    build(db, tmp_path / "reference", inbox)
    con = duckdb.connect(str(db.resolve()), read_only=True)
    text = to_csv_bytes(snapshot(con, LANG_SON, "v")).decode("utf-8-sig")
    assert "'- gạch đầu dòng" in text and "\n- " not in text and ",- " not in text


def test_xlsx_snapshot(con: duckdb.DuckDBPyConnection) -> None:
    book = load_workbook(io.BytesIO(to_xlsx_bytes(snapshot(con, LANG_SON, "v-test"))))
    assert book.sheetnames == ["Dữ liệu", "Thông tin", "Nguồn"]
    data = book["Dữ liệu"]
    values = [r[5] for r in data.iter_rows(min_row=2, values_only=True)]
    assert values and all(isinstance(v, (int, float)) for v in values) and 4270 in values
    assert data.cell(2, 6).number_format in ("#,##0", "#,##0.0", "#,##0.00", "#,##0.000")
    about = {r[0]: r[1] for r in book["Thông tin"].iter_rows(values_only=True)}
    assert about["province"] == "VN63-20" and about["Phiên bản dữ liệu"] == "v-test"
    assert "tccs-langson-2022" in [r[0] for r in book["Nguồn"].iter_rows(values_only=True)]
    for sheet in book.worksheets:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_english_snapshot_headers(con: duckdb.DuckDBPyConnection) -> None:
    snap = snapshot(con, Filters(provinces=("VN63-20",), lang="en"), "v")
    assert (
        to_csv_bytes(snap)
        .decode("utf-8-sig")
        .startswith("Indicator code,Indicator,Place code,Place,Year,Value")
    )
    assert "Lang Son" in set(snap.data["place"])


def test_cli_export_writes_the_same_snapshot(
    warehouse: Path, tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    out = tmp_path / "snap.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "indicators",
            "export",
            "--db",
            str(warehouse),
            "--province",
            "VN63-20",
            "--indicator",
            "trade_through_province",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    version = warehouse.resolve().stem
    assert out.read_bytes() == to_csv_bytes(snapshot(con, LANG_SON, version))
    xlsx = tmp_path / "snap.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "indicators",
            "export",
            "--db",
            str(warehouse),
            "--line",
            "china",
            "--from",
            "2020",
            "--out",
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and load_workbook(xlsx).sheetnames[0] == "Dữ liệu"


def test_cli_export_refuses_unknown_province(warehouse: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "indicators",
            "export",
            "--db",
            str(warehouse),
            "--province",
            "20' OR 1=1 --",
            "--out",
            str(tmp_path / "x.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        done.returncode == 2 and "unknown province code" in done.stderr and not (tmp_path / "x.csv").exists()
    )


def test_template_round_trip(tmp_path: Path) -> None:
    """The template a department fills in passes `check` once a row is typed in."""
    out = tmp_path / "mau.xlsx"
    write_template(out, collect(REFERENCE_DIR).frames)
    book = load_workbook(out)
    assert book.sheetnames[:2] == ["Hướng dẫn", "Dữ liệu"]
    sheet = book["Dữ liệu"]
    assert sheet["A1"].value == "Mã chỉ tiêu (indicator_code)"
    assert sheet.data_validations.dataValidation  # drop-down lists of codes
    sheet.append(
        ["trade_through_province", "VN63-20", 2024, 4975.5, "million USD", "tccs-langson-2022", "thử"]
    )
    book.save(out)
    done = subprocess.run(
        [sys.executable, "-m", "etl", "check", str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------- exports in the reader's language

# Codes and English words a Vietnamese reader should not meet outside the code columns.
NOT_VIETNAMESE = re.compile(
    r"\b(reported|derived|estimate|mapped|summed|no_data|no_report|on_track|off_track|achieved|"
    r"needs_acceleration|bn VND|million USD|Rows|Filters|Data version|all border provinces)\b|>=|<="
)


# The columns that carry coded values or labels (not the curators' free-text notes and quotes).
CODED_COLUMNS = {
    "Đơn vị",
    "Loại số liệu",
    "Quy đổi địa giới",
    "So sánh",
    "Tình trạng",
    "Tình trạng báo cáo",
    "Loại",
}
CODED_COLUMNS |= {"Nhóm nhiệm vụ", "Tên nhóm nhiệm vụ", "Cơ quan ban hành / đơn vị", "Lý do đánh giá"}


def _readable_cells(raw: bytes) -> list[str]:
    """What a reader reads of a CSV besides the curated text: the headers, the columns of coded
    values, and the comment lines but for their URL parameter names and code values."""
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = rows[0]
    coded = [i for i, h in enumerate(header) if h in CODED_COLUMNS]
    cells = list(header)
    for row in rows[1:]:
        if not row:
            continue
        if row[0].startswith("# "):
            is_parameter = row[0][2:] in {"province", "line", "from", "to", "indicator", "period", "lang"}
            is_source = len(row) == 2 and not row[0][2:].startswith(("Phiên", "Số"))
            cells += row[2:] if is_parameter else row[:1] if is_source else row
            continue
        cells += [row[i] for i in coded if i < len(row)]
    return cells


def _snapshots(con: duckdb.DuckDBPyConnection, lang: str) -> dict[str, Snapshot]:
    card = target_scorecard(con)
    tasks = tasks_with_status(con)
    f = Filters(lang=lang)
    return {
        "observations": snapshot(con, Filters(provinces=("VN63-20",), lang=lang), "v"),
        "observations-34": snapshot(con, Filters(period="new", lang=lang), "v"),
        "targets": table_snapshot(con, target_rows(card, lang), TARGET_HEADERS, f, "v"),
        "tasks": table_snapshot(con, task_rows(tasks, lang), TASK_HEADERS, f, "v"),
        "sources": table_snapshot(con, source_list(con), SOURCE_HEADERS, f, "v"),
    }


def test_vietnamese_exports_carry_no_codes_or_english_labels(con: duckdb.DuckDBPyConnection) -> None:
    """Given each download in Vietnamese, expect labels and coded values in Vietnamese (≥, tỷ đồng,
    «Số liệu công bố», «Chưa có báo cáo»), the codes only in their own «Mã …» columns."""
    for name, snap in _snapshots(con, "vi").items():
        text = "\n".join(_readable_cells(to_csv_bytes(snap)))
        assert not NOT_VIETNAMESE.findall(text), (name, sorted(set(NOT_VIETNAMESE.findall(text))))
    snaps = _snapshots(con, "vi")
    targets = snaps["targets"].data
    assert {"≥", "≈"} & set(targets["comparator"]) and not {">=", "~"} & set(targets["comparator"])
    assert set(targets["status_code"]) <= {
        "achieved",
        "on_track",
        "needs_acceleration",
        "off_track",
        "no_data",
    }
    assert "Chưa có dữ liệu" in set(targets["status"]) or "Đã đạt" in set(targets["status"])
    assert "tỷ đồng" in set(snaps["observations"].data["unit"]) | set(targets["unit"])
    crosswalk = snaps["observations-34"].data
    assert {"mapped", "summed"} <= set(crosswalk["crosswalk_code"])
    assert {"Chuyển mã 1–1", "Cộng từ tỉnh cũ"} <= set(crosswalk["crosswalk"])
    tasks = snaps["tasks"].data
    assert set(tasks["status"]) == {"Chưa có báo cáo"} and set(tasks["status_code"]) == {"no_report"}
    assert not tasks["group_name"].str.fullmatch(r"\(\d\)").any()
    assert "Phát triển kết cấu hạ tầng khu vực biên giới" in set(tasks["group_name"])


def test_english_exports_name_issuers_and_values_in_english(con: duckdb.DuckDBPyConnection) -> None:
    snaps = _snapshots(con, "en")
    assert "Reported" in set(snaps["observations"].data["status"])
    assert "Government of Viet Nam" in set(snaps["sources"].data["issuer"])
    assert "Legal document" in set(snaps["sources"].data["kind"])
    book = load_workbook(io.BytesIO(to_xlsx_bytes(snaps["targets"])))
    issuers = {r[2] for r in book["Sources"].iter_rows(min_row=2, values_only=True)}
    assert "Government of Viet Nam" in issuers and "Chính phủ" not in issuers
    about = [r for r in book["About"].iter_rows(values_only=True)]
    assert ("Rows", len(snaps["targets"].data)) in [(r[0], r[1]) for r in about]


def test_xlsx_number_formats_widths_and_header(con: duckdb.DuckDBPyConnection) -> None:
    """Whole numbers display without a trailing separator («5», not «5.»), decimals as many as the
    value has, years without a thousands separator; columns sized; the header bold and frozen."""
    assert number_format("value", 5.0) == "#,##0"
    assert number_format("value", 4270) == "#,##0"
    assert number_format("value", 5.88) == "#,##0.00"
    assert number_format("value", 0.5) == "#,##0.0"
    assert number_format("year", 2021) == "0" and number_format("latest_year", 2021.0) == "0"
    snap = snapshot(con, Filters(provinces=("VN63-20",)), "v")
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(snap)))["Dữ liệu"]
    header = [c.value for c in sheet[1]]
    value_col, year_col = header.index("Giá trị") + 1, header.index("Năm") + 1
    for row in range(2, sheet.max_row + 1):
        value = sheet.cell(row, value_col).value
        fmt = sheet.cell(row, value_col).number_format
        if isinstance(value, (int, float)):
            assert not fmt.endswith(".") and fmt != "#,##0.###", fmt
            assert (fmt == "#,##0") == float(value).is_integer(), (value, fmt)
        assert sheet.cell(row, year_col).number_format == "0"
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert widths["B"] > 20 and 8 <= widths["E"] <= 12, widths  # indicator names wide, years narrow


def test_task_export_states_the_pages_own_filters(con: duckdb.DuckDBPyConnection) -> None:
    tasks = tasks_with_status(con)
    extra = [("agency", "Bộ Quốc phòng", "Cơ quan", "Bộ Quốc phòng")]
    snap = table_snapshot(con, task_rows(tasks, "vi"), TASK_HEADERS, Filters(), "v", extra)
    rows = list(csv.reader(io.StringIO(to_csv_bytes(snap).decode("utf-8-sig"))))
    assert ["# agency", "Bộ Quốc phòng", "Cơ quan", "Bộ Quốc phòng"] in rows
    assert ["# Số dòng", str(len(tasks))] in rows


def test_observation_exports_carry_the_comparator(con: duckdb.DuckDBPyConnection) -> None:
    """A lower bound leaves as a lower bound: '>' beside 5000; an exact value has no sign."""
    snap = snapshot(con, Filters(indicator="land_border_length"), "v")
    row = snap.data[snap.data["geo_code"] == "VN"].iloc[0]
    assert (row["comparator"], row["value"]) == (">", 5000)
    assert "Dấu của giá trị (>, ≈)" in to_csv_bytes(snap).decode("utf-8-sig").splitlines()[0]
    assert snapshot(con, LANG_SON, "v").data["comparator"].isna().all()
