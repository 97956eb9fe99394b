"""Open the published warehouse read-only, and say which version it is.

`BORDER_DB` (read at connect time) points at another warehouse. The path is resolved through the
publish symlink first, so a reader opens one immutable version file and keeps it while the ETL
publishes the next one.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "warehouse.duckdb"

# Same config for every reader: DuckDB refuses a second open of one file with a different config.
READ_ONLY_CONFIG = {"enable_external_access": False}


class WarehouseMissing(FileNotFoundError):
    """No warehouse has been built at the configured path."""


def warehouse_path() -> Path:
    return Path(os.environ.get("BORDER_DB") or DEFAULT_DB)


def resolved_warehouse(path: Path | None = None) -> Path:
    """The version file the warehouse path points at now; raise WarehouseMissing if none."""
    path = path or warehouse_path()
    resolved = path.resolve()
    if not resolved.is_file():
        raise WarehouseMissing(f"no warehouse at {path}: run `python -m etl build`")
    return resolved


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the currently published version, with file access disabled."""
    return duckdb.connect(str(resolved_warehouse(path)), read_only=True, config=READ_ONLY_CONFIG)


# Tables the pages read; a warehouse built by an older ETL may lack some of them.
REQUIRED_TABLES = (
    "meta",
    "sources",
    "provinces",
    "province_successions",
    "province_borders",
    "border_gates",
    "economic_zones",
    "indicators",
    "observations",
    "observation_revisions",
    "targets",
    "resolution_tasks",
    "task_status",
    "province_shapes",
    "archipelagos",
    "hs_sections",
    "trade_flows",
    "trade_monthly",
    "places",
    "observations_by_period",
    "province_points",
    "target_progress",
)


def missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Required tables the open warehouse lacks (empty when it is current)."""
    present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return [t for t in REQUIRED_TABLES if t not in present]


def warehouse_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """version, built_at, content_hash and files of the open warehouse."""
    return dict(con.execute("SELECT key, value FROM meta").fetchall())
