"""Observations seen through one province period, using the 2025 merger crosswalk.

`old` shows the 63 provinces (VN63-xx), `new` the 34 (VN34-xx). A value reported for the other
period is carried over only when that is honest, and flagged in `crosswalk`:
- `reported` — the value as the source gives it;
- `mapped`   — carried over a one-to-one succession (e.g. Lạng Sơn VN63-20 ↔ VN34-20);
- `summed`   — a new province's value re-aggregated from all its old members, only for additive
               units (money, counts, lengths, areas) and only when every member has a value.
Shares and growth rates of merged provinces are never re-aggregated (no weights to do it with).
"""

from __future__ import annotations

import duckdb

ADDITIVE_UNITS = ("million USD", "bn VND", "count", "km", "ha")
_ADDITIVE = ", ".join(f"'{u}'" for u in ADDITIVE_UNITS)

_COLUMNS = "indicator_code, geo_code, year, value, status, source_id, clause, note"

OLD_PERIOD_SQL = f"""
WITH one_to_one AS (
    SELECT new_code, any_value(old_code) AS old_code
    FROM province_successions GROUP BY new_code HAVING count(*) = 1
)
SELECT {_COLUMNS}, 'reported' AS crosswalk
FROM observations WHERE geo_code NOT LIKE 'VN34-%'
UNION ALL
SELECT o.indicator_code, m.old_code, o.year, o.value, o.status, o.source_id, o.clause, o.note, 'mapped'
FROM observations o JOIN one_to_one m ON m.new_code = o.geo_code
WHERE NOT EXISTS (
    SELECT 1 FROM observations x
    WHERE x.indicator_code = o.indicator_code AND x.geo_code = m.old_code AND x.year = o.year
)
"""

NEW_PERIOD_SQL = f"""
WITH members AS (
    SELECT new_code, count(*) AS n FROM province_successions GROUP BY new_code
),
carried AS (
    SELECT o.indicator_code, s.new_code AS geo_code, o.year, o.value, o.status, o.source_id,
           o.clause, i.unit, m.n AS members
    FROM observations o
    JOIN province_successions s ON s.old_code = o.geo_code
    JOIN members m ON m.new_code = s.new_code
    JOIN indicators i USING (indicator_code)
    WHERE NOT EXISTS (
        SELECT 1 FROM observations x
        WHERE x.indicator_code = o.indicator_code AND x.geo_code = s.new_code AND x.year = o.year
    )
),
rolled AS (
    SELECT indicator_code, geo_code, year,
           sum(value) AS value,
           CASE WHEN any_value(members) = 1 THEN any_value(status) ELSE 'derived' END AS status,
           string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_id,
           string_agg(DISTINCT clause, '; ') AS clause,
           CASE WHEN any_value(members) = 1 THEN NULL
                ELSE 'sum of ' || count(*) || ' pre-merger provinces' END AS note,
           CASE WHEN any_value(members) = 1 THEN 'mapped' ELSE 'summed' END AS crosswalk
    FROM carried
    GROUP BY indicator_code, geo_code, year
    HAVING count(*) = any_value(members)
       AND (any_value(members) = 1 OR any_value(unit) IN ({_ADDITIVE}))
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
