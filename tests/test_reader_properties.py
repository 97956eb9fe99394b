"""Property: whatever bytes or cells arrive, the reader and validator answer with clear problems
(`FILE:ROW: column: message`) or clean rows — never an exception."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from etl.build import REFERENCE_DIR, collect
from etl.problems import InvalidInput

HEADER = ["indicator_code", "geo_code", "year", "value", "unit", "source_id", "note"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(
        ["4.270", "1.234,5", '=HYPERLINK("x")', "VN63-20", "trade_through_province", "%", "2021"]
    ),
)


def outcome(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            collect(REFERENCE_DIR, [path])
        except InvalidInput as error:
            for problem in error.problems:
                text = str(problem)
                assert text.startswith(f"{name}:") and text.count(": ") >= 2 and "Traceback" not in text


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
def test_random_bytes_give_only_clear_problems(content: bytes, name: str) -> None:
    outcome(name, content)


@SETTINGS
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=9), max_size=6))
def test_random_csv_cells_give_only_clear_problems(rows: list[list[str]]) -> None:
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, *rows])
    outcome("x.csv", text.getvalue().encode("utf-8"))


@SETTINGS
@given(st.lists(st.lists(cells, min_size=7, max_size=8), min_size=1, max_size=5))
def test_random_excel_cells_give_only_clear_problems(rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    out = io.BytesIO()
    try:
        for row in rows:
            sheet.append(row)
        book.save(out)
    except Exception:  # openpyxl refuses control characters itself: no such file can exist
        return
    outcome("x.xlsx", out.getvalue())
