"""Trade through the border gates: small, aggregated frames for the "Gates and goods" page, read
from the build-time rollup `trade_monthly` (never from the fact table), and the one export that
does read the fact table — the filtered customs rows as CSV, built in Arrow, not row by row.

Every function takes an open read-only connection and a `TradeScope` (the view's provinces,
border line, period and years) and binds it as parameters. Values are in million USD (`_musd`), as the indicators are.
"""

from __future__ import annotations

import csv
import io

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from indicators.export import FORMULA_TRIGGERS, Snapshot, cited_sources, neutralise, provenance_rows
from indicators.filters import Filters
from indicators.i18n import t
from indicators.scope import TradeScope, in_years
from l10n import N_

MUSD = 1e6

# Each export's columns, in order: column → the message id of its header.
DETAIL_HEADERS = {
    "gate_id": N_("col_gate_id"),
    "gate": N_("gate"),
    "province_code": N_("col_province_code"),
    "province": N_("col_province"),
    "border_line": N_("line"),
    "year": N_("year"),
    "month": N_("month"),
    "direction": N_("col_direction"),
    "hs_section": N_("hs_section"),
    "partner_country": N_("col_partner_country"),
    "value_usd": N_("col_value_usd"),
    "source_id": N_("col_source_id"),
}
SUMMARY_HEADERS = {
    **{
        k: DETAIL_HEADERS[k]
        for k in ("gate_id", "gate", "province_code", "border_line", "year", "direction", "hs_section")
    },
    "value_musd": N_("col_value_musd"),
    "n_rows": N_("customs_rows"),
    "source_id": DETAIL_HEADERS["source_id"],
}


EVERYTHING = TradeScope()


_DIRECTIONS = f"""
    sum(t.value_usd) FILTER (t.direction = 'export') / {MUSD} AS export_musd,
    sum(t.value_usd) FILTER (t.direction = 'import') / {MUSD} AS import_musd,
    sum(t.value_usd) / {MUSD} AS turnover_musd
"""


def trade_row_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many customs rows lie under the rollup (0: no trade flows loaded yet)."""
    return int(con.execute("SELECT coalesce(sum(n_rows), 0) FROM trade_monthly").fetchall()[0][0])


def trade_balance(
    con: duckdb.DuckDBPyConnection,
    scope: TradeScope = EVERYTHING,
) -> pd.DataFrame:
    """Per year: exports, imports, turnover and the balance (exports − imports)."""
    return con.execute(
        f"""
        SELECT t.year, {_DIRECTIONS},
               coalesce(export_musd, 0) - coalesce(import_musd, 0) AS balance_musd
        FROM trade_monthly t WHERE {scope.where()}
        GROUP BY t.year ORDER BY t.year
        """,
        scope.params(),
    ).df()


def trade_by_line(
    con: duckdb.DuckDBPyConnection,
    scope: TradeScope = EVERYTHING,
) -> pd.DataFrame:
    """Per border line: exports, imports, turnover and its share of the selection (%)."""
    return con.execute(
        f"""
        SELECT t.border_line, {_DIRECTIONS},
               100 * sum(t.value_usd) / sum(sum(t.value_usd)) OVER () AS share_pct
        FROM trade_monthly t WHERE {scope.where()}
        GROUP BY t.border_line ORDER BY turnover_musd DESC
        """,
        scope.params(),
    ).df()


def trade_by_province(
    con: duckdb.DuckDBPyConnection,
    scope: TradeScope = EVERYTHING,
) -> pd.DataFrame:
    """Per province of the period (the gate's province, carried across the 2025 merger)."""
    column = scope.province_column
    return con.execute(
        f"""
        WITH by_province AS (
            SELECT t.{column} AS geo_code, {_DIRECTIONS}
            FROM trade_monthly t WHERE {scope.where()}
            GROUP BY 1
        )
        SELECT b.geo_code, p.name_vi, p.name_en, b.export_musd, b.import_musd, b.turnover_musd,
               100 * b.turnover_musd / sum(b.turnover_musd) OVER () AS share_pct
        FROM by_province b JOIN provinces p ON p.province_code = b.geo_code
        ORDER BY b.turnover_musd DESC
        """,
        scope.params(),
    ).df()


def trade_by_gate(
    con: duckdb.DuckDBPyConnection,
    scope: TradeScope = EVERYTHING,
) -> pd.DataFrame:
    """Per gate, largest first, with its type, line and province (of the period)."""
    column = scope.province_column
    return con.execute(
        f"""
        WITH by_gate AS (
            SELECT t.gate_id, any_value(t.{column}) AS geo_code, {_DIRECTIONS}
            FROM trade_monthly t WHERE {scope.where()}
            GROUP BY t.gate_id
        )
        SELECT b.gate_id, g.name_vi, g.gate_type, g.border_line, b.geo_code,
               p.name_vi AS province_vi, p.name_en AS province_en,
               b.export_musd, b.import_musd, b.turnover_musd,
               100 * b.turnover_musd / sum(b.turnover_musd) OVER () AS share_pct,
               rank() OVER (ORDER BY b.turnover_musd DESC) AS rank
        FROM by_gate b JOIN border_gates g USING (gate_id)
        LEFT JOIN provinces p ON p.province_code = b.geo_code
        ORDER BY rank, b.gate_id
        """,
        scope.params(),
    ).df()


def monthly_trend(
    con: duckdb.DuckDBPyConnection,
    scope: TradeScope = EVERYTHING,
) -> pd.DataFrame:
    """Per month of the chosen years: turnover, the same month a year before (even when that year
    lies before the chosen ones) and the change on it in %."""
    return con.execute(
        f"""
        WITH monthly AS (
            SELECT t.year, t.month, {_DIRECTIONS}
            FROM trade_monthly t
            WHERE ($line IS NULL OR t.border_line = $line)
              AND (len($provinces) = 0 OR list_contains($provinces, t.{scope.province_column}))
              AND t.year >= coalesce($from, 0) - 1 AND t.year <= coalesce($to, 9999)
            GROUP BY t.year, t.month
        )
        SELECT m.year, m.month, make_date(m.year, m.month, 1) AS month_start,
               m.export_musd, m.import_musd, m.turnover_musd,
               p.turnover_musd AS previous_year_musd,
               100 * (m.turnover_musd / p.turnover_musd - 1) AS change_pct
        FROM monthly m LEFT JOIN monthly p ON p.year = m.year - 1 AND p.month = m.month
        WHERE m.year >= coalesce($from, 0)
        ORDER BY m.year, m.month
        """,
        scope.params(),
    ).df()


def top_commodities(
    con: duckdb.DuckDBPyConnection,
    scope: TradeScope = EVERYTHING,
) -> pd.DataFrame:
    """Every HS section traded in the selection, largest turnover first, with its share (%)."""
    return con.execute(
        f"""
        WITH by_section AS (
            SELECT t.hs_section, {_DIRECTIONS}
            FROM trade_monthly t WHERE {scope.where()}
            GROUP BY t.hs_section
        )
        SELECT b.hs_section, h.name_vi, h.name_en, b.export_musd, b.import_musd, b.turnover_musd,
               100 * b.turnover_musd / sum(b.turnover_musd) OVER () AS share_pct
        FROM by_section b JOIN hs_sections h USING (hs_section)
        ORDER BY b.turnover_musd DESC, h.rowid
        """,
        scope.params(),
    ).df()


def trade_sources(
    con: duckdb.DuckDBPyConnection,
    scope: TradeScope = EVERYTHING,
) -> pd.DataFrame:
    """The sources the selected trade figures come from, with their share of the rows."""
    return con.execute(
        f"""
        WITH used AS (
            SELECT t.source_id, sum(t.n_rows) AS n_rows
            FROM trade_monthly t WHERE {scope.where()}
            GROUP BY t.source_id
        )
        SELECT s.source_id, s.title, s.issuer, s.doc_number, s.issued_on, s.url, s.kind, u.n_rows
        FROM used u JOIN sources s USING (source_id)
        ORDER BY u.n_rows DESC, s.source_id
        """,
        scope.params(),
    ).df()


def yearly_summary(
    con: duckdb.DuckDBPyConnection,
    scope: TradeScope = EVERYTHING,
) -> pd.DataFrame:
    """The downloadable table of what the page shows: per gate, year, direction and HS section."""
    column = scope.province_column
    return con.execute(
        f"""
        SELECT t.gate_id, g.name_vi AS gate, t.{column} AS province_code, t.border_line, t.year,
               t.direction, t.hs_section, sum(t.value_usd) / {MUSD} AS value_musd,
               sum(t.n_rows) AS n_rows, string_agg(DISTINCT t.source_id, ';') AS source_id
        FROM trade_monthly t JOIN border_gates g USING (gate_id)
        WHERE {scope.where()}
        GROUP BY ALL
        ORDER BY t.year, t.border_line, t.{column}, t.gate_id, t.direction, t.hs_section
        """,
        scope.params(),
    ).df()


def _neutralised(column: str) -> str:
    """SQL: the text with a leading quote if a spreadsheet would run it as a formula (OWASP)."""
    triggers = ", ".join("'" + c.replace("'", "''") + "'" for c in FORMULA_TRIGGERS)
    return f"CASE WHEN left({column}, 1) IN ({triggers}) THEN '''' || {column} ELSE {column} END"


def detail_table(con: duckdb.DuckDBPyConnection, filters: Filters) -> pa.Table:
    """The customs rows the filters select, names resolved in the filters' language, as Arrow."""
    lang = "vi" if filters.lang == "vi" else "en"
    return con.sql(
        f"""
        WITH gates AS (
            SELECT g.gate_id, {_neutralised("g.name_vi")} AS gate, g.border_line,
                   CASE $period WHEN 'new' THEN s.new_code ELSE g.province_code END AS province_code
            FROM border_gates g LEFT JOIN province_successions s ON s.old_code = g.province_code
        ),
        places AS (SELECT province_code, {_neutralised(f"name_{lang}")} AS province FROM provinces)
        SELECT f.gate_id::VARCHAR AS gate_id, g.gate, g.province_code, p.province, g.border_line,
               f.year, f.month, f.direction::VARCHAR AS direction, f.hs_section::VARCHAR AS hs_section,
               f.partner_country::VARCHAR AS partner_country, f.value_usd,
               f.source_id::VARCHAR AS source_id
        FROM trade_flows f
        JOIN gates g ON g.gate_id = f.gate_id::VARCHAR
        LEFT JOIN places p USING (province_code)
        WHERE ($line IS NULL OR g.border_line = $line)
          AND (len($provinces) = 0 OR list_contains($provinces, g.province_code))
          AND {in_years("f.year")}
        """,
        params={
            **TradeScope.of(filters).params(),
            "period": filters.period,
        },
    ).to_arrow_table()  # a relation: its Arrow output streams, a DB-API result would copy the rows


def detail_csv(con: duckdb.DuckDBPyConnection, filters: Filters, version: str) -> bytes:
    """The filtered customs rows as CSV: UTF-8 with BOM, a header in the filters' language, numbers
    as plain numbers, then the filters, the data version, the sources and the names of the HS
    sections as `# …` lines (a name on each of a million rows would triple the file)."""
    table = detail_table(con, filters)
    lang = "vi" if filters.lang == "vi" else "en"
    out = io.BytesIO()
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([t(DETAIL_HEADERS[c], lang) for c in table.column_names])
    out.write(("\ufeff" + header.getvalue()).encode("utf-8"))
    pa_csv.write_csv(table, out, pa_csv.WriteOptions(include_header=False))
    snap = Snapshot(
        pd.DataFrame(index=pd.RangeIndex(table.num_rows)),  # the rows are in Arrow; `about` counts them
        filters,
        version,
        cited_sources(con, pd.Series(table.column("source_id").unique().to_pylist())),
    )
    tail = io.StringIO()
    writer = csv.writer(tail, lineterminator="\n")
    writer.writerows(provenance_rows(snap))
    for code, name in con.execute(
        f"SELECT hs_section, name_{lang} FROM hs_sections ORDER BY rowid"
    ).fetchall():
        writer.writerow([neutralise(f"# HS {code}"), neutralise(name)])
    out.write(tail.getvalue().encode("utf-8"))
    return out.getvalue()
