"""Series, comparisons and headline figures: small, aggregated frames ready for a chart or table.

Every function takes an open read-only connection, binds its parameters, and returns a pandas
DataFrame whose rows keep their `source_id` (and `crosswalk`/`status` flags) to the screen.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from indicators.domain import COUNTRY
from indicators.scope import PlaceScope, in_years

# The figures a leader sees first: national ones, then per province the first indicator of each
# group that the province has (a group lists alternatives in order of preference; each card names
# its own indicator, so a fallback never passes for another definition).
NATIONAL_HEADLINES: tuple[str, ...] = ("border_trade_turnover", "bez_count", "industrial_clusters_count")
PROVINCE_HEADLINES: tuple[tuple[str, ...], ...] = (
    ("trade_declared_provincial_customs", "trade_through_province", "trade_via_province_border_gates"),
    ("poor_household_rate_2022_2025", "poor_household_rate_2016_2020", "poor_household_rate"),
    ("state_budget_revenue",),
    ("grdp_growth",),
    ("grdp_per_capita",),
)
DEFAULT_PROVINCE = {"old": "VN63-20", "new": "VN34-20"}  # Lạng Sơn: Plan 88/KH-UBND


def places(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """Every province of the period, with its border lines (empty if none), in GSO order."""
    return con.execute(
        """
        SELECT geo_code, name_vi, name_en, gso_code, iso_3166_2, border_lines
        FROM places WHERE period = $period AND kind = 'province'
        ORDER BY sort_order
        """,
        {"period": period},
    ).df()


def border_province_codes(con: duckdb.DuckDBPyConnection, period: str, line: str | None = None) -> list[str]:
    """Provinces of the period on `line` (or on any line); a province on two lines counts in both."""
    rows = con.execute(
        """
        SELECT geo_code FROM places
        WHERE period = $period AND len(border_lines) > 0
          AND ($line IS NULL OR list_contains(border_lines, $line))
        ORDER BY geo_code
        """,
        {"period": period, "line": line},
    ).fetchall()
    return [r[0] for r in rows]


def indicator_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every indicator with how many places and years it has values for."""
    return con.execute(
        """
        SELECT i.*, count(o.value) AS n_values, count(DISTINCT o.geo_code) AS n_places,
               min(o.year) AS first_year, max(o.year) AS latest_year
        FROM indicators i LEFT JOIN observations o USING (indicator_code)
        GROUP BY ALL ORDER BY i.topic, i.indicator_code
        """
    ).df()


def indicator_years(con: duckdb.DuckDBPyConnection, indicator: str) -> list[int]:
    """The years with a value of the indicator, anywhere."""
    rows = con.execute(
        "SELECT DISTINCT year FROM observations WHERE indicator_code = $i ORDER BY 1", {"i": indicator}
    ).fetchall()
    return [int(r[0]) for r in rows]


# The observations of the scope's geography, named; `country` orders the country first.
_NAMED = """
    WITH named AS (
        SELECT o.* EXCLUDE (period), p.name_vi, p.name_en, p.kind = 'country' AS country
        FROM observations_by_period o JOIN places p ON p.geo_code = o.geo_code AND p.period = o.period
        WHERE o.period = $period
    )
"""


def indicator_series(con: duckdb.DuckDBPyConnection, indicator: str, scope: PlaceScope) -> pd.DataFrame:
    """Values of one indicator for the scope's places and years, one row per place and year."""
    return con.execute(
        _NAMED
        + f"""
        SELECT * EXCLUDE (country) FROM named
        WHERE indicator_code = $indicator AND list_contains($places, geo_code) AND {in_years()}
        ORDER BY country DESC, geo_code, year
        """,
        {"indicator": indicator, **scope.params()},
    ).df()


def latest_comparison(con: duckdb.DuckDBPyConnection, indicator: str, scope: PlaceScope) -> pd.DataFrame:
    """Per place: latest value and year, the previous value, change, and rank among provinces
    (1 = best, by the indicator's direction; the country is shown but not ranked)."""
    return con.execute(
        _NAMED
        + f"""
        , windowed AS (
            SELECT *, row_number() OVER (PARTITION BY geo_code ORDER BY year DESC) AS recency,
                   lead(value) OVER (PARTITION BY geo_code ORDER BY year DESC) AS previous_value,
                   lead(year) OVER (PARTITION BY geo_code ORDER BY year DESC) AS previous_year
            FROM named
            WHERE indicator_code = $indicator AND list_contains($places, geo_code) AND {in_years()}
        ),
        latest AS (SELECT * FROM windowed WHERE recency = 1)
        SELECT l.geo_code, l.name_vi, l.name_en, l.year, l.comparator, l.value, l.previous_year, l.previous_value,
               l.value - l.previous_value AS change, l.status, l.source_id, l.clause, l.crosswalk,
               CASE WHEN NOT l.country THEN
                   rank() OVER (PARTITION BY l.country
                                ORDER BY CASE WHEN i.higher_is_better THEN -l.value ELSE l.value END)
               END AS rank
        FROM latest l JOIN indicators i USING (indicator_code)
        ORDER BY NOT l.country, rank, l.geo_code
        """,
        {"indicator": indicator, **scope.params()},
    ).df()


def headline_figures(con: duckdb.DuckDBPyConnection, scope: PlaceScope) -> pd.DataFrame:
    """The latest value (within the years) of each headline for the scope's places (the country's
    national ones when it is among them), with the value before it; a place's group shows its first
    indicator with data."""
    geo_codes = scope.places
    wanted = [
        (position, group, code, geo)
        for position, (group, codes, geo) in enumerate(
            [(f"n{i}", (c,), COUNTRY) for i, c in enumerate(NATIONAL_HEADLINES) if COUNTRY in geo_codes]
            + [
                (f"{geo}-{i}", codes, geo)
                for geo in geo_codes
                if geo != COUNTRY
                for i, codes in enumerate(PROVINCE_HEADLINES)
            ]
        )
        for code in codes
    ]
    frame = pd.DataFrame(wanted, columns=["position", "group_id", "indicator_code", "geo_code"])
    frame["preference"] = range(len(frame))
    con.register("wanted", frame)
    try:
        found = con.execute(
            _NAMED
            + f"""
            , ranked AS (
                SELECT o.*, w.position, w.group_id, w.preference,
                       lead(o.value) OVER w_ AS previous_value, lead(o.year) OVER w_ AS previous_year,
                       lead(o.status) OVER w_ AS previous_status
                FROM named o JOIN wanted w USING (indicator_code, geo_code)
                WHERE {in_years("o.year")}
                WINDOW w_ AS (PARTITION BY o.indicator_code, o.geo_code ORDER BY o.year DESC)
                QUALIFY row_number() OVER w_ = 1
            )
            SELECT r.position, r.indicator_code, r.geo_code, r.year, r.comparator, r.value, r.previous_value,
                   r.previous_year, r.previous_status, s.issuer AS source_issuer, r.status, r.source_id,
                   r.clause, r.note, r.crosswalk, i.name_vi, i.name_en, i.unit, i.higher_is_better,
                   r.name_vi AS place_vi, r.name_en AS place_en, s.title AS source_title,
                   s.doc_number AS source_doc
            FROM ranked r JOIN indicators i USING (indicator_code)
            LEFT JOIN sources s ON s.source_id = split_part(r.source_id, ';', 1)
            QUALIFY row_number() OVER (PARTITION BY r.group_id ORDER BY r.preference) = 1
            ORDER BY r.position
            """,
            {"period": scope.period, "from": scope.year_from, "to": scope.year_to},
        ).df()
    finally:
        con.unregister("wanted")
    return found.reset_index(drop=True)


def freshness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per indicator: the latest year with a value, and how many places have one that year."""
    return con.execute(
        """
        WITH latest AS (SELECT indicator_code, max(year) AS latest_year FROM observations GROUP BY 1)
        SELECT i.indicator_code, i.name_vi, i.name_en, i.topic, l.latest_year,
               count(DISTINCT o.geo_code) AS places_that_year
        FROM indicators i LEFT JOIN latest l USING (indicator_code)
        LEFT JOIN observations o ON o.indicator_code = i.indicator_code AND o.year = l.latest_year
        GROUP BY ALL ORDER BY l.latest_year DESC NULLS LAST, i.indicator_code
        """
    ).df()


def province_profile(con: duckdb.DuckDBPyConnection, geo_code: str, period: str = "old") -> pd.DataFrame:
    """Every indicator with a value for one place (seen in `period`): the latest value and year, the
    value before it, the whole series (years and values, for a sparkline) and the latest source."""
    return con.execute(
        _NAMED
        + """
        , mine AS (SELECT * FROM named WHERE geo_code = $geo),
        latest AS (
            SELECT *, lead(value) OVER w AS previous_value, lead(year) OVER w AS previous_year
            FROM mine WINDOW w AS (PARTITION BY indicator_code ORDER BY year DESC)
            QUALIFY row_number() OVER w = 1
        ),
        series AS (
            SELECT indicator_code, list(year ORDER BY year) AS years, list(value ORDER BY year) AS values
            FROM mine GROUP BY indicator_code
        )
        SELECT l.indicator_code, i.name_vi, i.name_en, i.unit, i.topic, i.higher_is_better,
               l.year, l.comparator, l.value, l.previous_year, l.previous_value, l.status, l.crosswalk,
               l.source_id, l.clause, s.years, s."values"
        FROM latest l JOIN series s USING (indicator_code) JOIN indicators i USING (indicator_code)
        ORDER BY i.topic, i.indicator_code
        """,
        {"geo": geo_code, "period": period},
    ).df()


def coverage(con: duckdb.DuckDBPyConnection, scope: PlaceScope) -> pd.DataFrame:
    """What exists: per place of the scope and indicator, the years with a value (seen in the scope's
    geography, whatever its years), with the indicator's topic — the gaps are the (place, indicator)
    pairs that are absent."""
    return con.execute(
        _NAMED
        + """
        SELECT n.geo_code, n.name_vi AS place_vi, n.name_en AS place_en, n.indicator_code,
               i.name_vi, i.name_en, i.topic, list(DISTINCT n.year ORDER BY n.year) AS years
        FROM named n JOIN indicators i USING (indicator_code)
        WHERE list_contains($places, n.geo_code)
        GROUP BY ALL ORDER BY i.topic, n.indicator_code, n.geo_code
        """,
        {"places": list(scope.places), "period": scope.period},
    ).df()
