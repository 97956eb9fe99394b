"""Load the trade-flow fact table of a warehouse version and build its rollups, inside the build's
one transaction, after the reference tables it points at.

`trade_flows` keeps every code column as a DuckDB ENUM of the values it may take — the gates of
`border_gates`, the sections of `hs_sections`, the `sources`, the two directions, the partner
countries present — so ten million rows store one small integer per code instead of a string:
loading is several times faster and a scan reads a fraction of the bytes. ENUM values read, compare
and export (CSV, Parquet) as text. The table exists in every build, empty when nothing was
submitted.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from etl import synthetic
from etl.contracts import TRADE_FLOWS, Column
from etl.rollups import create_rollups

NUMERIC_TYPES = {"int": "INTEGER", "number": "DOUBLE"}


def _quoted(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(set(values)))


def _enum_values(con: duckdb.DuckDBPyConnection, column: Column, present: set[str]) -> str:
    """What a code column's ENUM lists, in order: the referenced column (in its table's order, so
    sections sort I, II … XXI), the accepted values, or the values present."""
    if column.references is not None:
        table, ref = column.references.split(".")
        return f"SELECT {ref} FROM {table} WHERE {ref} IS NOT NULL GROUP BY {ref} ORDER BY min(rowid)"
    return _quoted(column.accepted if column.accepted is not None else present)


def create_trade_flows(con: duckdb.DuckDBPyConnection, present: dict[str, set[str]]) -> None:
    """CREATE `trade_flows`, with one ENUM type per code column (`present`: the values of each
    free code column, such as partner_country, that will be inserted)."""
    columns = []
    for column in TRADE_FLOWS.columns:
        if column.type == "code":
            enum = f"{TRADE_FLOWS.name}_{column.name}"
            con.execute(
                f"CREATE TYPE {enum} AS ENUM ({_enum_values(con, column, present.get(column.name, set()))})"
            )
            sql_type = enum
        else:
            sql_type = NUMERIC_TYPES[column.type]
        columns.append(f"{column.name} {sql_type}{' NOT NULL' if column.required else ''}")
    con.execute(f"CREATE TABLE {TRADE_FLOWS.name} ({', '.join(columns)})")


def load_trade_flows(
    con: duckdb.DuckDBPyConnection, batches: list[pa.Table], synthetic_rows: int = 0
) -> dict[str, int]:
    """Load validated customs files (and/or generate synthetic rows), then the rollups; row counts."""
    free = [
        c.name
        for c in TRADE_FLOWS.columns
        if c.type == "code" and c.references is None and c.accepted is None
    ]
    present = {name: {v for b in batches for v in pc.unique(b[name]).to_pylist()} for name in free}
    if synthetic_rows:
        present["partner_country"] |= set(synthetic.PARTNERS)
    create_trade_flows(con, present)
    for batch in batches:
        con.register("incoming", batch)
        con.execute(f"INSERT INTO {TRADE_FLOWS.name} SELECT * FROM incoming")
        con.unregister("incoming")
    if synthetic_rows:
        synthetic.insert_trade_flows(con, synthetic_rows)
    counts = {TRADE_FLOWS.name: con.execute(f"SELECT count(*) FROM {TRADE_FLOWS.name}").fetchall()[0][0]}
    return counts | create_rollups(con)


def trade_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """Row count and an order-free hash of the loaded trade flows, for the version's content hash."""
    columns = ", ".join(TRADE_FLOWS.column_names)
    return str(
        con.execute(f"SELECT count(*), bit_xor(hash({columns})) FROM {TRADE_FLOWS.name}").fetchall()[0]
    )
