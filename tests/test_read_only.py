"""The app's connection is read-only with external access disabled: it can neither write the
warehouse nor read or fetch anything beyond it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from indicators.db import WarehouseMissing, connect, resolved_warehouse


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO sources (source_id, title, issuer, kind) VALUES ('x', 'x', 'x', 'law')",
        "DROP TABLE observations",
        "CREATE TABLE t (a INT)",
    ],
)
def test_writes_are_refused(con: duckdb.DuckDBPyConnection, statement: str) -> None:
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_parquet('https://example.org/x.parquet')",
        "COPY observations TO '/tmp/leak.csv'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "INSTALL spatial",
    ],
)
def test_external_access_is_disabled(con: duckdb.DuckDBPyConnection, statement: str) -> None:
    with pytest.raises(duckdb.Error):
        con.execute(statement)


def test_border_db_is_read_at_connect_time(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDER_DB", str(tmp_path / "nothing.duckdb"))
    with pytest.raises(WarehouseMissing):
        resolved_warehouse()
    monkeypatch.setenv("BORDER_DB", str(warehouse))
    assert resolved_warehouse() == warehouse.resolve()
    connect().close()
