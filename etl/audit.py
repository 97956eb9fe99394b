"""The audit trail of the reporting cycle: who submitted, approved or rejected which file, when, its
sha256 and the rows it changed.

An append-only JSON-lines file outside the warehouse versions (`$BORDER_DATA_DIR/audit.jsonl`,
default `data/audit.jsonl`, git-ignored), so it survives every rebuild and rollback; each build
loads it into the warehouse table `audit_log` (contract: `etl.contracts.AUDIT_LOG`), which the
Sources page shows and exports cite. Lines are only ever appended, under an exclusive lock, one
`write` each; a line that cannot be read is skipped, never fatal.

Where files live is read from the environment at call time (tests point it at temporary folders):
`BORDER_DATA_DIR` (default `data/`) holds `staging/`, `inbox/`, `audit.jsonl` and `users.yaml`.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from etl.contracts import AUDIT_LOG

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = AUDIT_LOG.column_names


def data_dir() -> Path:
    """`BORDER_DATA_DIR`, else the repository's `data/`."""
    return Path(os.environ.get("BORDER_DATA_DIR") or ROOT / "data")


def audit_path() -> Path:
    return data_dir() / "audit.jsonl"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on `path` (created if missing) for the duration of the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def entry(action: str, **fields: object) -> dict[str, object]:
    """One audit line with every column (missing ones empty) and the time now."""
    if action not in AUDIT_LOG.column("action").accepted:  # type: ignore[operator]
        raise ValueError(f"unknown audit action {action!r}")
    line: dict[str, object] = dict.fromkeys(COLUMNS)
    line |= {"acted_at": now(), "action": action}
    unknown = set(fields) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown audit fields: {sorted(unknown)}")
    line |= fields
    return line


def append(line: dict[str, object], path: Path | None = None) -> None:
    """Append one line, atomically with respect to other writers (lock + one write)."""
    path = path or audit_path()
    text = json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n"
    with locked(path.with_name(path.name + ".lock")), path.open("a", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def read(path: Path | None = None) -> list[dict[str, object]]:
    """Every readable line, oldest first."""
    path = path or audit_path()
    if not path.exists():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if isinstance(parsed, dict):
            lines.append({c: parsed.get(c) for c in COLUMNS})
    return lines


def audit_frame(extra: list[dict[str, object]] | None = None, path: Path | None = None) -> pd.DataFrame:
    """The audit trail as the warehouse table `audit_log` (typed even when empty), with `extra`
    lines not yet appended (an approval being built)."""
    lines = [*read(path), *(extra or [])]
    frame = pd.DataFrame.from_records(lines, columns=list(COLUMNS))
    out = {c: frame[c].astype("string") for c in COLUMNS if c != "rows"}
    out["rows"] = pd.to_numeric(frame["rows"], errors="coerce").astype("Int64")
    return pd.DataFrame(out)[list(COLUMNS)]
