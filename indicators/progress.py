"""Progress against targets: the status method (documented on the Sources & methods page) and the
scorecard of every target with its latest value.

Method, after Open SDG and the SDSN dashboards:
- **no data** — no value after the baseline to judge by (or no value at all);
- **achieved** — the latest value meets the target by its comparator (`~`, "about", is met within
  ±5% of the target);
- **off track** — the deadline has passed unmet, a standing target (no deadline) is not met, or
  the value moved away from the target;
- otherwise the pace: the share of the baseline→target distance covered, divided by the share of
  the baseline→deadline time elapsed. ≥ 1 → **on track**, ≥ 0.5 → **needs acceleration**,
  below → **off track**. Without a baseline, the first value serves as one.
The trend arrow compares the latest value with the one before it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from indicators.crosswalk import observations_sql

ABOUT_TOLERANCE = 0.05  # "khoảng 1.000 tỷ đồng": within 5% counts as met
ON_TRACK_PACE, ACCELERATE_PACE = 1.0, 0.5


@dataclass(frozen=True)
class Assessment:
    status: str
    share_of_way: float | None  # 0..1+ of the baseline→target distance covered
    reason: str  # an i18n key (indicators.i18n): why this status
    pace: float | None = None  # share of the way / share of the time elapsed


def _met(value: float, comparator: str, target: float) -> bool:
    if comparator == ">=":
        return value >= target
    if comparator == "<=":
        return value <= target
    if comparator == "~":
        return abs(value - target) <= ABOUT_TOLERANCE * abs(target)
    return math.isclose(value, target)


def assess(
    comparator: str,
    target: float,
    target_year: int | None,
    baseline: float | None,
    baseline_year: int | None,
    latest: float | None,
    latest_year: int | None,
) -> Assessment:
    """The status of one target given its baseline and latest value (see the module doc)."""
    if latest is None or latest_year is None:
        return Assessment("no_data", None, "reason_no_value")
    if _met(latest, comparator, target):
        return Assessment("achieved", 1.0, "reason_met")
    if target_year is None:  # a standing target ("keep 100%"): met or not, no pace to judge
        return Assessment("off_track", None, "reason_standing_unmet")
    if latest_year >= target_year:
        return Assessment("off_track", None, "reason_deadline_passed")
    if baseline is None or baseline_year is None or baseline_year >= latest_year:
        return Assessment("no_data", None, "reason_no_baseline")
    distance = target - baseline
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


def trend_arrow(latest: float | None, previous: float | None) -> str:
    """↑ / ↓ / → for the direction of the last change; '' when there is nothing to compare."""
    if latest is None or previous is None or pd.isna(latest) or pd.isna(previous):
        return ""
    if math.isclose(latest, previous):
        return "→"
    return "↑" if latest > previous else "↓"


def target_scorecard(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every target with its document, clause, baseline, latest value (any place code of the target's
    province, through the crosswalk), status, share of the way and trend arrow."""
    frame = con.execute(
        f"""
        WITH obs AS ({observations_sql("old")}),
        ranked AS (
            SELECT t.target_id, o.year, o.value, o.source_id AS value_source_id,
                   row_number() OVER (PARTITION BY t.target_id ORDER BY o.year DESC) AS r,
                   lead(o.value) OVER (PARTITION BY t.target_id ORDER BY o.year DESC) AS previous_value,
                   min(o.year) OVER (PARTITION BY t.target_id) AS first_year,
                   arg_min(o.value, o.year) OVER (PARTITION BY t.target_id) AS first_value
            FROM targets t JOIN obs o ON o.indicator_code = t.indicator_code AND o.geo_code = t.geo_code
            WHERE o.year >= coalesce(t.baseline_year, 0)
        )
        SELECT t.*, i.name_vi AS indicator_vi, i.name_en AS indicator_en, i.unit, i.higher_is_better,
               s.doc_number, s.title AS source_title, s.issuer,
               coalesce(p.name_vi, 'Cả nước') AS place_vi, coalesce(p.name_en, 'Viet Nam') AS place_en,
               r.year AS latest_year, r.value AS latest_value, r.previous_value, r.value_source_id,
               r.first_year, r.first_value
        FROM targets t
        JOIN indicators i USING (indicator_code)
        JOIN sources s USING (source_id)
        LEFT JOIN provinces p ON p.province_code = t.geo_code
        LEFT JOIN ranked r ON r.target_id = t.target_id AND r.r = 1
        ORDER BY s.issued_on, t.target_id
        """
    ).df()
    assessments = []
    for row in frame.itertuples():
        baseline, baseline_year = _present(row.baseline_value), _present(row.baseline_year)
        if baseline is None and _present(row.first_year) != _present(row.latest_year):
            baseline, baseline_year = _present(row.first_value), _present(row.first_year)
        assessments.append(
            assess(
                row.comparator,
                row.target_value,
                None if _present(row.target_year) is None else int(row.target_year),
                baseline,
                None if baseline_year is None else int(baseline_year),
                _present(row.latest_value),
                None if _present(row.latest_year) is None else int(row.latest_year),
            )
        )
    frame["status"] = [a.status for a in assessments]
    frame["share_of_way"] = [a.share_of_way for a in assessments]
    frame["reason"] = [a.reason for a in assessments]
    frame["pace"] = [a.pace for a in assessments]
    frame["trend"] = [
        trend_arrow(_present(r.latest_value), _present(r.previous_value)) for r in frame.itertuples()
    ]
    return frame


def _present(value: object) -> float | None:
    return None if value is None or pd.isna(value) else value  # type: ignore[return-value]
