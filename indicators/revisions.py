"""The history of a value: what a department's revision replaced, old → new, why and from which file.

The build keeps every replaced value in `observation_revisions` (etl/revisions.py) and flags the
current observation `revised`; this module reads them for the pages and exports."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

HISTORY_COLUMNS = [
    "indicator_code",
    "geo_code",
    "year",
    "revision_order",
    "old_value",
    "new_value",
    "old_status",
    "old_source_id",
    "from_file",
    "replaced_by_file",
    "revision_reason",
    "current_value",
    "current_source_id",
]


def value_history(
    con: duckdb.DuckDBPyConnection,
    indicator_code: str,
    geo_codes: Sequence[str] | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Every revision of `indicator_code` (for `geo_codes` and `year` when given), oldest first per
    value: the value replaced (`old_value`, its status, source and file), the value that replaced it
    (`new_value`, from `replaced_by_file`, with `revision_reason`), and the value current now."""
    return con.execute(
        """
        SELECT r.indicator_code, r.geo_code, r.year, r.revision_order,
               r.value AS old_value, r.new_value, r.status AS old_status, r.source_id AS old_source_id,
               r.from_file, r.replaced_by_file, r.revision_reason,
               o.value AS current_value, o.source_id AS current_source_id
        FROM observation_revisions r
        LEFT JOIN observations o USING (indicator_code, geo_code, year)
        WHERE r.indicator_code = $indicator
          AND ($geos IS NULL OR list_contains($geos, r.geo_code))
          AND ($year IS NULL OR r.year = $year)
        ORDER BY r.geo_code, r.year, r.revision_order
        """,
        {
            "indicator": indicator_code,
            "geos": list(geo_codes) if geo_codes is not None else None,
            "year": year,
        },
    ).df()[HISTORY_COLUMNS]


def revised_keys(con: duckdb.DuckDBPyConnection, indicator_code: str) -> set[tuple[str, int]]:
    """(geo_code, year) of every value of the indicator that a revision replaced."""
    rows = con.execute(
        "SELECT geo_code, year FROM observations WHERE indicator_code = $i AND revised", {"i": indicator_code}
    ).fetchall()
    return {(geo, int(year)) for geo, year in rows}
