"""Reference lookups for the pages: sources, tasks with their latest status, targets of an
indicator, observed years, and the map layers (province outlines, gates, economic zones)."""

from __future__ import annotations

import duckdb
import pandas as pd

from indicators.series import PERIOD_PREFIX


def source_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT * FROM sources ORDER BY kind, issued_on NULLS LAST, source_id").df()


def source_kinds(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT kind FROM sources ORDER BY 1").fetchall()]


def observed_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Every year with an observation or with trade flows (the range of the year filter)."""
    rows = con.execute(
        "SELECT year FROM observations UNION SELECT DISTINCT year FROM trade_monthly ORDER BY 1"
    ).fetchall()
    return [int(r[0]) for r in rows]


def tasks_with_status(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every assigned task with its latest reported status ('no_report' when none was loaded)."""
    return con.execute(
        """
        WITH latest AS (
            SELECT * FROM task_status
            QUALIFY row_number() OVER (PARTITION BY task_id ORDER BY reported_on DESC) = 1
        )
        SELECT t.task_id, t.source_id, coalesce(s.doc_number, t.source_id) AS document, t.clause, t.task_group,
               t.agency_vi, t.agency_en, t.summary_vi, t.summary_en,
               coalesce(l.status, 'no_report') AS status, l.reported_on
        FROM resolution_tasks t JOIN sources s USING (source_id) LEFT JOIN latest l USING (task_id)
        ORDER BY s.issued_on, t.rowid  -- document order, as the CSV lists the clauses
        """
    ).df()


def targets_for(con: duckdb.DuckDBPyConnection, indicator: str, geo_codes: list[str]) -> pd.DataFrame:
    return con.execute(
        "SELECT target_value, target_year, geo_code FROM targets "
        "WHERE indicator_code = $i AND list_contains($g, geo_code)",
        {"i": indicator, "g": geo_codes},
    ).df()


def province_outlines(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """GeoJSON outline, names and border lines of every province of the period."""
    return con.execute(
        """
        SELECT s.province_code AS geo_code, p.name_vi, p.name_en, s.geometry_geojson,
               coalesce(list(b.border_line ORDER BY b.border_line) FILTER (b.border_line IS NOT NULL), [])
                   AS border_lines
        FROM province_shapes s JOIN provinces p USING (province_code)
        LEFT JOIN province_borders b USING (province_code)
        WHERE starts_with(s.province_code, $prefix)
        GROUP BY ALL ORDER BY 1
        """,
        {"prefix": PERIOD_PREFIX[period]},
    ).df()


def archipelago_outlines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT * FROM archipelagos").df()


def gates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Gates with coordinates and the post-merger province they now lie in."""
    return con.execute(
        """
        SELECT g.*, p.name_vi AS province_vi, p.name_en AS province_en, s.new_code
        FROM border_gates g JOIN provinces p USING (province_code)
        LEFT JOIN province_successions s ON s.old_code = g.province_code
        ORDER BY g.border_line, g.province_code, g.gate_id
        """
    ).df()


def economic_zones(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        """
        SELECT z.*, p.name_vi AS province_vi, p.name_en AS province_en, s.new_code
        FROM economic_zones z JOIN provinces p USING (province_code)
        LEFT JOIN province_successions s ON s.old_code = z.province_code
        ORDER BY z.border_line, z.province_code
        """
    ).df()
