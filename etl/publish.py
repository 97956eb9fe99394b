"""Versioned warehouse files and the atomic switch between them.

`data/warehouse.duckdb` is a symlink to `data/versions/warehouse-<stamp>.duckdb`. A build writes a
new version file and only then replaces the symlink with `os.replace` (atomic on POSIX), so readers
either see the old version or the new one, never a half-written file. Readers that already opened
the old file keep it: versions are pruned only beyond `KEEP_VERSIONS`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb

KEEP_VERSIONS = 5


def versions_dir(db_path: Path) -> Path:
    return db_path.parent / "versions"


def new_version_path(db_path: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    folder = versions_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{db_path.stem}-{stamp}.duckdb"


def list_versions(db_path: Path) -> list[Path]:
    """Published and unpublished version files of this warehouse, oldest first."""
    folder = versions_dir(db_path)
    return sorted(folder.glob(f"{db_path.stem}-*.duckdb")) if folder.exists() else []


def current_version(db_path: Path) -> Path | None:
    if db_path.is_symlink():
        return db_path.resolve()
    return db_path if db_path.exists() else None


def publish(db_path: Path, version: Path) -> None:
    """Point `db_path` at `version` in one atomic step."""
    if db_path.exists() and not db_path.is_symlink():
        # A plain file from elsewhere: keep it as a version instead of overwriting it.
        db_path.replace(new_version_path(db_path))
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(os.path.relpath(version, db_path.parent))
    tmp.replace(db_path)


def prune(db_path: Path, keep: int = KEEP_VERSIONS) -> list[Path]:
    """Delete the oldest versions beyond `keep`, never the published one."""
    current = current_version(db_path)
    old = [v for v in list_versions(db_path) if v != current]
    doomed = old[: max(0, len(old) - (keep - 1))]
    for path in doomed:
        path.unlink(missing_ok=True)
        Path(f"{path}.wal").unlink(missing_ok=True)
    return doomed


def inbox_files_loaded(version: Path) -> set[str]:
    """The inbox files (by name) a version file loaded, from its `meta`."""
    with duckdb.connect(str(version), read_only=True) as con:
        rows = con.execute("SELECT value FROM meta WHERE key = 'files'").fetchall()
    listed = rows[0][0].splitlines() if rows else []
    return {name.removeprefix("inbox/") for name in listed if name.startswith("inbox/")}


def withdraw(inbox: Path, rolled_back: Path, published: Path) -> list[Path]:
    """After a rollback from `rolled_back` to `published`: the inbox files only the rolled-back
    version loaded, moved to `withdrawn/` beside the inbox, so the next build does not load them
    again (a department's corrected file goes into the inbox anew). Their new paths."""
    names = inbox_files_loaded(rolled_back) - inbox_files_loaded(published)
    moved = []
    for name in sorted(names):
        source = inbox / name
        if source.is_file():
            target = inbox.parent / "withdrawn" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            moved.append(Path(shutil.move(source, target)))
    return moved


def rollback(db_path: Path) -> Path:
    """Publish the version before the current one; raise LookupError if there is none."""
    versions = list_versions(db_path)
    current = current_version(db_path)
    earlier = [v for v in versions if current is None or v.name < current.name]
    if not earlier:
        raise LookupError(f"no version older than {current.name if current else 'none'} to roll back to")
    publish(db_path, earlier[-1])
    return earlier[-1]
