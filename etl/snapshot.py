"""Write a warehouse version as a Parquet snapshot that DuckDB, Spark or Trino read unchanged.

One folder per table; the large fact tables (`trade_flows`, `observations`) are partitioned by
year in Hive style (`trade_flows/year=2024/data_0.parquet`), so a reader that filters on a year
opens only that year's files. `_snapshot.json` names the warehouse version, each table's rows and
its columns in the warehouse's order (a Hive partition column is read back last otherwise).
The snapshot is written beside the target and then swapped in, so a reader of DIR sees either the
previous snapshot or the new one, never a half-written folder (the swap is two renames).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb

from etl.resources import build_config
from indicators.db import MARKER, PARTITIONED_BY_YEAR


def write_parquet_snapshot(version: Path, target: Path) -> dict[str, int]:
    """Copy every table of the warehouse file `version` into Parquet under `target`; row counts."""
    if target.exists() and not (target / MARKER).exists():
        raise FileExistsError(f"{target} exists and is not a Parquet snapshot; choose an empty folder")
    staging = target.with_name(f".{target.name}.{os.getpid()}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        counts = _write_tables(version, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = target.with_name(f".{target.name}.{os.getpid()}.previous")
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    return counts


def _write_tables(version: Path, staging: Path) -> dict[str, int]:
    """COPY every table of `version` into `staging`, then the marker; row counts per table."""
    counts: dict[str, int] = {}
    columns: dict[str, list[str]] = {}
    con = duckdb.connect(str(version), read_only=True, config=build_config())
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        for table in tables:
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            columns[table] = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index",
                    {"t": table},
                ).fetchall()
            ]
            if table not in PARTITIONED_BY_YEAR:
                out, options = staging / f"{table}.parquet", ""
            elif counts[table] == 0:  # nothing to partition: one empty file keeps the schema
                (staging / table).mkdir()
                out, options = staging / table / "empty.parquet", ""
            else:
                out, options = staging / table, ", PARTITION_BY (year)"
            target_path = str(out).replace("'", "''")
            con.execute(f"COPY {table} TO '{target_path}' (FORMAT parquet, COMPRESSION zstd{options})")
    finally:
        con.close()
    (staging / MARKER).write_text(
        json.dumps(
            {
                "version": version.stem,
                "tables": counts,
                "columns": columns,
                "partitioned_by_year": PARTITIONED_BY_YEAR,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return counts
