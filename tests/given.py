"""Given-data helpers for tests over small hand-made tables: derive the build's marts from them."""

from __future__ import annotations

import duckdb

from etl.marts import create_observation_marts


def with_observation_marts(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """`places` and `observations_by_period` derived from minimal `provinces` (code and names),
    `province_successions`, `indicators` and `observations`, as the build derives them (again, after
    a test changed its given rows)."""
    con.execute("""
        DROP TABLE IF EXISTS places;
        DROP TABLE IF EXISTS observations_by_period;
        ALTER TABLE provinces ADD COLUMN IF NOT EXISTS gso_code VARCHAR;
        ALTER TABLE provinces ADD COLUMN IF NOT EXISTS iso_3166_2 VARCHAR;
        CREATE TABLE IF NOT EXISTS province_borders (province_code VARCHAR, border_line VARCHAR);
    """)
    create_observation_marts(con)
    return con
