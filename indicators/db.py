"""Open the published warehouse read-only, and say which version it is.

`BORDER_DB` (read at connect time) points at another warehouse: a DuckDB file, or a published
Parquet snapshot folder (`python -m etl build --parquet DIR`, marked by `_snapshot.json`). A file
path is resolved through the publish symlink first, so a reader opens one immutable version file and
keeps it while the ETL publishes the next one. A snapshot folder resolves to `<folder>/<version>`
(the version named in its marker), so `.stem` is the version in both cases and a cache keyed on the
resolved path changes when a new snapshot is published.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

# The Parquet snapshot's layout (written by etl/snapshot.py, read here): its marker file, and the
# tables split into Hive-style year folders.
PARTITIONED_BY_YEAR = ("trade_flows", "observations")
MARKER = "_snapshot.json"

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "warehouse.duckdb"

# Same config for every reader: DuckDB refuses a second open of one file with a different config.
READ_ONLY_CONFIG = {"enable_external_access": False}


# Read in place, never loaded: the only folder a snapshot connection may still open after connect.
FACT_TABLE = "trade_flows"


class WarehouseMissing(FileNotFoundError):
    """No warehouse has been built at the configured path."""


class NotASnapshot(WarehouseMissing):
    """A folder without a readable `_snapshot.json`: not a published Parquet snapshot."""


def warehouse_path() -> Path:
    return Path(os.environ.get("BORDER_DB") or DEFAULT_DB)


def resolved_warehouse(path: Path | None = None) -> Path:
    """The version the warehouse path points at now: the version file, or `<snapshot>/<version>`
    for a Parquet snapshot folder. Raise WarehouseMissing if there is none."""
    path = path or warehouse_path()
    resolved = path.resolve()
    if resolved.is_file():
        return resolved
    if resolved.is_dir():
        return resolved / snapshot_version(resolved)
    if (resolved.parent / MARKER).is_file():  # already `<snapshot>/<version>`
        return resolved
    raise WarehouseMissing(f"no warehouse at {path}: run `python -m etl build`")


def snapshot_version(folder: Path) -> str:
    """The version a Parquet snapshot folder holds, from its marker; NotASnapshot if unmarked."""
    return _marker(folder)["version"]


def _marker(folder: Path) -> dict:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NotASnapshot(
            f"{folder} is a folder without a readable {MARKER}: not a Parquet snapshot"
            " (`python -m etl build --parquet DIR` writes one)"
        ) from error
    if not isinstance(marker, dict) or "version" not in marker or "tables" not in marker:
        raise NotASnapshot(f"{folder / MARKER} names no version and tables: not a Parquet snapshot")
    return marker


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the version `path` points at now (see `resolved_warehouse`), with
    file access disabled: the version file itself, or a snapshot opened by `open_snapshot`."""
    version = resolved_warehouse(path)
    if version.is_file():
        return duckdb.connect(str(version), read_only=True, config=READ_ONLY_CONFIG)
    return open_snapshot(version.parent, version.name)


def open_snapshot(folder: Path, version: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding every table of the Parquet snapshot in `folder` under its usual
    name: the small tables loaded, `trade_flows` a view over its year-partitioned files (never loaded
    whole). External access is then switched off for everything but the `trade_flows` folder, and
    the configuration locked. WarehouseMissing if the folder no longer holds `version`."""
    marker = _marker(folder)
    if marker["version"] != version:
        raise WarehouseMissing(f"{folder} holds version {marker['version']}, no longer {version}")
    con = duckdb.connect()
    try:
        for table in marker["tables"]:
            source = _parquet_source(folder, table, marker)
            kind = "VIEW" if table == FACT_TABLE else "TABLE"
            con.execute(
                f"CREATE {kind} {_quoted(table)} AS SELECT {_column_list(table, marker)} FROM {source}"
            )
        con.execute("SET allowed_directories = $dirs", {"dirs": [f"{folder / FACT_TABLE}/"]})
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        if snapshot_version(folder) != version:  # swapped while loading: the tables mix two versions
            raise WarehouseMissing(f"{folder} was replaced while version {version} was being opened")
    except BaseException:
        con.close()
        raise
    return con


def _parquet_source(folder: Path, table: str, marker: dict) -> str:
    """read_parquet of one table's file, or of its year partitions (year as the warehouse types it)."""
    if table not in marker.get("partitioned_by_year", PARTITIONED_BY_YEAR):
        return f"read_parquet({_literal(folder / f'{table}.parquet')})"
    files = _literal(f"{folder / table}/**/*.parquet")
    if not marker["tables"][table]:  # one `empty.parquet`, no year= folders: year is in the file
        return f"read_parquet({files})"
    return f"read_parquet({files}, hive_partitioning = true, hive_types = {{'year': INTEGER}})"


def _column_list(table: str, marker: dict) -> str:
    """The table's columns in the warehouse's order (a Hive partition column would come last)."""
    names = marker.get("columns", {}).get(table)
    return ", ".join(_quoted(name) for name in names) if names else "*"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: object) -> str:
    return "'" + str(text).replace("'", "''") + "'"


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
    """Required tables the open warehouse lacks (empty when it is current). A snapshot's
    `trade_flows` is a view."""
    present = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
    }
    return [t for t in REQUIRED_TABLES if t not in present]


def warehouse_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """version, built_at, content_hash and files of the open warehouse."""
    return dict(con.execute("SELECT key, value FROM meta").fetchall())
