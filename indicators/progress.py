"""Progress against targets: the status method (documented on the Sources & methods page, in both
languages as the message `method_detail`) and the scorecard of every target with the value that judges it.

Method, after Open SDG and the SDSN dashboards. A target has a type (`targets.target_type`):

- **level** — reach (or, without a deadline, keep) a level. **achieved** when the latest value meets
  the target by its comparator (`~` "about" within ±5%; `between` a range, met from the end the
  indicator's direction favours: "7 - 7,5%" growth is met at 7%); **off track** when the deadline
  has passed unmet, when a standing target is not kept, or when the value moved away from the
  target since the baseline; otherwise the *pace*: the share of the baseline→target distance
  covered divided by the share of the baseline→deadline time elapsed, ≥ 1 **on track**, ≥ 0.5
  **needs acceleration**, below **off track**. Without a baseline the first value after the
  document serves as one; with a single value the pace cannot be judged (**no data**).
- **annual** — a one-year plan figure (e.g. the province's 2023 plan): judged only on the value of
  that year, **achieved** or **off track**; **no data** until the year's value is published.
- **rate** — an average change per year over the period baseline_year → target_year
  (`reduce_by_per_year`: points of the indicator's unit a year, e.g. percentage points of a poverty
  rate; `increase_by_per_year`: % a year, compound). The observed rate is the change between the
  first and the last value inside the period divided by the years between them (compound for
  increases). Pace = observed rate / required rate (the lower end of a range such as "1 - 1,5
  points"). At or above the required rate: **achieved** when the last value is of the final year,
  else **on track**; pace ≥ 0.5: **needs acceleration** (**off track** once the period is over);
  moving the wrong way or below half the pace: **off track**; fewer than two values in the
  period (one standard — indicators never mix poverty standards): **no data**.

The trend arrow compares the latest value with the one before it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from indicators.scope import period_of

ABOUT_TOLERANCE = 0.05  # "khoảng 1.000 tỷ đồng": within 5% counts as met
ON_TRACK_PACE, ACCELERATE_PACE = 1.0, 0.5
RATE_COMPARATORS = ("reduce_by_per_year", "increase_by_per_year")


@dataclass(frozen=True)
class Assessment:
    status: str
    share_of_way: float | None  # 0..1+ of the baseline→target distance covered
    reason: str  # an i18n key (indicators.i18n): why this status
    pace: float | None = None  # share of the way / share of the time elapsed (rate: observed / required)


def _met(
    value: float, comparator: str, target: float, high: float | None = None, higher_is_better: bool = True
) -> bool:
    if comparator == ">=":
        return value >= target
    if comparator == "<=":
        return value <= target
    if comparator == ">":
        return value > target
    if comparator == "<":
        return value < target
    if comparator == "~":
        return abs(value - target) <= ABOUT_TOLERANCE * abs(target)
    if comparator == "between":
        top = target if high is None else high
        return value >= target if higher_is_better else value <= top
    return math.isclose(value, target)


def _aim(comparator: str, target: float, high: float | None, higher_is_better: bool) -> float:
    """The level the pace is measured against: a range's favourable end."""
    if comparator == "between" and high is not None and not higher_is_better:
        return high
    return target


def assess(
    comparator: str,
    target: float,
    target_year: int | None,
    baseline: float | None,
    baseline_year: int | None,
    latest: float | None,
    latest_year: int | None,
    target_high: float | None = None,
    higher_is_better: bool = True,
) -> Assessment:
    """The status of one level target given its baseline and latest value (see the module doc)."""
    if latest is None or latest_year is None:
        return Assessment("no_data", None, "reason_no_value")
    if _met(latest, comparator, target, target_high, higher_is_better):
        return Assessment("achieved", 1.0, "reason_met")
    if target_year is None:  # a standing target ("keep 100%"): met or not, no pace to judge
        return Assessment("off_track", None, "reason_standing_unmet")
    if latest_year >= target_year:
        return Assessment("off_track", None, "reason_deadline_passed")
    if baseline is None or baseline_year is None or baseline_year >= latest_year:
        return Assessment("no_data", None, "reason_no_baseline")
    distance = _aim(comparator, target, target_high, higher_is_better) - baseline
    share = (latest - baseline) / distance if distance else 0.0
    elapsed = (latest_year - baseline_year) / (target_year - baseline_year)
    if share < 0:
        return Assessment("off_track", share, "reason_moved_away")
    pace = share / elapsed if elapsed > 0 else 0.0
    if pace >= ON_TRACK_PACE:
        return Assessment("on_track", share, "reason_pace", pace)
    if pace >= ACCELERATE_PACE:
        return Assessment("needs_acceleration", share, "reason_pace", pace)
    return Assessment("off_track", share, "reason_pace", pace)


def assess_annual(
    comparator: str,
    target: float,
    value: float | None,
    target_high: float | None = None,
    higher_is_better: bool = True,
) -> Assessment:
    """A one-year plan figure against the value of that very year (None: not published yet)."""
    if value is None:
        return Assessment("no_data", None, "reason_no_value")
    if _met(value, comparator, target, target_high, higher_is_better):
        return Assessment("achieved", 1.0, "reason_met")
    return Assessment("off_track", None, "reason_deadline_passed")


def observed_rate(comparator: str, points: list[tuple[int, float]]) -> float | None:
    """Average change a year between the first and last (year, value) points: points of the unit a
    year (a fall counted positive) for `reduce_by_per_year`, compound % a year for increases."""
    points = sorted(points)
    if len(points) < 2 or points[-1][0] == points[0][0]:
        return None
    (y0, v0), (y1, v1) = points[0], points[-1]
    years = y1 - y0
    if comparator == "reduce_by_per_year":
        return (v0 - v1) / years
    if v0 <= 0 or v1 < 0:
        return None
    return ((v1 / v0) ** (1 / years) - 1) * 100


def assess_rate(
    comparator: str,
    per_year: float,
    start_year: int,
    end_year: int,
    points: list[tuple[int, float]],
) -> Assessment:
    """A rate target ("reduce the poor-household rate by 1 - 1.5 points a year over 2021–2025")
    against the values inside its period (see the module doc)."""
    inside = sorted((y, v) for y, v in points if start_year <= y <= end_year)
    rate = observed_rate(comparator, inside)
    if rate is None:
        return Assessment("no_data", None, "reason_no_value" if not inside else "reason_no_baseline")
    pace = rate / per_year if per_year else 0.0
    complete = inside[-1][0] >= end_year
    if rate < 0:
        return Assessment("off_track", None, "reason_moved_away", pace)
    if pace >= ON_TRACK_PACE:
        return Assessment("achieved" if complete else "on_track", None, "reason_pace", pace)
    if pace >= ACCELERATE_PACE and not complete:
        return Assessment("needs_acceleration", None, "reason_pace", pace)
    return Assessment("off_track", None, "reason_pace", pace)


def trend_arrow(latest: float | None, previous: float | None) -> str:
    """↑ / ↓ / → for the direction of the last change; '' when there is nothing to compare."""
    if latest is None or previous is None or pd.isna(latest) or pd.isna(previous):
        return ""
    if math.isclose(latest, previous):
        return "→"
    return "↑" if latest > previous else "↓"


ASSESSMENT_COLUMNS = (
    "latest_year",
    "latest_value",
    "previous_value",
    "value_source_id",
    "first_year",
    "first_value",
    "status",
    "share_of_way",
    "reason",
    "pace",
    "observed_rate",
    "trend",
)


def assess_targets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every target assessed (the build's `target_progress` mart): the value that judges it (the
    latest for a level or a rate — any place code of the target's province, through the crosswalk —
    the target year's own value for an annual plan figure), status, share of the way, pace, the
    observed rate and the trend arrow, by `target_id`."""
    targets = con.execute(
        "SELECT t.*, i.higher_is_better FROM targets t JOIN indicators i USING (indicator_code) ORDER BY t.target_id"
    ).df()
    values = con.execute(
        f"""
        SELECT t.target_id, o.year, o.value, o.source_id
        FROM targets t JOIN observations_by_period o
            ON o.period = {period_of("t.geo_code")} AND o.indicator_code = t.indicator_code
           AND o.geo_code = t.geo_code
        ORDER BY t.target_id, o.year
        """
    ).df()
    series = {
        tid: list(zip(g["year"].astype(int), g["value"], g["source_id"], strict=True))
        for tid, g in values.groupby("target_id")
    }
    rows = []
    for row in targets.itertuples():
        judged, assessment, rate = _judge(row, series.get(row.target_id, []))
        latest, previous = _present(judged[1]), _present(judged[2])
        rows.append(
            (
                row.target_id,
                *judged,
                assessment.status,
                assessment.share_of_way,
                assessment.reason,
                assessment.pace,
                rate,
                trend_arrow(latest, previous),
            )
        )
    return pd.DataFrame(rows, columns=["target_id", *ASSESSMENT_COLUMNS])


def target_scorecard(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every target with its document, clause, baseline, names, and its assessment (`target_progress`,
    made by `assess_targets` at build time), in the order the documents were issued."""
    return con.execute(
        f"""
        SELECT t.*, i.name_vi AS indicator_vi, i.name_en AS indicator_en, i.unit, i.higher_is_better,
               s.doc_number, s.title AS source_title, s.issuer, p.name_vi AS place_vi, p.name_en AS place_en,
               g.* EXCLUDE (target_id)
        FROM targets t
        JOIN indicators i USING (indicator_code)
        JOIN sources s USING (source_id)
        JOIN places p ON p.geo_code = t.geo_code AND p.period = {period_of("t.geo_code")}
        JOIN target_progress g USING (target_id)
        ORDER BY s.issued_on, t.target_id
        """
    ).df()


def _judge(row: object, points: list[tuple[int, float, str]]) -> tuple[tuple, Assessment, float | None]:
    """The (latest, previous, source, first) values shown for one target and its assessment."""
    kind = getattr(row, "target_type", None) or "level"
    target_year = _int(row.target_year)
    baseline_year = _int(row.baseline_year)
    high = _present(row.target_value_high) if hasattr(row, "target_value_high") else None
    hib = bool(row.higher_is_better)
    if kind == "annual":
        before = [p for p in points if target_year is None or p[0] <= target_year]
    elif kind == "rate":
        before = [p for p in points if (baseline_year or 0) <= p[0] <= (target_year or 9999)]
    else:
        before = [p for p in points if p[0] >= (baseline_year or 0)]
    latest = before[-1] if before else None
    previous = before[-2] if len(before) > 1 else None
    first = before[0] if before else None
    shown = (
        None if latest is None else latest[0],
        None if latest is None else latest[1],
        None if previous is None else previous[1],
        None if latest is None else latest[2],
        None if first is None else first[0],
        None if first is None else first[1],
    )
    if kind == "annual":
        value = next((v for y, v, _ in points if y == target_year), None)
        if value is None:  # nothing for the plan year: show no value rather than another year's
            shown = (None, None, None, None, shown[4], shown[5])
        return shown, assess_annual(row.comparator, row.target_value, value, high, hib), None
    if kind == "rate":
        pairs = [(y, v) for y, v, _ in before]
        start = baseline_year if baseline_year is not None else (pairs[0][0] if pairs else 0)
        assessment = assess_rate(row.comparator, row.target_value, start, target_year or 9999, pairs)
        return shown, assessment, observed_rate(row.comparator, pairs)
    baseline, base_year = _present(row.baseline_value), baseline_year
    if baseline is None and first is not None and latest is not None and first[0] != latest[0]:
        baseline, base_year = first[1], first[0]
    assessment = assess(
        row.comparator,
        row.target_value,
        target_year,
        baseline,
        base_year,
        None if latest is None else latest[1],
        None if latest is None else latest[0],
        high,
        hib,
    )
    return shown, assessment, None


def _int(value: object) -> int | None:
    return None if _present(value) is None else int(value)  # type: ignore[arg-type]


def _present(value: object) -> float | None:
    return None if value is None or pd.isna(value) else value  # type: ignore[return-value]
