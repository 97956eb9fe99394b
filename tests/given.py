"""What tests are given: the pages an anonymous reader can open, and the build's marts derived from
small hand-made tables."""

from __future__ import annotations

import duckdb

from etl.marts import create_observation_marts

# Every page of an anonymous reader's navigation (app.py) → the message id of its heading.
PAGE_HEADINGS = {
    "pages/overview.py": "app_title",
    "pages/provinces.py": "page_provinces",
    "pages/province.py": "page_province",
    "pages/targets.py": "page_targets",
    "pages/tasks.py": "page_tasks",
    "pages/tracker.py": "page_tracker",
    "pages/map.py": "page_map",
    "pages/gates.py": "page_gates",
    "pages/sources.py": "page_sources",
    "pages/signin.py": "page_signin",
}


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
