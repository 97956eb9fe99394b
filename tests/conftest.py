"""Shared fixtures: a warehouse built once per test session from the real reference data into a
temporary folder (never the served one), and read-only connections to it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import pages  # noqa: F401 — like `python -m pages`: Streamlit's legacy pages/ mode off (pages/__init__.py)
from etl.build import REFERENCE_DIR, build
from indicators.db import connect

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published path of a warehouse built from data/reference with an empty inbox."""
    folder = tmp_path_factory.mktemp("warehouse")
    (folder / "inbox").mkdir()
    db = folder / "warehouse.duckdb"
    build(db, REFERENCE_DIR, folder / "inbox")
    return db


@pytest.fixture
def con(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(warehouse)
    yield connection
    connection.close()


@pytest.fixture
def reference_copy(tmp_path: Path) -> Path:
    """A writable copy of data/reference, for tests that break or extend it."""
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, target)
    return target
