"""The 2025 merger crosswalk as readers use it: the (old, new) province pairs, the same places in
the other geography, and the members' own values where a merged province has no honest aggregate.
How observations are carried between the geographies, and flagged, is `etl/marts.py`'s
`observations_by_period`."""

from __future__ import annotations

import duckdb
import pandas as pd

from indicators.scope import PlaceScope, in_years


def successions(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """The merger crosswalk as (old_code, new_code) pairs."""
    return [
        (o, n)
        for o, n in con.execute(
            "SELECT old_code, new_code FROM province_successions ORDER BY 1, 2"
        ).fetchall()
    ]


def counterparts(pairs: list[tuple[str, str]], codes: list[str], to_period: str) -> list[str]:
    """The same places in the other geography: an old province's successor, or every old member of
    a new province, in the order given and without repeats (the country and unknown codes kept)."""
    out: list[str] = []
    for code in codes:
        if to_period == "new" and code.startswith("VN63-"):
            mapped = [n for o, n in pairs if o == code]
        elif to_period == "old" and code.startswith("VN34-"):
            mapped = [o for o, n in pairs if n == code]
        else:
            mapped = [code]
        out += [m for m in mapped if m not in out]
    return out


def member_values(con: duckdb.DuckDBPyConnection, indicator: str, scope: PlaceScope) -> pd.DataFrame:
    """For the scope's merged provinces (34-province codes): each pre-merger member's latest value
    within the years, to show where no honest aggregate exists (never 'no data' when the members
    have data)."""
    return con.execute(
        f"""
        SELECT s.new_code AS geo_code, o.geo_code AS member_code, p.name_vi, p.name_en, o.year, o.value,
               o.source_id
        FROM observations o
        JOIN province_successions s ON s.old_code = o.geo_code
        JOIN provinces p ON p.province_code = o.geo_code
        WHERE o.indicator_code = $i AND list_contains($places, s.new_code) AND {in_years("o.year")}
        QUALIFY row_number() OVER (PARTITION BY o.geo_code ORDER BY o.year DESC) = 1
        ORDER BY s.new_code, o.geo_code
        """,
        {"i": indicator, "places": list(scope.places), "from": scope.year_from, "to": scope.year_to},
    ).df()
