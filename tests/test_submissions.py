"""The catalogue of bad submissions: each is refused with `FILE:ROW: column: message` (or accepted
and cleaned where that is clearly right), never a traceback, and the served warehouse is unchanged."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from etl.build import REFERENCE_DIR, build, collect
from etl.problems import InvalidInput

HEADER = "indicator_code,geo_code,year,value,unit,source_id,note\n"
GOOD = "trade_through_province,VN63-20,2024,5000,million USD,tccs-langson-2022,\n"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(rows)).encode("utf-8")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Dữ liệu"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems_for(tmp_path: Path, name: str, content: bytes, lang: str = "en") -> list[str]:
    """The problems of one file, in English (the catalogue below; tests/test_messages.py checks
    that each is worded in Vietnamese by default)."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        collect(REFERENCE_DIR, [path], lang=lang)
    return [str(p) for p in caught.value.problems]


BAD = [
    # (case, file name, content, expected text in one problem)
    (
        "missing column",
        "s.csv",
        csv_bytes(GOOD, header="indicator_code,geo_code,year,value,source_id,note\n"),
        "s.csv:1: unit: required column is missing",
    ),
    (
        "unknown column",
        "s.csv",
        csv_bytes(header=HEADER.strip() + ",extra\n"),
        "s.csv:1: extra: unknown column",
    ),
    (
        "wrong type",
        "s.csv",
        csv_bytes("trade_through_province,VN63-20,năm 2024,5000,million USD,tccs-langson-2022,\n"),
        "s.csv:2: year: 'năm 2024' is not a number",
    ),
    ("empty file", "s.csv", b"", "s.csv:0: (file): is empty"),
    ("header only", "s.csv", csv_bytes(), None),
    ("random bytes", "s.csv", bytes(range(256)) * 4, "s.csv:0: (file): is binary"),
    ("renamed pdf", "s.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "s.xlsx:0: (file): is a PDF"),
    ("broken xlsx", "s.xlsx", b"PK\x03\x04garbage", "s.xlsx:0: (file): is not a readable XLSX workbook"),
    ("windows-1258", "s.csv", csv_bytes() + "Sơn La".encode("cp1258"), "is not UTF-8 text"),
    (
        "ambiguous dotted",
        "s.csv",
        csv_bytes("trade_through_province,VN63-20,2024,4.270,million USD,tccs-langson-2022,\n"),
        "s.csv:2: value: '4.270' is ambiguous",
    ),
    (
        "ambiguous comma",
        "s.csv",
        csv_bytes('trade_through_province,VN63-20,2024,"1.234,5",million USD,tccs-langson-2022,\n'),
        "s.csv:2: value: '1.234,5' is ambiguous (comma)",
    ),
    (
        "share over 100",
        "s.csv",
        csv_bytes("poverty_rate_multidim_gso,VN63-20,2024,120,%,tccs-langson-2022,\n"),
        "s.csv:2: value: 120 is above 100 for unit '%'",
    ),
    (
        "negative turnover",
        "s.csv",
        csv_bytes("trade_through_province,VN63-20,2024,-5,million USD,tccs-langson-2022,\n"),
        "s.csv:2: value: -5 is below 0 for unit 'million USD'",
    ),
    (
        "unknown indicator",
        "s.csv",
        csv_bytes("gdp_magic,VN63-20,2024,5,million USD,tccs-langson-2022,\n"),
        "s.csv:2: indicator_code: unknown indicator_code 'gdp_magic'",
    ),
    (
        "unknown province",
        "s.csv",
        csv_bytes("trade_through_province,VN63-99,2024,5,million USD,tccs-langson-2022,\n"),
        "s.csv:2: geo_code: unknown geo_code 'VN63-99'",
    ),
    (
        "unknown source",
        "s.csv",
        csv_bytes("trade_through_province,VN63-20,2024,5,million USD,my-report,\n"),
        "s.csv:2: source_id: unknown source_id 'my-report'",
    ),
    ("duplicate within file", "s.csv", csv_bytes(GOOD, GOOD), "s.csv:3: year: duplicate key"),
    (
        "duplicate of reference",
        "s.csv",
        csv_bytes("trade_through_province,VN63-20,2021,4270,million USD,tccs-langson-2022,\n"),
        "s.csv:2: year: duplicate key (indicator_code=trade_through_province, geo_code=VN63-20, year=2021); first at observations.csv",
    ),
    (
        "year out of range",
        "s.csv",
        csv_bytes("trade_through_province,VN63-20,2210,5,million USD,tccs-langson-2022,\n"),
        "s.csv:2: year: 2210 is above the maximum 2035",
    ),
    (
        "post-merger code in 2020",
        "s.csv",
        csv_bytes("trade_through_province,VN34-20,2020,5,million USD,tccs-langson-2022,\n"),
        "s.csv:2: geo_code: 'VN34-20' did not exist in 2020",
    ),
    (
        "pre-merger code in 2026",
        "s.csv",
        csv_bytes("trade_through_province,VN63-20,2026,5,million USD,tccs-langson-2022,\n"),
        "s.csv:2: geo_code: 'VN63-20' did not exist in 2026",
    ),
    (
        "formula text",
        "s.csv",
        csv_bytes(
            'trade_through_province,VN63-20,2024,5,million USD,tccs-langson-2022,"=HYPERLINK(""http://x"")"\n'
        ),
        "s.csv:2: note: '=HYPERLINK(\"http://x\")' looks like a spreadsheet formula",
    ),
    (
        "wrong unit",
        "s.csv",
        csv_bytes("trade_through_province,VN63-20,2024,5,bn VND,tccs-langson-2022,\n"),
        "s.csv:2: unit: 'bn VND' but trade_through_province is in 'million USD'",
    ),
    (
        "too many cells",
        "s.csv",
        csv_bytes(GOOD.strip() + ",x,y\n"),
        "s.csv:2: (row): 2 cell(s) beyond the last column",
    ),
    ("unknown layout", "s.csv", b"a,b\n1,2\n", "s.csv:1: (file): unknown layout"),
    ("unsupported type", "s.pdf", b"hello", "s.pdf:0: (file): has an unsupported type '.pdf'"),
    (
        "xlsx text ambiguous",
        "s.xlsx",
        xlsx_bytes(
            [
                HEADER.strip().split(","),
                ["trade_through_province", "VN63-20", 2024, "4.270", "million USD", "tccs-langson-2022"],
            ]
        ),
        "s.xlsx:2: value: '4.270' is ambiguous",
    ),
]


@pytest.mark.parametrize(("case", "name", "content", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_submission_is_refused_clearly(
    tmp_path: Path, case: str, name: str, content: bytes, expected: str | None
) -> None:
    if expected is None:  # header only: nothing to load is not an error
        path = tmp_path / name
        path.write_bytes(content)
        assert collect(REFERENCE_DIR, [path]).files[-1] == f"inbox/{name}"
        return
    problems = problems_for(tmp_path, name, content)
    assert any(expected in p for p in problems), problems
    for p in problems:
        file, row, column, message = p.split(":", 3)
        assert file == name and row.isdigit() and column.strip() and message.strip()


ACCEPTED_AND_CLEANED = [
    ("utf-8 bom", "\ufeff".encode() + csv_bytes(GOOD)),
    ("utf-16 with bom", (HEADER + GOOD).encode("utf-16")),
    ("semicolons (Vietnamese Excel)", csv_bytes(GOOD.replace(",", ";"), header=HEADER.replace(",", ";"))),
    (
        "nfd and stray spaces",
        csv_bytes(
            unicodedata.normalize(
                "NFD",
                " trade_through_province ,\u00a0VN63-20, 2024 , 5000 ,million USD,"
                "tccs-langson-2022, Sở Công Thương báo cáo \n",
            )
        ),
    ),
    (
        "vietnamese template headers",
        csv_bytes(
            GOOD,
            header="Mã chỉ tiêu (indicator_code),Mã địa bàn (geo_code),"
            "Năm (year),Giá trị (value),Đơn vị (unit),Mã nguồn (source_id),"
            "Ghi chú (note)\n",
        ),
    ),
    (
        "numeric excel cell 4.27",
        xlsx_bytes(
            [
                HEADER.strip().split(","),
                ["trade_through_province", "VN63-20", 2024, 4.27, "million USD", "tccs-langson-2022"],
            ]
        ),
    ),
]


@pytest.mark.parametrize(("case", "content"), ACCEPTED_AND_CLEANED, ids=[c[0] for c in ACCEPTED_AND_CLEANED])
def test_clean_variants_are_accepted(tmp_path: Path, case: str, content: bytes) -> None:
    name = "s.xlsx" if content.startswith(b"PK") else "s.csv"
    path = tmp_path / name
    path.write_bytes(content)
    obs = collect(REFERENCE_DIR, [path]).frames["observations"]
    row = obs[obs["_file"] == name].iloc[0]
    assert row["indicator_code"] == "trade_through_province" and row["geo_code"] == "VN63-20"
    assert row["year"] == 2024 and row["status"] == "reported"
    for value in row[["indicator_code", "geo_code", "note"]].dropna():
        assert unicodedata.is_normalized("NFC", value) and value == value.strip()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_build_leaves_served_warehouse_byte_for_byte(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "warehouse.duckdb"
    build(db, REFERENCE_DIR, inbox)
    served, before = db.resolve(), digest(db)
    versions_before = sorted((tmp_path / "versions").iterdir())
    (inbox / "bad.csv").write_bytes(
        csv_bytes(GOOD, "trade_through_province,VN63-20,2025,4.270,million USD,x,\n")
    )
    with pytest.raises(InvalidInput):
        build(db, REFERENCE_DIR, inbox)
    assert db.resolve() == served and digest(db) == before
    assert sorted((tmp_path / "versions").iterdir()) == versions_before  # no half-built file left


def test_cli_check_prints_every_problem_and_exits_non_zero(tmp_path: Path) -> None:
    bad = tmp_path / "so-cong-thuong.csv"
    bad.write_bytes(
        csv_bytes(
            "trade_through_province,VN63-20,2024,4.270,million USD,tccs-langson-2022,\n",
            "poverty_rate_multidim_gso,VN63-20,2024,120,%,tccs-langson-2022,\n",
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "etl", "check", str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "so-cong-thuong.csv:2: value: '4.270' không rõ nghĩa" in result.stderr  # Vietnamese by default
    assert "so-cong-thuong.csv:3: value: 120 lớn hơn 100 đối với đơn vị '%'" in result.stderr
    assert "Traceback" not in result.stderr
    english = subprocess.run(
        [sys.executable, "-m", "etl", "check", str(bad), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert english.returncode == 1
    assert "so-cong-thuong.csv:2: value: '4.270' is ambiguous" in english.stderr
    assert "so-cong-thuong.csv:3: value: 120 is above 100" in english.stderr


def test_cli_check_accepts_a_good_file(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(GOOD))
    result = subprocess.run(
        [sys.executable, "-m", "etl", "check", str(good)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Hợp lệ: 1 tệp") and "1 dòng số liệu" in result.stdout
