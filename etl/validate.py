"""Enforce the data contracts: typed cells first (one file at a time), then keys and
relationships across every file of a build. Every problem is collected, none raised early."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from etl.contracts import OBSERVATIONS, RANGE_BY_UNIT, RATE_COMPARATORS, Column, ColumnType, Table
from etl.normalise import clean_text, looks_like_formula, parse_bool, parse_date, parse_int, parse_number
from etl.problems import Problem
from etl.read import RawTable

ORIGIN = ["_file", "_row"]  # where each row came from, carried until load
COUNTRY = "VN"


def _parse_code(value: object) -> str:
    text = clean_text(value)
    if " " in text:
        raise ValueError(f"'{text}' is not a code (codes have no spaces)")
    return text


PARSERS: dict[ColumnType, Callable[[object], object]] = {
    "text": clean_text,
    "code": _parse_code,
    "int": parse_int,
    "number": parse_number,
    "bool": parse_bool,
    "date": parse_date,
}


def typed_cell(column: Column, raw: object, strict: bool) -> object:
    """The typed value of one cell; raises ValueError with a steward-readable message."""
    text = clean_text(raw)
    if text == "":
        if column.required:
            raise ValueError("is required but empty")
        return column.default
    if column.type in ("text", "code") and column.accepted is None and looks_like_formula(text):
        raise ValueError(f"'{text[:40]}' looks like a spreadsheet formula; write plain text")
    value = parse_number(raw, strict) if column.type == "number" else PARSERS[column.type](raw)
    if column.accepted is not None and value not in column.accepted:
        raise ValueError(f"'{value}' is not one of: {', '.join(column.accepted)}")
    if column.pattern is not None and not re.fullmatch(column.pattern, str(value)):
        raise ValueError(f"'{value}' is not {column.pattern_help or 'in the expected form'}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if column.minimum is not None and value < column.minimum:
            raise ValueError(f"{value:g} is below the minimum {column.minimum:g}")
        if column.maximum is not None and value > column.maximum:
            raise ValueError(f"{value:g} is above the maximum {column.maximum:g}")
    return value


def header_problems(file: str, header: list[str], table: Table) -> list[Problem]:
    """Unknown, repeated and missing required columns of one file's header (row 1)."""
    problems: list[Problem] = []
    known = set(table.column_names)
    seen: set[str] = set()
    for name in header:
        if name and name not in known:
            problems.append(
                Problem(file, 1, name or "?", f"unknown column; expected: {', '.join(table.column_names)}")
            )
        if name in seen:
            problems.append(Problem(file, 1, name, "column appears twice"))
        seen.add(name)
    for column in table.columns:
        if column.required and column.name not in seen:
            problems.append(Problem(file, 1, column.name, "required column is missing"))
    return problems


def overflow_problem(file: str, line: int, cells: list[object], width: int) -> Problem | None:
    """A row with filled cells beyond the header's last column, if this is one."""
    extra = [c for c in cells[width:] if clean_text(c)]
    if not extra:
        return None
    return Problem(file, line, "(row)", f"{len(extra)} cell(s) beyond the last column")


def typed_rows(raw: RawTable, table: Table, strict: bool = True) -> tuple[pd.DataFrame, list[Problem]]:
    """Check the header and parse every cell of one file against its table's contract.

    `strict=False` only for the curated reference tables (see `parse_number`)."""
    problems = header_problems(raw.file, raw.header, table)
    if problems:
        return pd.DataFrame(columns=[*table.column_names, *ORIGIN]), problems

    position = {name: i for i, name in enumerate(raw.header) if name}
    records: list[dict[str, object]] = []
    for cells, line in zip(raw.rows, raw.line_numbers, strict=True):
        if overflow := overflow_problem(raw.file, line, cells, len(raw.header)):
            problems.append(overflow)
        record: dict[str, object] = {"_file": raw.file, "_row": line}
        for column in table.columns:
            i = position.get(column.name)
            cell = cells[i] if i is not None and i < len(cells) else None
            try:
                record[column.name] = typed_cell(column, cell, strict)
            except ValueError as exc:
                problems.append(Problem(raw.file, line, column.name, str(exc)))
        records.append(record)
    return pd.DataFrame.from_records(records, columns=[*table.column_names, *ORIGIN]), problems


def _where(row: pd.Series) -> str:
    return f"{row['_file']}:{row['_row']}"


def duplicate_keys(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Every row whose key was already used, within or across files, naming the first use."""
    key = list(table.key)
    dupes = frame[frame.duplicated(key, keep=False)]
    problems = []
    for _, group in dupes.groupby(key, dropna=False, sort=False):
        first = group.iloc[0]
        label = ", ".join(f"{k}={first[k]}" for k in key)
        for _, row in group.iloc[1:].iterrows():
            problems.append(
                Problem(
                    str(row["_file"]),
                    int(row["_row"]),
                    key[-1],
                    f"duplicate key ({label}); first at {_where(first)}",
                )
            )
    return problems


def _valid_years(provinces: pd.DataFrame) -> dict[str, tuple[int, int]]:
    years = {COUNTRY: (0, 9999)}
    for row in provinces.itertuples():
        start = row.valid_from.year if isinstance(row.valid_from, dt.date) else 0
        end = row.valid_to.year if isinstance(row.valid_to, dt.date) else 9999
        years[row.province_code] = (start, end)
    return years


def relationship_problems(frames: dict[str, pd.DataFrame], tables: dict[str, Table]) -> list[Problem]:
    """Keys unique; references resolve; geo codes exist in the year used; values in their unit's range."""
    problems: list[Problem] = []
    for name, frame in frames.items():
        problems += duplicate_keys(frame, tables[name])
    for name, frame in frames.items():
        for column in tables[name].columns:
            if column.references is None:
                continue
            ref_table, ref_column = column.references.split(".")
            known = set(frames[ref_table][ref_column].dropna()) if ref_table in frames else set()
            bad = frame[frame[column.name].notna() & ~frame[column.name].isin(known)]
            for _, row in bad.iterrows():
                problems.append(
                    Problem(
                        row["_file"],
                        int(row["_row"]),
                        column.name,
                        f"unknown {ref_column} '{row[column.name]}'",
                    )
                )

    years = _valid_years(frames["provinces"])
    for name in ("observations", "targets", "resolution_tasks"):
        frame = frames[name]
        year_column = "year" if name == "observations" else "target_year"
        for _, row in frame.iterrows():
            if pd.isna(row["geo_code"]):
                continue  # already reported as a cell problem
            span = years.get(row["geo_code"])
            if span is None:
                problems.append(
                    Problem(
                        row["_file"], int(row["_row"]), "geo_code", f"unknown geo_code '{row['geo_code']}'"
                    )
                )
            elif (
                name == "observations"
                and pd.notna(row[year_column])
                and not span[0] <= row[year_column] <= span[1]
            ):
                problems.append(
                    Problem(
                        row["_file"],
                        int(row["_row"]),
                        "geo_code",
                        f"'{row['geo_code']}' did not exist in {row[year_column]} (valid {span[0]}–{span[1]}); "
                        "use the province code of that period",
                    )
                )
    units = dict(zip(frames["indicators"]["indicator_code"], frames["indicators"]["unit"], strict=True))
    problems += _range_problems(frames["observations"], units)
    problems += _source_date_problems(frames["observations"], frames["sources"])
    problems += _target_problems(frames["targets"])
    return problems


def _source_date_problems(observations: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """A value for a year after its source was issued cannot have been stated by that source: it
    is a forecast or a target, never an observation. (A value for the year of issue itself is an
    in-year figure; by convention it carries status `estimate` unless it is a stock at that date.)"""
    issued = {
        row.source_id: row.issued_on for row in sources.itertuples() if isinstance(row.issued_on, dt.date)
    }
    problems = []
    for _, row in observations.iterrows():
        day = issued.get(row["source_id"])
        year = row["year"]
        if day is None or pd.isna(year) or year <= day.year:
            continue
        problems.append(
            Problem(
                row["_file"],
                int(row["_row"]),
                "year",
                f"{row['status']} value for {year} cites '{row['source_id']}', issued on {day.isoformat()} — "
                f"a source cannot state a value for a year after it was issued (a forecast or a target "
                f"belongs in targets.csv; otherwise cite the later source that reports it)",
            )
        )
    return problems


def _target_problems(targets: pd.DataFrame) -> list[Problem]:
    """Each comparator with the columns it needs: a range its top, a rate its type and period."""
    problems = []
    for _, row in targets.iterrows():
        where = (row["_file"], int(row["_row"]))
        comparator, kind, high = row["comparator"], row["target_type"], row["target_value_high"]
        if comparator in RATE_COMPARATORS and kind != "rate":
            problems.append(
                Problem(*where, "target_type", f"'{kind}' but '{comparator}' is a rate: write rate")
            )
        if kind == "rate" and comparator not in RATE_COMPARATORS:
            problems.append(
                Problem(*where, "comparator", f"'{comparator}' is not a rate ({', '.join(RATE_COMPARATORS)})")
            )
        if comparator == "between" and pd.isna(high):
            problems.append(
                Problem(*where, "target_value_high", "a 'between' target needs the top of its range")
            )
        if pd.notna(high) and comparator not in ("between", *RATE_COMPARATORS):
            problems.append(
                Problem(*where, "target_value_high", f"only a range or a rate has a top, not '{comparator}'")
            )
        if pd.notna(high) and pd.notna(row["target_value"]) and high < row["target_value"]:
            problems.append(Problem(*where, "target_value_high", f"{high:g} is below target_value"))
        if kind == "rate" and (pd.isna(row["target_year"]) or pd.isna(row["baseline_year"])):
            problems.append(
                Problem(
                    *where, "baseline_year", "a rate target needs its period: baseline_year and target_year"
                )
            )
    return problems


def _range_problems(observations: pd.DataFrame, units: dict[str, str]) -> list[Problem]:
    problems = []
    for _, row in observations.iterrows():
        unit = units.get(row["indicator_code"])
        if unit is None or pd.isna(row["value"]):
            continue
        declared = row.get("_unit")
        if isinstance(declared, str) and declared != unit:
            problems.append(
                Problem(
                    row["_file"],
                    int(row["_row"]),
                    "unit",
                    f"'{declared}' but {row['indicator_code']} is in '{unit}'",
                )
            )
        low, high = RANGE_BY_UNIT[unit]
        value = row["value"]
        if low is not None and value < low:
            problems.append(
                Problem(
                    row["_file"], int(row["_row"]), "value", f"{value:g} is below {low:g} for unit '{unit}'"
                )
            )
        if high is not None and value > high:
            problems.append(
                Problem(
                    row["_file"], int(row["_row"]), "value", f"{value:g} is above {high:g} for unit '{unit}'"
                )
            )
    return problems


def submission_as_observations(submission: pd.DataFrame) -> pd.DataFrame:
    """A department's rows in the shape of `observations` (unit kept in `_unit` for the check)."""
    out = submission.rename(columns={"unit": "_unit"})
    out["status"] = "reported"
    out["comparator"] = "="
    out["clause"] = None
    return out[[*OBSERVATIONS.column_names, "_unit", *ORIGIN]]
