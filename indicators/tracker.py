"""The reporting tracker: for a reporting year, which agency has reported what, against the deadlines
of Resolution 23/NQ-CP IV.1.b and Plan 88/KH-UBND IV.

The yearly cycle (the documents' words, in `resolution_tasks`):
- a province's departments report to its Department of Planning and Investment **before 15 November**
  (Plan 88 IV.1); that department sums up for the People's Committee in December (Plan 88 IV.2);
- ministries, central agencies and the border provinces report to the Ministry of Planning and
  Investment **before 30 November** (Resolution 23 IV.1.b);
- that ministry (the Ministry of Finance since 1 March 2025) reports to the Government **in December**
  (Resolution 23 IV.1.b, IV.2).

Rules, kept simple on purpose:
- **Agencies** are those the tasks name (`resolution_tasks`), a joint assignment split into its
  agencies ("Bộ Công an và Bộ Quốc phòng" → both answer for the task; `catalog.task_agencies`). An
  assignment to "every relevant ministry / locality" is one shared row. From 2025 on, a task whose
  agency was merged in the 2025 reorganisation counts for the successor. Each border province's
  People's Committee has a row for its figures.
- **Deadline** by the task's plan: a province's own plan → 15 Nov; the resolution → 30 Nov; the two
  December consolidations (`DECEMBER_TASKS`) → 31 Dec.
- **A task is reported** when a task-status report is dated in the reporting year.
- **Indicators**: an agency answers for the indicators of its topics (`TOPICS_BY_AGENCY`, by the
  agency's name without "Bộ"/"Sở") that its place — the province for a department and for the
  People's Committee (all topics), the country for a ministry — had a value for in one of the two
  years before last (`year - 3`, `year - 2`: a series still reported, not one a new standard ended);
  one counts as reported when it has a value for last year (`year - 1`: the figures a November report
  gives), under either province code of the place.
- **State**: complete (on time, or late when a report is dated after the deadline), not yet due, or
  overdue when `today` is past the deadline and something is missing; nothing to report when the
  agency has no task and no indicator.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from indicators.catalog import agency_key, is_shared_assignment, task_agencies, tasks_with_status
from indicators.domain import COUNTRY

DEPARTMENT_DAY = (11, 15)  # Plan 88 IV.1: departments, before 15 November
CENTRAL_DAY = (11, 30)  # Resolution 23 IV.1.b: ministries and provinces, before 30 November
DECEMBER_DAY = (12, 31)  # Resolution 23 IV.1.b / Plan 88 IV.2: the consolidated report, in December
# The consolidations due in December: the ministry's report to the Government, the province's summary.
DECEMBER_TASKS = {"nq23-IV.2": "government", "kh88-IV.2": "department"}
REORGANISED_FROM = 2025  # ministries merged on 1 March 2025 (Resolution 176/2025/QH15)
STATES = ("overdue", "pending", "late", "done", "nothing_due")

# Topics an agency answers for, by its name without "Bộ "/"Sở " (agency_key, no diacritics).
TOPICS_BY_AGENCY: dict[str, tuple[str, ...]] = {
    "cong thuong": ("trade", "industry"),
    "ke hoach va dau tu": ("economy", "zones"),
    "tai chinh": ("budget",),
    "lao dong thuong binh va xa hoi": ("poverty", "social"),
    "nong nghiep va phat trien nong thon": ("social",),
    "giao thong van tai": ("infrastructure",),
    "xay dung": ("infrastructure",),
    "ngoai giao": ("territory", "gates"),
    "ngoai vu": ("territory", "gates"),
}
_PREFIXES = ("bo ", "so ")

COLUMNS = [
    "agency_vi",
    "agency_en",
    "level",
    "geo_code",
    "place_vi",
    "place_en",
    "deadline",
    "state",
    "days_overdue",
    "n_tasks",
    "tasks_reported",
    "missing_tasks",
    "n_indicators",
    "indicators_reported",
    "missing_indicators",
    "last_report",
    "source_id",
]


def deadline_for(level_day: tuple[int, int], year: int) -> dt.date:
    return dt.date(year, *level_day)


def topics_of(name_vi: str) -> tuple[str, ...]:
    key = agency_key(name_vi)
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    key = key.removesuffix(" tinh")
    return TOPICS_BY_AGENCY.get(key, ())


@dataclass
class _Row:
    agency_vi: str
    agency_en: str
    level: str
    geo_code: str
    day: tuple[int, int]
    source_ids: set[str] = field(default_factory=set)
    tasks: dict[str, str] = field(default_factory=dict)  # task_id → clause
    topics: set[str] = field(default_factory=set)


def _task_level(task: pd.Series) -> tuple[str, tuple[int, int]]:
    if task["task_id"] in DECEMBER_TASKS:
        return DECEMBER_TASKS[task["task_id"]], DECEMBER_DAY
    if task["geo_code"] != COUNTRY:
        return "department", DEPARTMENT_DAY
    return "ministry", CENTRAL_DAY


def _agency_rows(tasks: pd.DataFrame, year: int) -> dict[tuple, _Row]:
    rows: dict[tuple, _Row] = {}
    for _, task in tasks.iterrows():
        level, day = _task_level(task)
        geo = task["geo_code"]
        use_successor = year >= REORGANISED_FROM and isinstance(task["agency_successor_vi"], str)
        vi, en = (
            (task["agency_successor_vi"], task["agency_successor_en"])
            if use_successor
            else (task["agency_vi"], task["agency_en"])
        )
        if is_shared_assignment(vi) or bool(task["for_border_provinces"]):
            agencies = [(vi, en)]
            level = "shared" if level in ("ministry", "department") else level
        else:
            agencies = task_agencies(vi, en) or [(vi, en)]
        # a sole successor of a sole agency answers for the merged agency's topics too
        originals = task_agencies(task["agency_vi"], task["agency_en"])
        inherited = (
            set(topics_of(originals[0][0]))
            if use_successor and len(originals) == 1 and len(agencies) == 1
            else set()
        )
        for name_vi, name_en in agencies:
            key = (agency_key(name_vi), level, geo, day)
            row = rows.setdefault(key, _Row(name_vi, name_en, level, geo, day))
            row.tasks[task["task_id"]] = task["clause"]
            row.source_ids.add(task["source_id"])
            if (
                level in ("ministry", "department") and day != DECEMBER_DAY
            ):  # figures come with the November report
                row.topics |= set(topics_of(name_vi)) | inherited
    return rows


def _border_provinces(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """The border provinces whose figures for `year` are due (the 34 from 2025, when they began)."""
    return con.execute(
        """
        SELECT geo_code AS province_code, name_vi, name_en FROM places
        WHERE period = $period AND len(border_lines) > 0
        ORDER BY geo_code
        """,
        {"period": "new" if year >= 2025 else "old"},
    ).df()


def _place_codes(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """Every code of a place across the 2025 merger: a province → itself, its predecessors and successor."""
    same: dict[str, set[str]] = {COUNTRY: {COUNTRY}}
    for old, new in con.execute("SELECT old_code, new_code FROM province_successions").fetchall():
        same.setdefault(old, {old}).add(new)
        same.setdefault(new, {new}).add(old)
    return same


def reporting_tracker(
    con: duckdb.DuckDBPyConnection, year: int, today: dt.date | None = None
) -> pd.DataFrame:
    """One row per agency (and deadline) for reporting year `year`, judged on `today` (default: the
    date now): its deadline, state (`STATES`), the tasks it reported in the year and the indicators
    with a value for `year - 1`, what is missing, and the documents that set the deadlines
    (`source_id`). Sorted: overdue first, then by deadline and agency."""
    today = today or dt.date.today()
    tasks = tasks_with_status(con)
    reports = con.execute(
        "SELECT task_id, max(reported_on) AS last FROM task_status WHERE year(reported_on) = $y GROUP BY 1",
        {"y": year},
    ).df()
    reported_on = dict(zip(reports["task_id"], reports["last"], strict=True))
    observations = con.execute(
        """
        SELECT o.indicator_code, o.geo_code, o.year, i.topic
        FROM observations o JOIN indicators i USING (indicator_code) WHERE o.year BETWEEN $y - 3 AND $y - 1
        """,
        {"y": year},
    ).df()
    same = _place_codes(con)

    def indicators_for(geo: str, topics: set[str] | None) -> tuple[list[str], list[str]]:
        codes = set()
        for code in same.get(geo, {geo}):
            codes |= same.get(code, {code})
        mine = observations[observations["geo_code"].isin(codes)]
        if topics is not None:
            mine = mine[mine["topic"].isin(topics)]
        have = set(mine.loc[mine["year"] == year - 1, "indicator_code"])
        expected = sorted(set(mine.loc[mine["year"] < year - 1, "indicator_code"]) | have)
        return expected, [c for c in expected if c not in have]

    rows = list(_agency_rows(tasks, year).values())
    plan_sources = dict(zip(tasks["geo_code"], tasks["source_id"], strict=False))
    for province in _border_provinces(con, year).itertuples():
        rows.append(
            _Row(
                f"UBND tỉnh {province.name_vi}",
                f"{province.name_en} Provincial People's Committee",
                "province",
                province.province_code,
                CENTRAL_DAY,
                {"nq23-2022"},
            )
        )
    names = {
        code: (vi, en)
        for code, vi, en in con.execute("SELECT DISTINCT geo_code, name_vi, name_en FROM places").fetchall()
    }
    records = []
    for row in rows:
        deadline = deadline_for(row.day, year)
        missing_tasks = [clause for task_id, clause in row.tasks.items() if task_id not in reported_on]
        dates = [reported_on[t] for t in row.tasks if t in reported_on]
        last = max(dates) if dates else None
        if row.level == "province":
            expected, missing_indicators = indicators_for(row.geo_code, None)
        elif row.topics:
            expected, missing_indicators = indicators_for(row.geo_code, row.topics)
        else:
            expected, missing_indicators = [], []
        if not row.tasks and not expected:
            state = "nothing_due"
        elif not missing_tasks and not missing_indicators:
            state = "late" if last is not None and pd.Timestamp(last).date() > deadline else "done"
        else:
            state = "overdue" if today > deadline else "pending"
        sources = set(row.source_ids)
        if row.level == "department" and row.geo_code in plan_sources:
            sources.add(plan_sources[row.geo_code])
        records.append(
            {
                "agency_vi": row.agency_vi,
                "agency_en": row.agency_en,
                "level": row.level,
                "geo_code": row.geo_code,
                "place_vi": names.get(row.geo_code, (row.geo_code, row.geo_code))[0],
                "place_en": names.get(row.geo_code, (row.geo_code, row.geo_code))[1],
                "deadline": deadline,
                "state": state,
                "days_overdue": (today - deadline).days if state == "overdue" else 0,
                "n_tasks": len(row.tasks),
                "tasks_reported": len(row.tasks) - len(missing_tasks),
                "missing_tasks": ", ".join(missing_tasks),
                "n_indicators": len(expected),
                "indicators_reported": len(expected) - len(missing_indicators),
                "missing_indicators": ", ".join(missing_indicators),
                "last_report": pd.Timestamp(last).date() if last is not None else None,
                "source_id": ";".join(sorted(sources)),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    order = {state: i for i, state in enumerate(STATES)}
    frame["_order"] = frame["state"].map(order)
    frame = frame.sort_values(["_order", "deadline", "level", "agency_vi"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


def state_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many agencies are in each state."""
    return {state: int((frame["state"] == state).sum()) for state in STATES}


def reporting_years(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> list[int]:
    """Years one may track: from the resolution's first reporting year (2022) to this year."""
    today = today or dt.date.today()
    ((first,),) = con.execute(
        "SELECT min(year(issued_on)) FROM sources WHERE source_id = 'nq23-2022'"
    ).fetchall()
    return list(range(int(first or 2022), today.year + 1))


def today() -> dt.date:
    """The date the tracker judges on: today, or `BORDER_TODAY` (YYYY-MM-DD) where tests set it."""
    raw = os.environ.get("BORDER_TODAY", "")
    try:
        return dt.date.fromisoformat(raw) if raw else dt.date.today()
    except ValueError:
        return dt.date.today()
