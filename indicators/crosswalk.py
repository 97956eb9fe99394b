"""Observations seen through one province period, using the 2025 merger crosswalk.

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

OLD_PERIOD_SQL = f"""
WITH one_to_one AS (
    SELECT new_code, any_value(old_code) AS old_code
    FROM province_successions GROUP BY new_code HAVING count(*) = 1
)
SELECT {_COLUMNS}, 'reported' AS crosswalk
FROM observations WHERE geo_code NOT LIKE 'VN34-%'
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

NEW_PERIOD_SQL = f"""
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
           string_agg(DISTINCT c.clause, '; ') AS clause,
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
FROM observations WHERE geo_code NOT LIKE 'VN63-%'
UNION ALL
SELECT {_COLUMNS}, crosswalk FROM rolled
"""


def observations_sql(period: str) -> str:
    """A SELECT of every observation as seen in `period` ('old' or 'new'), with a `crosswalk` flag."""
    if period == "old":
        return OLD_PERIOD_SQL
    if period == "new":
        return NEW_PERIOD_SQL
    raise ValueError(f"unknown period {period!r}")


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


def member_values(
    con: duckdb.DuckDBPyConnection,
    indicator: str,
    new_codes: list[str],
    year_from: int | None = None,
    year_to: int | None = None,
) -> pd.DataFrame:
    """For merged provinces: each pre-merger member's latest value within the years, to show
    where no honest aggregate exists (never 'no data' when the members have data)."""
    return con.execute(
        """
        SELECT s.new_code AS geo_code, o.geo_code AS member_code, p.name_vi, p.name_en, o.year, o.value,
               o.source_id
        FROM observations o
        JOIN province_successions s ON s.old_code = o.geo_code
        JOIN provinces p ON p.province_code = o.geo_code
        WHERE o.indicator_code = $i AND list_contains($g, s.new_code)
          AND o.year >= coalesce($from, 0) AND o.year <= coalesce($to, 9999)
        QUALIFY row_number() OVER (PARTITION BY o.geo_code ORDER BY o.year DESC) = 1
        ORDER BY s.new_code, o.geo_code
        """,
        {"i": indicator, "g": new_codes, "from": year_from, "to": year_to},
    ).df()
