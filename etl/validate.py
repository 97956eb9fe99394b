"""Enforce the data contracts: typed cells first (one file at a time), then keys and
relationships across every file of a build. Every problem is collected, none raised early."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from etl import messages
from etl.contracts import OBSERVATIONS, RANGE_BY_UNIT, RATE_COMPARATORS, Column, ColumnType, Table
from etl.messages import text as msg
from etl.normalise import (
    clean_text,
    looks_like_formula,
    parse_bool,
    parse_date,
    parse_int,
    parse_number,
    parse_unit,
)
from etl.problems import Problem
from etl.read import RawTable
from indicators.domain import COUNTRY
from l10n import N_

ORIGIN = ["_file", "_row"]  # where each row came from, carried until load


def _parse_code(value: object) -> str:
    text = clean_text(value)
    if " " in text:
        raise ValueError(msg("not_code", text=text))
    return text


PARSERS: dict[ColumnType, Callable[[object], object]] = {
    "text": clean_text,
    "code": _parse_code,
    "int": parse_int,
    "number": parse_number,
    "bool": parse_bool,
    "date": parse_date,
    "unit": parse_unit,
}


def typed_cell(column: Column, raw: object, strict: bool) -> object:
    """The typed value of one cell; raises ValueError with a steward-readable message."""
    text = clean_text(raw)
    if text == "":
        if column.required:
            raise ValueError(msg("required_empty"))
        return column.default
    if column.type in ("text", "code") and column.accepted is None and looks_like_formula(text):
        raise ValueError(msg("formula", text=text[:40]))
    value = parse_number(raw, strict) if column.type == "number" else PARSERS[column.type](raw)
    if column.accepted is not None and value not in column.accepted:
        raise ValueError(msg("not_one_of", value=value, choices=", ".join(column.accepted)))
    if column.pattern is not None and not re.fullmatch(column.pattern, str(value)):
        raise ValueError(msg("not_pattern", value=value, help=messages.pattern_help(column.pattern_help)))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if column.minimum is not None and value < column.minimum:
            raise ValueError(msg("below_minimum", value=f"{value:g}", minimum=f"{column.minimum:g}"))
        if column.maximum is not None and value > column.maximum:
            raise ValueError(msg("above_maximum", value=f"{value:g}", maximum=f"{column.maximum:g}"))
    return value


def header_problems(file: str, header: list[str], table: Table) -> list[Problem]:
    """Unknown, repeated and missing required columns of one file's header (row 1)."""
    problems: list[Problem] = []
    known = set(table.column_names)
    seen: set[str] = set()
    for name in header:
        if name and name not in known:
            expected = ", ".join(table.column_names)
            problems.append(Problem(file, 1, name or "?", msg("unknown_column", expected=expected)))
        if name in seen:
            problems.append(Problem(file, 1, name, msg("column_twice")))
        seen.add(name)
    for column in table.columns:
        if column.required and column.name not in seen:
            problems.append(Problem(file, 1, column.name, msg("column_missing")))
    return problems


def overflow_problem(file: str, line: int, cells: list[object], width: int) -> Problem | None:
    """A row with filled cells beyond the header's last column, if this is one."""
    extra = [c for c in cells[width:] if clean_text(c)]
    if not extra:
        return None
    return Problem(file, line, "(row)", msg("overflow", n=len(extra)))


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


def _from_submission(row: pd.Series) -> bool:
    """A row of a department's file (the submission template), not of the curated reference data."""
    return isinstance(row.get("_unit"), str)


def duplicate_keys(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Every row whose key was already used, within or across files, naming the first use. Rows a
    revision replaced (`_superseded`) are history, not duplicates; a department's duplicate figure
    is told how to revise it instead."""
    key = list(table.key)
    if "_superseded" in frame:
        frame = frame[~frame["_superseded"].fillna(False).astype(bool)]
    dupes = frame[frame.duplicated(key, keep=False)]
    problems = []
    for _, group in dupes.groupby(key, dropna=False, sort=False):
        first = group.iloc[0]
        label = ", ".join(f"{k}={first[k]}" for k in key)
        for _, row in group.iloc[1:].iterrows():
            wording = N_("duplicate_revise") if _from_submission(row) else N_("duplicate")
            problems.append(
                Problem(
                    str(row["_file"]),
                    int(row["_row"]),
                    key[-1],
                    msg(wording, label=label, where=_where(first)),
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


def relationship_problems(
    frames: dict[str, pd.DataFrame], tables: dict[str, Table], today: dt.date | None = None
) -> list[Problem]:
    """Keys unique; references resolve; geo codes exist in the year used; values in their unit's
    range; a department's figure only for a year that has ended by `today` (default: the date now)."""
    problems: list[Problem] = []
    for name, frame in frames.items():
        if name in tables:
            problems += duplicate_keys(frame, tables[name])
    for name, frame in frames.items():
        if name not in tables:
            continue
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
                        msg("unknown_code", column=ref_column, value=row[column.name]),
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
                        row["_file"],
                        int(row["_row"]),
                        "geo_code",
                        msg("unknown_code", column="geo_code", value=row["geo_code"]),
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
                        msg(
                            "geo_not_in_year",
                            geo=row["geo_code"],
                            year=row[year_column],
                            start=span[0],
                            end=span[1],
                        ),
                    )
                )
    units = dict(zip(frames["indicators"]["indicator_code"], frames["indicators"]["unit"], strict=True))
    today = today or dt.date.today()
    problems += _range_problems(frames["observations"], units)
    problems += _source_date_problems(frames["observations"], frames["sources"])
    problems += _open_year_problems(frames["observations"], today)
    problems += _future_report_problems(frames["task_status"], today)
    problems += _target_problems(frames["targets"])
    return problems


def _open_year_problems(observations: pd.DataFrame, today: dt.date) -> list[Problem]:
    """A department reports a year once it has ended: a figure for the current year (or later) is
    an in-year estimate at best, which the template does not take (it has no status column; the
    curated reference data carries such estimates with status `estimate` and a note)."""
    problems = []
    for _, row in observations.iterrows():
        if not _from_submission(row) or pd.isna(row["year"]) or row["year"] < today.year:
            continue
        problems.append(
            Problem(
                row["_file"],
                int(row["_row"]),
                "year",
                msg("year_not_ended", year=int(row["year"]), today=messages.day(today)),
            )
        )
    return problems


def _future_report_problems(task_status: pd.DataFrame, today: dt.date) -> list[Problem]:
    """A task-status report cannot be dated after today."""
    problems = []
    for _, row in task_status.iterrows():
        day = row["reported_on"]
        if isinstance(day, dt.date) and day > today:
            problems.append(
                Problem(
                    row["_file"],
                    int(row["_row"]),
                    "reported_on",
                    msg("task_report_in_future", day=messages.day(day), today=messages.day(today)),
                )
            )
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
                msg(
                    "source_after_value",
                    status=row["status"],
                    year=year,
                    source=row["source_id"],
                    issued=messages.day(day),
                ),
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
                Problem(*where, "target_type", msg("target_rate_type", kind=kind, comparator=comparator))
            )
        if kind == "rate" and comparator not in RATE_COMPARATORS:
            choices = ", ".join(RATE_COMPARATORS)
            problems.append(
                Problem(*where, "comparator", msg("target_not_rate", comparator=comparator, choices=choices))
            )
        if comparator == "between" and pd.isna(high):
            problems.append(Problem(*where, "target_value_high", msg("target_range_top")))
        if pd.notna(high) and comparator not in ("between", *RATE_COMPARATORS):
            problems.append(
                Problem(*where, "target_value_high", msg("target_top_unused", comparator=comparator))
            )
        if pd.notna(high) and pd.notna(row["target_value"]) and high < row["target_value"]:
            problems.append(Problem(*where, "target_value_high", msg("target_top_below", high=f"{high:g}")))
        if kind == "rate" and (pd.isna(row["target_year"]) or pd.isna(row["baseline_year"])):
            problems.append(Problem(*where, "baseline_year", msg("target_rate_period")))
    return problems


def _range_problems(observations: pd.DataFrame, units: dict[str, str]) -> list[Problem]:
    problems = []
    for _, row in observations.iterrows():
        unit = units.get(row["indicator_code"])
        if unit is None or pd.isna(row["value"]):
            continue
        where = (row["_file"], int(row["_row"]))
        declared = row.get("_unit")
        if isinstance(declared, str) and declared != unit:
            problems.append(
                Problem(
                    *where,
                    "unit",
                    msg(
                        "wrong_unit",
                        declared=messages.unit_word(declared),
                        indicator=row["indicator_code"],
                        unit=messages.unit_word(unit),
                    ),
                )
            )
        low, high = RANGE_BY_UNIT[unit]
        value = row["value"]
        shown = messages.unit_word(unit)
        if low is not None and value < low:
            problems.append(
                Problem(*where, "value", msg("below_unit", value=f"{value:g}", low=f"{low:g}", unit=shown))
            )
        if high is not None and value > high:
            problems.append(
                Problem(*where, "value", msg("above_unit", value=f"{value:g}", high=f"{high:g}", unit=shown))
            )
    return problems


REVISION_COLUMNS = ["revision", "revision_reason"]


def submission_as_observations(submission: pd.DataFrame) -> pd.DataFrame:
    """A department's rows in the shape of `observations` (unit kept in `_unit` for the check,
    the revision flag and reason carried for `etl.revisions.replay`)."""
    out = submission.rename(columns={"unit": "_unit"})
    out["status"] = "reported"
    out["comparator"] = "="
    out["clause"] = None
    out["revision"] = out["revision"].map(lambda v: v is True)  # blank = false
    return out[[*OBSERVATIONS.column_names, "_unit", *REVISION_COLUMNS, *ORIGIN]]
