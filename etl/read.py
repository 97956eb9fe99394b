"""Read one input file (CSV or XLSX) into raw rows, remembering each row's line in the file.

Cells stay raw here (text from CSV, typed values from Excel cells); nothing is validated except
that the file can be read at all. Headers are normalised: NFC, trimmed, lower-case, and a
template header such as "Mã chỉ tiêu (indicator_code)" is read as its code in brackets.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from etl.messages import text as msg
from etl.normalise import clean_text
from etl.problems import FILE_LEVEL, Problem

DATA_SHEET_NAMES = ("dữ liệu", "du lieu", "data")
_BRACKETED_CODE = re.compile(r"\(([a-z_][a-z0-9_]*)\)\s*$")
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class RawTable:
    """Rows of one file: `rows[i]` came from line `line_numbers[i]` (header = line 1)."""

    file: str
    header: list[str]
    rows: list[list[object]]
    line_numbers: list[int]


def normalise_header(cell: object) -> str:
    text = clean_text(cell).lower()
    if match := _BRACKETED_CODE.search(text):
        return match.group(1)
    return text.replace(" ", "_")


def _problem(path: Path, message: str) -> Problem:
    return Problem(path.name, 0, FILE_LEVEL, message)


def read_table(path: Path) -> tuple[RawTable | None, list[Problem]]:
    """Read a CSV or XLSX file; on failure return (None, [problem]) and never raise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [_problem(path, msg("cannot_read", reason=exc.strerror))]
    if not data.strip():
        return None, [_problem(path, msg("empty"))]
    if len(data) > MAX_BYTES:
        return None, [_problem(path, msg("too_large", mb=MAX_BYTES // 2**20))]
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF"):
        return None, [_problem(path, msg("pdf"))]
    if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, data)
    if suffix in (".csv", ".txt"):
        return _read_csv(path, data)
    return None, [_problem(path, msg("unsupported_type", suffix=suffix))]


def _decode(path: Path, data: bytes) -> tuple[str | None, list[Problem]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    if b"\x00" in data[:4096]:
        return None, [_problem(path, msg("binary"))]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(path.name, line, FILE_LEVEL, msg("not_utf8"))]


def csv_delimiter(text: str) -> str:
    """Excel in a Vietnamese locale separates CSV cells with ';' (the comma is the decimal mark)."""
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _read_csv(path: Path, data: bytes) -> tuple[RawTable | None, list[Problem]]:
    text, problems = _decode(path, data)
    if text is None:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    rows: list[list[object]] = []
    lines: list[int] = []
    header: list[str] | None = None
    try:
        start = 1
        for record in reader:
            if header is None:
                header = [normalise_header(c) for c in record]
            elif any(c.strip() for c in record):
                rows.append(list(record))
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        return None, [Problem(path.name, reader.line_num, FILE_LEVEL, msg("bad_csv", error=exc))]
    if not header or not any(header):
        return None, [_problem(path, msg("no_header"))]
    return RawTable(path.name, header, rows, lines), []


def _read_xlsx(path: Path, data: bytes) -> tuple[RawTable | None, list[Problem]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        return None, [_problem(path, msg("bad_xlsx", kind=type(exc).__name__))]
    try:
        sheets = {clean_text(name).lower(): name for name in book.sheetnames}
        name = next((sheets[n] for n in DATA_SHEET_NAMES if n in sheets), book.sheetnames[0])
        rows: list[list[object]] = []
        lines: list[int] = []
        header: list[str] | None = None
        # enumerate from 1: line numbers are the sheet's own row numbers
        for line, values in enumerate(book[name].iter_rows(values_only=True), start=1):
            cells = list(values)
            if header is None:
                if any(clean_text(c) for c in cells):
                    header = [normalise_header(c) for c in cells]
                continue
            if any(clean_text(c) for c in cells):
                rows.append(cells)
                lines.append(line)
    except Exception as exc:  # openpyxl raises many types on corrupt parts
        return None, [_problem(path, msg("bad_xlsx", kind=type(exc).__name__))]
    finally:
        book.close()
    if header is None:
        return None, [_problem(path, msg("sheet_empty", sheet=name))]
    while header and not header[-1]:
        header.pop()
    return RawTable(path.name, header, rows, lines), []
