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


def test_one_reader_connection_serves_scalar_queries_then_registering_ones(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """A session keeps one connection across pages. DuckDB 2 refuses `register` while a result is
    unfinished, and `fetchone()` leaves a one-row result unfinished: scalar reads fetch all rows."""
    from indicators.audit import latest_approval
    from indicators.scope import PlaceScope
    from indicators.series import headline_figures
    from indicators.trade import trade_row_count

    trade_row_count(con)
    latest_approval(con)
    assert not headline_figures(
        con, PlaceScope(places=("VN", "VN63-20"))
    ).empty  # registers a frame on the same connection
