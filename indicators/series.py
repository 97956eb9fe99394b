"""Series, comparisons and headline figures: small, aggregated frames ready for a chart or table.

Every function takes an open read-only connection, binds its parameters, and returns a pandas
DataFrame whose rows keep their `source_id` (and `crosswalk`/`status` flags) to the screen.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from indicators.crosswalk import observations_sql

PERIOD_PREFIX = {"old": "VN63-", "new": "VN34-"}

# The figures a leader sees first: national, then Lạng Sơn (Plan 88/KH-UBND).
HEADLINES: tuple[tuple[str, str], ...] = (
    ("border_trade_turnover", "VN"),
    ("bez_count", "VN"),
    ("industrial_clusters_count", "VN"),
    ("trade_through_province", "VN63-20"),
    ("poor_household_rate", "VN63-20"),
    ("state_budget_revenue", "VN63-20"),
)


def places(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """The country and every province of the period, with their border lines (empty if none)."""
    return con.execute(
        """
        SELECT p.province_code AS geo_code, p.name_vi, p.name_en, p.gso_code, p.iso_3166_2,
               coalesce(list(b.border_line ORDER BY b.border_line) FILTER (b.border_line IS NOT NULL), [])
                   AS border_lines
        FROM provinces p LEFT JOIN province_borders b USING (province_code)
        WHERE starts_with(p.province_code, $prefix)
        GROUP BY ALL
        ORDER BY p.gso_code
        """,
        {"prefix": PERIOD_PREFIX[period]},
    ).df()


def border_province_codes(con: duckdb.DuckDBPyConnection, period: str, line: str | None = None) -> list[str]:
    """Provinces of the period on `line` (or on any line); a province on two lines counts in both."""
    rows = con.execute(
        """
        SELECT DISTINCT province_code FROM province_borders
        WHERE starts_with(province_code, $prefix) AND ($line IS NULL OR border_line = $line)
        ORDER BY province_code
        """,
        {"prefix": PERIOD_PREFIX[period], "line": line},
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


def _observations(period: str) -> str:
    return f"""
        WITH obs AS ({observations_sql(period)}),
        named AS (
            SELECT o.*, coalesce(p.name_vi, 'Cả nước') AS name_vi, coalesce(p.name_en, 'Viet Nam') AS name_en
            FROM obs o LEFT JOIN provinces p ON p.province_code = o.geo_code
        )
    """


def indicator_series(
    con: duckdb.DuckDBPyConnection,
    indicator: str,
    geo_codes: list[str],
    period: str = "old",
    year_from: int | None = None,
    year_to: int | None = None,
) -> pd.DataFrame:
    """Values of one indicator for the given places, one row per place and year."""
    return con.execute(
        _observations(period)
        + """
        SELECT * FROM named
        WHERE indicator_code = $indicator AND list_contains($geos, geo_code)
          AND year >= coalesce($from, 0) AND year <= coalesce($to, 9999)
        ORDER BY geo_code = 'VN' DESC, geo_code, year
        """,
        {"indicator": indicator, "geos": geo_codes, "from": year_from, "to": year_to},
    ).df()


def latest_comparison(
    con: duckdb.DuckDBPyConnection,
    indicator: str,
    geo_codes: list[str],
    period: str = "old",
    year_from: int | None = None,
    year_to: int | None = None,
) -> pd.DataFrame:
    """Per place: latest value and year, the previous value, change, and rank among provinces
    (1 = best, by the indicator's direction; the country is shown but not ranked)."""
    return con.execute(
        _observations(period)
        + """
        , windowed AS (
            SELECT *, row_number() OVER (PARTITION BY geo_code ORDER BY year DESC) AS recency,
                   lead(value) OVER (PARTITION BY geo_code ORDER BY year DESC) AS previous_value,
                   lead(year) OVER (PARTITION BY geo_code ORDER BY year DESC) AS previous_year
            FROM named
            WHERE indicator_code = $indicator AND list_contains($geos, geo_code)
              AND year >= coalesce($from, 0) AND year <= coalesce($to, 9999)
        ),
        latest AS (SELECT * FROM windowed WHERE recency = 1)
        SELECT l.geo_code, l.name_vi, l.name_en, l.year, l.value, l.previous_year, l.previous_value,
               l.value - l.previous_value AS change, l.status, l.source_id, l.clause, l.crosswalk,
               CASE WHEN l.geo_code <> 'VN' THEN
                   rank() OVER (PARTITION BY l.geo_code = 'VN'
                                ORDER BY CASE WHEN i.higher_is_better THEN -l.value ELSE l.value END)
               END AS rank
        FROM latest l JOIN indicators i USING (indicator_code)
        ORDER BY l.geo_code <> 'VN', rank, l.geo_code
        """,
        {"indicator": indicator, "geos": geo_codes, "from": year_from, "to": year_to},
    ).df()


def headline_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The latest value of each headline (indicator, place), with the value before it."""
    wanted = pd.DataFrame(HEADLINES, columns=["indicator_code", "geo_code"])
    wanted["position"] = range(len(wanted))
    con.register("wanted", wanted)
    try:
        return con.execute(
            """
            WITH ranked AS (
                SELECT o.*, row_number() OVER (PARTITION BY o.indicator_code, o.geo_code ORDER BY o.year DESC) AS r,
                       lead(o.value) OVER (PARTITION BY o.indicator_code, o.geo_code ORDER BY o.year DESC) AS previous_value,
                       lead(o.year) OVER (PARTITION BY o.indicator_code, o.geo_code ORDER BY o.year DESC) AS previous_year,
                       lead(o.status) OVER (PARTITION BY o.indicator_code, o.geo_code ORDER BY o.year DESC)
                           AS previous_status
                FROM observations o JOIN wanted w USING (indicator_code, geo_code)
            )
            SELECT w.position, r.indicator_code, r.geo_code, r.year, r.value, r.previous_value, r.previous_year,
                   r.previous_status, s.issuer AS source_issuer,
                   r.status, r.source_id, r.clause, r.note, i.name_vi, i.name_en, i.unit, i.higher_is_better,
                   coalesce(p.name_vi, 'Cả nước') AS place_vi, coalesce(p.name_en, 'Viet Nam') AS place_en,
                   s.title AS source_title, s.doc_number AS source_doc
            FROM ranked r JOIN wanted w USING (indicator_code, geo_code)
            JOIN indicators i USING (indicator_code)
            JOIN sources s USING (source_id)
            LEFT JOIN provinces p ON p.province_code = r.geo_code
            WHERE r.r = 1 ORDER BY w.position
            """
        ).df()
    finally:
        con.unregister("wanted")


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
        _observations(period)
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
               l.year, l.value, l.previous_year, l.previous_value, l.status, l.crosswalk,
               l.source_id, l.clause, s.years, s."values"
        FROM latest l JOIN series s USING (indicator_code) JOIN indicators i USING (indicator_code)
        ORDER BY i.topic, i.indicator_code
        """,
        {"geo": geo_code},
    ).df()
