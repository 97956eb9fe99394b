"""Rollups of the trade-flow fact table, built in the same transaction as the rest of a warehouse
version, so that pages read a few hundred thousand pre-summed rows however many lie underneath.

`trade_monthly` is one row per gate, month, direction, HS section and source: at most
52 gates × 12 months × 2 directions × 21 sections ≈ 26 k rows a year (≈ 262 k over ten years),
whether 10 thousand or 10 million customs lines were loaded. Each row carries the gate's province
in both periods (the 63 provinces and the 34 after 1 July 2025) and its border line, so every
filter of the dashboard is a plain WHERE on it; codes are plain text again (the fact table's ENUMs
are a storage matter, see etl/facts.py).
"""

from __future__ import annotations

import duckdb

ROLLUPS: dict[str, str] = {
    "trade_monthly": """
        WITH monthly AS (
            SELECT gate_id, year, month, direction, hs_section, source_id,
                   sum(value_usd) AS value_usd, count(*) AS n_rows
            FROM trade_flows
            GROUP BY ALL
        )
        SELECT m.gate_id::VARCHAR AS gate_id, g.province_code, s.new_code AS new_province_code,
               g.border_line, m.year, m.month, m.direction::VARCHAR AS direction,
               m.hs_section::VARCHAR AS hs_section, m.source_id::VARCHAR AS source_id, m.value_usd, m.n_rows
        FROM monthly m
        JOIN border_gates g USING (gate_id)
        LEFT JOIN province_successions s ON s.old_code = g.province_code
        ORDER BY m.year, m.month, m.gate_id, m.direction, m.hs_section, m.source_id  -- ENUM order
    """,
}


def create_rollups(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create every rollup from the loaded `trade_flows`; return their row counts."""
    counts = {}
    for name, select in ROLLUPS.items():
        con.execute(f"CREATE TABLE {name} AS {select}")
        counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
    return counts
