"""Marts: what the pages read, derived once per warehouse version inside the build's transaction
(dbt's marts, owid's garden), so that a reader binds parameters instead of re-deriving:

- `places` — the country and every province of both geographies, one row per place and period,
  with names in both languages and border lines (the country is a row, not a special case);
- `observations_by_period` — every observation as seen in each geography (below);
- `province_points` — points inside each province's shape, for its marker and its zones' star;
- `target_progress` — every target assessed by the method of `indicators.progress`.

Observations seen through a geography, using the 2025 merger crosswalk.

`old` shows the 63 provinces (VN63-xx), `new` the 34 (VN34-xx). A value reported for the other
period is carried over only when that is honest, and flagged in `crosswalk`:
- `reported`    — the value as the source gives it;
- `mapped`      — carried over a one-to-one succession (e.g. Lạng Sơn VN63-20 ↔ VN34-20);
- `summed`      — a merged province's value re-aggregated from all its old members, for additive
                  units (money, counts, lengths, areas), only when every member has a value;
- `weighted`    — a per-person value (GRDP per capita) of a merged province: the members' values
                  weighted by their average population (GSO), which is exactly total ÷ population;
- `from_counts` — a household rate of a merged province: the members' poor households summed and
                  divided by their households (each member's count ÷ its rate), exact up to the
                  rounding of the published rates.
All three re-aggregations are `derived`. Other shares and growth rates of merged provinces have no
honest method (growth would need GRDP weights): `member_values` lists the members' own values.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import shapely

from etl.contracts import MARTS, create_table_sql
from indicators.domain import COUNTRY, PERIOD_PREFIX
from indicators.progress import assess_targets
from l10n import message

ADDITIVE_UNITS = ("million USD", "bn VND", "count", "km", "ha")
_ADDITIVE = ", ".join(f"'{u}'" for u in ADDITIVE_UNITS)
POPULATION = "population_avg"
PER_PERSON = ("grdp_per_capita",)  # value per inhabitant: weighted by population
RATE_COUNTS = {  # a household rate (%) and the count of the households it is the share of
    f"{kind}_household_rate_{standard}": f"{kind}_households_count_{standard}"
    for kind in ("poor", "near_poor")
    for standard in ("2016_2020", "2022_2025")
}

_COLUMNS = "indicator_code, geo_code, year, value, comparator, status, source_id, clause, note"

_OLD_PERIOD = f"""
WITH one_to_one AS (
    SELECT new_code, any_value(old_code) AS old_code
    FROM province_successions GROUP BY new_code HAVING count(*) = 1
)
SELECT {_COLUMNS}, 'reported' AS crosswalk
FROM observations WHERE NOT starts_with(geo_code, '{PERIOD_PREFIX["new"]}')
UNION ALL
SELECT o.indicator_code, m.old_code, o.year, o.value, o.comparator, o.status, o.source_id, o.clause,
       o.note, 'mapped'
FROM observations o JOIN one_to_one m ON m.new_code = o.geo_code
WHERE NOT EXISTS (
    SELECT 1 FROM observations x
    WHERE x.indicator_code = o.indicator_code AND x.geo_code = m.old_code AND x.year = o.year
)
"""

_RATE_COUNTS_VALUES = ", ".join(f"('{r}', '{c}')" for r, c in RATE_COUNTS.items())
_PER_PERSON = ", ".join(f"'{c}'" for c in PER_PERSON)

_NEW_PERIOD = f"""
WITH members AS (
    SELECT new_code, count(*) AS n FROM province_successions GROUP BY new_code
),
carried AS (
    SELECT o.indicator_code, s.new_code AS geo_code, s.old_code, o.year, o.value, o.comparator,
           o.status, o.source_id, o.clause, i.unit, m.n AS members
    FROM observations o
    JOIN province_successions s ON s.old_code = o.geo_code
    JOIN members m ON m.new_code = s.new_code
    JOIN indicators i USING (indicator_code)
    WHERE NOT EXISTS (
        SELECT 1 FROM observations x
        WHERE x.indicator_code = o.indicator_code AND x.geo_code = s.new_code AND x.year = o.year
    )
),
rate_counts(rate_code, count_code) AS (VALUES {_RATE_COUNTS_VALUES}),
weights AS (  -- each member's weight for a year: its population, or its households behind a rate
    SELECT c.indicator_code, c.geo_code, c.old_code, c.year,
           CASE WHEN c.indicator_code IN ({_PER_PERSON}) THEN p.value
                WHEN c.value > 0 THEN n.value / (c.value / 100) END AS weight,  -- a 0% rate hides its households
           CASE WHEN c.indicator_code IN ({_PER_PERSON}) THEN p.source_id ELSE n.source_id END
               AS weight_source_id
    FROM carried c
    LEFT JOIN observations p
        ON p.indicator_code = '{POPULATION}' AND p.geo_code = c.old_code AND p.year = c.year
    LEFT JOIN rate_counts r ON r.rate_code = c.indicator_code
    LEFT JOIN observations n
        ON n.indicator_code = r.count_code AND n.geo_code = c.old_code AND n.year = c.year
    WHERE c.members > 1 AND (c.indicator_code IN ({_PER_PERSON}) OR r.rate_code IS NOT NULL)
),
rolled AS (
    SELECT c.indicator_code, c.geo_code, c.year,
           CASE WHEN any_value(c.members) = 1 OR any_value(c.unit) IN ({_ADDITIVE}) THEN sum(c.value)
                ELSE sum(c.value * w.weight) / sum(w.weight) END AS value,
           CASE WHEN bool_or(c.comparator <> '=') THEN any_value(c.comparator) ELSE '=' END
               AS comparator,
           CASE WHEN any_value(c.members) = 1 THEN any_value(c.status) ELSE 'derived' END AS status,
           array_to_string(list_sort(list_distinct(flatten([
               list(c.source_id), list(w.weight_source_id) FILTER (WHERE w.weight_source_id IS NOT NULL)
           ]))), ';') AS source_id,
           string_agg(DISTINCT c.clause, '; ' ORDER BY c.clause) AS clause,  -- in a fixed order
           CASE WHEN any_value(c.members) = 1 THEN NULL
                WHEN any_value(c.unit) IN ({_ADDITIVE})
                    THEN 'sum of ' || count(*) || ' pre-merger provinces'
                WHEN any_value(c.indicator_code) IN ({_PER_PERSON})
                    THEN 'mean of ' || count(*) || ' pre-merger provinces weighted by average population'
                ELSE 'households counted by the rate in ' || count(*)
                     || ' pre-merger provinces over all their households (each count ÷ its rate)' END AS note,
           CASE WHEN any_value(c.members) = 1 THEN 'mapped'
                WHEN any_value(c.unit) IN ({_ADDITIVE}) THEN 'summed'
                WHEN any_value(c.indicator_code) IN ({_PER_PERSON}) THEN 'weighted'
                ELSE 'from_counts' END AS crosswalk
    FROM carried c
    LEFT JOIN weights w USING (indicator_code, geo_code, old_code, year)
    GROUP BY c.indicator_code, c.geo_code, c.year
    HAVING count(*) = any_value(c.members)
       AND (any_value(c.members) = 1 OR any_value(c.unit) IN ({_ADDITIVE})
            OR count(w.weight) = any_value(c.members))
)
SELECT {_COLUMNS}, 'reported' AS crosswalk
FROM observations WHERE NOT starts_with(geo_code, '{PERIOD_PREFIX["old"]}')
UNION ALL
SELECT {_COLUMNS}, crosswalk FROM rolled
"""


def places_sql() -> str:
    """The `places` mart's SELECT; the country's names come from the message catalogue."""
    return f"""
    WITH provinces_lines AS (
        SELECT p.province_code AS geo_code,
               CASE WHEN starts_with(p.province_code, '{PERIOD_PREFIX["old"]}') THEN 'old' ELSE 'new' END AS period,
               p.name_vi, p.name_en, p.gso_code, p.iso_3166_2,
               coalesce(list(b.border_line ORDER BY b.border_line) FILTER (b.border_line IS NOT NULL), [])
                   AS border_lines
        FROM provinces p LEFT JOIN province_borders b USING (province_code)
        GROUP BY ALL
    )
    SELECT '{COUNTRY}' AS geo_code, period, 'country' AS kind, '{message("country", "vi")}' AS name_vi,
           '{message("country", "en")}' AS name_en, NULL AS gso_code, '{COUNTRY}' AS iso_3166_2,
           []::VARCHAR[] AS border_lines, 0 AS sort_order
    FROM (VALUES ('old'), ('new')) AS periods(period)
    UNION ALL
    SELECT geo_code, period, 'province', name_vi, name_en, gso_code, iso_3166_2, border_lines,
           row_number() OVER (PARTITION BY period ORDER BY gso_code, geo_code)
    FROM provinces_lines
    """


OBSERVATIONS_BY_PERIOD_SQL = f"""
SELECT 'old' AS period, * FROM ({_OLD_PERIOD})
UNION ALL
SELECT 'new', * FROM ({_NEW_PERIOD})
ORDER BY 1, indicator_code, geo_code, year
"""

# The zones' star stands this far (degrees) from the province's own marker, both inside the shape.
ZONE_OFFSET = 0.15


def province_points(shapes: pd.DataFrame) -> pd.DataFrame:
    """Per province shape: a point inside it for its marker (shapely's point on surface), and a
    second one inside it, away from the first, for its economic zones' star (no zone coordinates
    are loaded; a fixed offset from the marker could fall outside a narrow province)."""
    geometries = shapely.from_geojson(shapes["geometry_geojson"].to_numpy())
    marker = shapely.point_on_surface(geometries)
    rest = shapely.difference(geometries, shapely.buffer(marker, ZONE_OFFSET))
    zone = shapely.point_on_surface(
        [r if not shapely.is_empty(r) else g for r, g in zip(rest, geometries, strict=True)]
    )
    codes = shapes["province_code"]
    return pd.DataFrame(
        {
            "geo_code": codes,
            "period": codes.str.startswith("VN63-").map({True: "old", False: "new"}),
            "x": shapely.get_x(marker),
            "y": shapely.get_y(marker),
            "zone_x": shapely.get_x(zone),
            "zone_y": shapely.get_y(zone),
        }
    )


def _create(con: duckdb.DuckDBPyConnection, name: str, select: str) -> int:
    """The mart under its contract (types, NOT NULL, primary key: a broken derivation fails the
    build here), filled by `select`; its row count."""
    con.execute(create_table_sql(next(t for t in MARTS if t.name == name)))
    con.execute(f"INSERT INTO {name} BY NAME {select}")
    return con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]


def _create_from_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> int:
    con.register("derived", frame)
    try:
        return _create(con, name, "SELECT * FROM derived")
    finally:
        con.unregister("derived")


def create_observation_marts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """`places` and `observations_by_period`, from provinces, borders, successions, indicators and
    observations; row counts."""
    return {
        "places": _create(con, "places", places_sql()),
        "observations_by_period": _create(con, "observations_by_period", OBSERVATIONS_BY_PERIOD_SQL),
    }


def create_marts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every mart, in dependency order, from the loaded tables of this version; row counts."""
    counts = create_observation_marts(con)
    shapes = con.execute("SELECT province_code, geometry_geojson FROM province_shapes").df()
    counts["province_points"] = _create_from_frame(con, "province_points", province_points(shapes))
    counts["target_progress"] = _create_from_frame(con, "target_progress", assess_targets(con))
    return counts
