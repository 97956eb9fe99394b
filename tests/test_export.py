"""Safe exports: CSV with BOM, OWASP-neutralised text, plain numbers, filters and sources stated;
XLSX with numbers as numbers and no formula cells; the CLI writes the same snapshot."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from etl.build import REFERENCE_DIR, build, collect
from etl.template import write_template
from indicators.export import neutralise, snapshot, to_csv_bytes, to_xlsx_bytes
from indicators.filters import Filters

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
    assert "tccs-langson-2022" in lang_son_2021[0][9]
    comments = [r for r in rows if r and r[0].startswith("# ")]
    assert ["# province", "VN63-20"] in comments
    assert any(r[0] == "# tccs-langson-2022" for r in comments)
    assert any(r[0].startswith("# Phiên bản") and r[1] == "v-test" for r in comments)


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
    assert data.cell(2, 6).number_format == "#,##0.###"
    about = dict(book["Thông tin"].iter_rows(values_only=True))
    assert about["province"] == "VN63-20" and about["Phiên bản dữ liệu / Data version"] == "v-test"
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
