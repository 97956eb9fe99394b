"""Read a customs-size input (CSV, XLSX or Parquet) into raw columns, each record keeping its line.

`etl.read` goes row by row in Python, which suits reference tables and department submissions;
trade flows run to millions of rows. Here a regular CSV is parsed by pyarrow in C++ and a Parquet
file is read as typed; XLSX (at most 1,048,576 rows, Excel's own limit) and irregular CSV (line
breaks inside quotes, ragged rows, UTF-16) still go through `etl.read`, whose rows are then
turned into columns. Nothing is validated here except that the file can be read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from etl.messages import text as msg
from etl.normalise import clean_text
from etl.problems import FILE_LEVEL, Problem
from etl.read import RawTable, csv_delimiter, normalise_header, read_table
from etl.validate import overflow_problem

MAX_BYTES = 4 * 2**30
HEADER_PEEK_BYTES = 64 * 1024
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass
class RawColumns:
    """The cells of one file by column: `text[name][i]` and `numbers[name][i]` are record i's
    cell, found at line `lines[i]` (header = line 1; for Parquet the record number + 1).

    A cell is either text (then its number is null) or a number typed as such by the file — an
    Excel numeric cell or a Parquet numeric column — (then its text is ''). A column without any
    numeric cell has no entry in `numbers`."""

    file: str
    header: list[str]
    text: dict[str, pa.Array]
    numbers: dict[str, pa.Array]
    lines: np.ndarray
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)


def csv_header(path: Path) -> list[str]:
    """The normalised header of a CSV file, read from its first bytes; [] if it cannot be read."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEADER_PEEK_BYTES)
    except OSError:
        return []
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8-sig", errors="replace")
    try:
        cells = next(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)), [])
    except csv.Error:
        return []
    return [normalise_header(c) for c in cells]


def read_columns(path: Path) -> tuple[RawColumns | None, list[Problem]]:
    """Read a CSV, XLSX or Parquet file into columns; on failure (None, [problem]), never raise."""
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return _read_parquet(path)
    if path.suffix.lower() == ".csv":
        columns = _read_regular_csv(path)
        if columns is not None:
            return columns, []
    raw, problems = read_table(path)
    return (None, problems) if raw is None else (columns_from_rows(raw), problems)


def columns_from_rows(raw: RawTable) -> RawColumns:
    """Columns of a file read row by row (XLSX, irregular CSV)."""
    width = len(raw.header)
    problems = [
        overflow
        for cells, line in zip(raw.rows, raw.line_numbers, strict=True)
        if (overflow := overflow_problem(raw.file, line, cells, width))
    ]
    text: dict[str, pa.Array] = {}
    numbers: dict[str, pa.Array] = {}
    for i, name in enumerate(raw.header):
        if not name or name in text:
            continue
        cells = [cells[i] if i < len(cells) else None for cells in raw.rows]
        is_number = [isinstance(c, (int, float)) and not isinstance(c, bool) for c in cells]
        text[name] = pa.array(["" if num else clean_text(c) for c, num in zip(cells, is_number, strict=True)])
        if any(is_number):
            numbers[name] = pa.array(
                [float(c) if num else None for c, num in zip(cells, is_number, strict=True)], pa.float64()
            )
    return RawColumns(raw.file, raw.header, text, numbers, np.asarray(raw.line_numbers, np.int64), problems)


def _read_regular_csv(path: Path) -> RawColumns | None:
    """A UTF-8 CSV whose records are one line each, parsed in C++; None when the file is anything
    else (unreadable, too big, UTF-16, ragged, line breaks inside quotes), for `etl.read` to handle."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if not data.strip() or data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        return None
    head = data[:HEADER_PEEK_BYTES].decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=csv_delimiter(head))
    try:
        header = [normalise_header(c) for c in next(reader)]
    except (csv.Error, StopIteration):
        return None
    header_lines = reader.line_num
    ragged = 0

    def count_ragged(_: object) -> str:
        nonlocal ragged
        ragged += 1
        return "skip"

    try:
        table = pa_csv.read_csv(
            pa.py_buffer(data),
            read_options=pa_csv.ReadOptions(
                skip_rows=header_lines, column_names=[f"c{i}" for i in range(len(header))]
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=csv_delimiter(head),
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=count_ragged,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys((f"c{i}" for i in range(len(header))), pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None  # e.g. not UTF-8: `etl.read` says where
    physical_lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if ragged or table.num_rows != physical_lines - header_lines:
        return None  # a record spans lines, or rows are ragged: line numbers need the slow reader
    lines = np.arange(header_lines + 1, header_lines + 1 + table.num_rows, dtype=np.int64)
    blank = np.ones(table.num_rows, dtype=bool)
    for column in table.columns:
        blank &= pc.equal(pc.utf8_trim_whitespace(column), "").to_numpy(zero_copy_only=False)
    keep = pa.array(~blank)
    text: dict[str, pa.Array] = {}
    for i, name in enumerate(header):
        if name and name not in text:
            text[name] = pc.filter(table.column(i), keep).combine_chunks()
    return RawColumns(path.name, header, text, {}, lines[~blank])


def _read_parquet(path: Path) -> tuple[RawColumns | None, list[Problem]]:
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        return None, [Problem(path.name, 0, FILE_LEVEL, msg("bad_parquet", kind=type(exc).__name__))]
    header = [normalise_header(name) for name in table.column_names]
    text: dict[str, pa.Array] = {}
    numbers: dict[str, pa.Array] = {}
    empty = pa.array(np.full(table.num_rows, "", dtype=object), pa.string())
    for name, column in zip(header, table.columns, strict=True):
        if not name or name in text:
            continue
        kind = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
        if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
            text[name] = empty
            numbers[name] = pc.cast(column, pa.float64()).combine_chunks()
        else:
            text[name] = pc.fill_null(pc.cast(column, pa.string()), "").combine_chunks()
    lines = np.arange(2, table.num_rows + 2, dtype=np.int64)
    return RawColumns(path.name, header, text, numbers, lines), []
