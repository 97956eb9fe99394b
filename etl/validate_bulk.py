"""Enforce a table's contract on a customs-size file column by column, never cell by cell.

The rules and the messages are those of `etl.validate.typed_cell`; only the work is arranged for
millions of rows: each column's distinct values are checked once (a gate, a section or a year
repeats on every row), numbers already in plain notation are converted in C++, and only the
irregular rest meets the per-cell parser. At most `MAX_PROBLEMS` problems are listed per file, in
row order, followed by how many there are in all.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.contracts import Column, Table
from etl.messages import text as msg
from etl.normalise import DOTTED_THOUSANDS, clean_text
from etl.problems import FILE_LEVEL, Problem
from etl.read_bulk import RawColumns
from etl.validate import header_problems, typed_cell

MAX_PROBLEMS = 200
ARROW_TYPES = {"text": pa.string(), "code": pa.string(), "int": pa.int32(), "number": pa.float64()}
# Text the per-cell parser would take as it is: digits, at most one decimal point (not 4.270).
PLAIN_INT = r"^[0-9]{1,18}$"
PLAIN_DECIMAL = r"^[0-9]{1,18}(\.[0-9]{1,18})?$"
T = TypeVar("T")


class _Checked:
    """One column after checking: typed values, the rows whose cell is refused (`bad`) or names
    an unknown code (`unknown`), and why (worded on demand, for the rows listed)."""

    def __init__(self, column: Column, values: pa.Array, bad: np.ndarray, raw: RawColumns) -> None:
        self.column, self.values, self.bad, self.raw = column, values, bad, raw
        self.unknown = np.zeros(len(bad), dtype=bool)

    def message(self, i: int) -> str:
        """Why row i's cell is refused, in the words of the per-cell parser."""
        numbers = self.raw.numbers.get(self.column.name)
        cell = numbers[i].as_py() if numbers is not None and numbers[i].is_valid else None
        numeric = cell is not None
        if not numeric:
            cell = self.raw.text[self.column.name][i].as_py()
        try:
            typed_cell(self.column, cell, strict=not numeric)
        except ValueError as exc:
            return str(exc)
        return "is not valid"  # unreachable while both paths follow typed_cell


def _spread(cells: pa.Array, verdict: Callable[[Any], T]) -> tuple[list[T], np.ndarray]:
    """`verdict` applied to each distinct cell once; the results and each cell's index into them."""
    encoded = pc.dictionary_encode(cells)
    results = [verdict(cell) for cell in encoded.dictionary.to_pylist()]
    return results, encoded.indices.to_numpy(zero_copy_only=False)


def _distinct_checked(column: Column, cells: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """Typed values and refusals of text cells, each distinct cell parsed once."""

    def verdict(cell: object) -> tuple[object, bool]:
        try:
            return typed_cell(column, cell, strict=True), False
        except ValueError:
            return None, True

    results, indices = _spread(cells, verdict)
    typed = pa.array([r[0] for r in results], ARROW_TYPES[column.type]).take(pa.array(indices))
    return typed, np.asarray([r[1] for r in results], dtype=bool)[indices]


def _numbers_as_text(numbers: pa.Array) -> pa.Array:
    """Numeric cells of a text or code column, as text (2024.0 → '2024'), '' where not numeric."""
    results, indices = _spread(numbers, lambda n: "" if n is None else clean_text(n))
    return pa.array(results, pa.string()).take(pa.array(indices))


def _refused_numbers(column: Column, numbers: np.ndarray) -> np.ndarray:
    """Which typed numbers the column refuses: not finite, not whole for an int, out of range."""
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(numbers)
        if column.type == "int":
            bad |= numbers != np.floor(numbers)
        if column.minimum is not None:
            bad |= numbers < column.minimum
        if column.maximum is not None:
            bad |= numbers > column.maximum
    return bad


def _check_column(column: Column, raw: RawColumns) -> _Checked:
    n = len(raw)
    text = raw.text[column.name]
    numbers = raw.numbers.get(column.name)
    is_number = (
        np.zeros(n, dtype=bool) if numbers is None else numbers.is_valid().to_numpy(zero_copy_only=False)
    )
    if column.type not in ("int", "number"):
        if numbers is not None:  # a code typed as a number in Excel or Parquet: read as its text
            text = pc.if_else(pa.array(is_number), _numbers_as_text(numbers), text)
        values, bad = _distinct_checked(column, text)
        return _Checked(column, values, bad, raw)

    plain = pc.and_(
        pc.match_substring_regex(text, PLAIN_INT if column.type == "int" else PLAIN_DECIMAL),
        pc.invert(pc.match_substring_regex(text, DOTTED_THOUSANDS.pattern)),
    )
    plain_mask = plain.to_numpy(zero_copy_only=False) & ~is_number
    result = np.full(n, np.nan)
    result[plain_mask] = pc.cast(text.filter(pa.array(plain_mask)), pa.float64()).to_numpy()
    if numbers is not None:
        result[is_number] = numbers.to_numpy(zero_copy_only=False)[is_number]
    bad = _refused_numbers(column, result) & (plain_mask | is_number)
    rest = ~(plain_mask | is_number)
    if rest.any():
        rest_values, rest_bad = _distinct_checked(column, text.filter(pa.array(rest)))
        result[rest] = rest_values.cast(pa.float64()).to_numpy(zero_copy_only=False)
        bad[rest] = rest_bad
    empty = np.isnan(result) & ~bad  # an optional cell left blank
    values = pa.array(np.where(bad | empty, 0, result), mask=empty).cast(ARROW_TYPES[column.type])
    return _Checked(column, values, bad, raw)


def typed_columns(
    raw: RawColumns, table: Table, known: Mapping[str, Collection[object]]
) -> tuple[pa.Table | None, list[Problem]]:
    """Every cell of `raw` typed by `table`'s contract, and every reference resolved in `known`
    ("table.column" → its values). The typed table is None when anything is refused."""
    header = header_problems(raw.file, raw.header, table)
    if header:
        return None, [*raw.problems, *header]
    empty = pa.array(np.full(len(raw), "", dtype=object), pa.string())
    raw = replace(raw, text={c.name: raw.text.get(c.name, empty) for c in table.columns})
    checked = [_check_column(column, raw) for column in table.columns]
    for c in checked:
        if c.column.references is not None:
            allowed = pa.array(sorted(known[c.column.references]), ARROW_TYPES[c.column.type])
            present = c.values.is_valid().to_numpy(zero_copy_only=False) & ~c.bad
            c.unknown = present & ~pc.is_in(c.values, value_set=allowed).to_numpy(zero_copy_only=False)
    total = sum(int(c.bad.sum() + c.unknown.sum()) for c in checked)
    problems = [*raw.problems, *_listed(raw, checked)]
    if total > MAX_PROBLEMS:
        problems.append(
            Problem(raw.file, 0, FILE_LEVEL, msg("too_many_problems", total=total, listed=MAX_PROBLEMS))
        )
    if problems:
        return None, problems
    return pa.table({c.column.name: c.values for c in checked}), []


def _listed(raw: RawColumns, checked: list[_Checked]) -> list[Problem]:
    """The first MAX_PROBLEMS problems in row order, each worded as for a small file."""
    flagged = np.zeros(len(raw), dtype=bool)
    for c in checked:
        flagged |= c.bad | c.unknown
    listed: list[Problem] = []
    for i in np.flatnonzero(flagged)[:MAX_PROBLEMS]:
        line = int(raw.lines[i])
        for c in checked:
            if c.bad[i]:
                listed.append(Problem(raw.file, line, c.column.name, c.message(i)))
            elif c.unknown[i]:
                ref_column = str(c.column.references).split(".")[1]
                listed.append(
                    Problem(
                        raw.file,
                        line,
                        c.column.name,
                        msg("unknown_code", column=ref_column, value=c.values[i].as_py()),
                    )
                )
    return listed[:MAX_PROBLEMS]
