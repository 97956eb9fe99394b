"""Versioned builds: a rebuild while readers are open succeeds, open readers keep their version,
new readers see the new one; rollback republishes the previous version; old versions are pruned."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import REFERENCE_DIR, build
from etl.publish import KEEP_VERSIONS, list_versions, rollback
from indicators.db import connect, warehouse_meta

SUBMISSION = (
    "indicator_code,geo_code,year,value,unit,source_id,note\n"
    "trade_through_province,VN63-20,2024,5000,million USD,tccs-langson-2022,test\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "inbox").mkdir()
    return tmp_path


def count_2024(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(
        "SELECT count(*) FROM observations WHERE indicator_code = 'trade_through_province' AND year = 2024"
    ).fetchall()[0][0]


def test_rebuild_with_a_reader_open(folder: Path) -> None:
    db = folder / "warehouse.duckdb"
    first = build(db, REFERENCE_DIR, folder / "inbox")
    reader = connect(db)
    (folder / "inbox" / "so-cong-thuong.csv").write_text(SUBMISSION, encoding="utf-8")
    second = build(db, REFERENCE_DIR, folder / "inbox")  # must not be blocked by the open reader
    assert second.version != first.version and db.resolve() == second.version
    assert count_2024(reader) == 0  # the open reader keeps the version it opened
    assert warehouse_meta(reader)["version"] == first.version.stem
    fresh = connect(db)
    assert count_2024(fresh) == 1 and warehouse_meta(fresh)["version"] == second.version.stem
    reader.close()
    fresh.close()


def test_rollback_republishes_the_previous_version(folder: Path) -> None:
    db = folder / "warehouse.duckdb"
    first = build(db, REFERENCE_DIR, folder / "inbox")
    (folder / "inbox" / "s.csv").write_text(SUBMISSION, encoding="utf-8")
    build(db, REFERENCE_DIR, folder / "inbox")
    assert rollback(db) == first.version and db.resolve() == first.version
    con = connect(db)
    assert count_2024(con) == 0
    con.close()
    with pytest.raises(LookupError):
        rollback(db)


def test_a_rollback_withdraws_the_inbox_files_the_next_build_would_load_again(folder: Path) -> None:
    db, inbox = folder / "warehouse.duckdb", folder / "inbox"
    first = build(db, REFERENCE_DIR, inbox)
    (inbox / "web-sct-ls.csv").write_text(SUBMISSION, encoding="utf-8")
    second = build(db, REFERENCE_DIR, inbox)
    done = subprocess.run(
        [sys.executable, "-m", "etl", "rollback", "--db", str(db), "--inbox", str(inbox)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert db.resolve() == first.version and "web-sct-ls.csv" in done.stdout
    assert not (inbox / "web-sct-ls.csv").exists() and (folder / "withdrawn" / "web-sct-ls.csv").is_file()
    third = build(db, REFERENCE_DIR, inbox)  # the withdrawn figure stays out
    assert third.version != second.version
    con = connect(db)
    assert count_2024(con) == 0
    con.close()


def test_cli_rollback(folder: Path) -> None:
    db = folder / "warehouse.duckdb"
    first = build(db, REFERENCE_DIR, folder / "inbox")
    build(db, REFERENCE_DIR, folder / "inbox")
    done = subprocess.run(
        [sys.executable, "-m", "etl", "rollback", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert db.resolve() == first.version


def test_old_versions_are_pruned_but_never_the_published_one(folder: Path) -> None:
    db = folder / "warehouse.duckdb"
    for _ in range(KEEP_VERSIONS + 2):
        last = build(db, REFERENCE_DIR, folder / "inbox")
    versions = list_versions(db)
    assert len(versions) == KEEP_VERSIONS and last.version in versions and db.resolve() == last.version


def test_cli_build_prints_a_summary(folder: Path) -> None:
    db = folder / "w.duckdb"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "build",
            "--db",
            str(db),
            "--inbox",
            str(folder / "inbox"),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "observations" in done.stdout and "file(s) accepted" in done.stdout
    assert (
        duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM sources").fetchall()[0][0] > 5
    )
