"""Synthetic trade flows for scale tests (`python -m etl synthetic --rows N`), never the default.

Rows are generated inside DuckDB, so ten million take seconds: first one weighted cell per real
border gate × month × direction × HS section (a few hundred thousand), then each cell expanded to
its share of the N rows, every row drawn from a hash of its number (the same N and seed give the
same warehouse). The shape follows what the published figures describe: the China line carries
most of the turnover, international gates more than main and secondary ones, the Tết months are
slow and the year-end busy, trade grows year on year with a dip in 2020–2021 when the northern
crossings were closed, and a few HS sections (machinery, fruit and vegetables, minerals) make up
most of the value. Totals are scaled to 30 bn USD a year on average whatever N is, so pages look alike
at every size. Every row cites the one source of kind `synthetic`, so the app shows its banner.
"""

from __future__ import annotations

import duckdb
import pandas as pd

SOURCE_ID = "synthetic-trade"
SOURCE = {
    "source_id": SOURCE_ID,
    "title": "Số liệu thương mại cửa khẩu giả lập để kiểm thử tải / Synthetic border-gate trade flows "
    "for scale tests",
    "issuer": "Border Economy Monitor (etl/synthetic.py)",
    "doc_number": None,
    "issued_on": None,
    "url": None,
    "kind": "synthetic",
    "note": "Generated, not real: not for analysis or reporting.",
}

FIRST_YEAR = 2016
# Relative volume per year: growth, and the 2020–2021 closures of the northern crossings.
YEAR_WEIGHTS = (1.0, 1.12, 1.25, 1.3, 1.05, 0.95, 1.2, 1.35, 1.5, 1.6)
# Relative volume per month: the Tết holiday (January–February) is slow, the year-end busy.
MONTH_WEIGHTS = (0.85, 0.65, 0.95, 1.0, 1.0, 1.0, 1.0, 1.05, 1.05, 1.1, 1.15, 1.2)
GATE_TYPE_WEIGHTS = {"international": 10.0, "main": 3.0, "secondary": 1.0}
# (weight of the line, share of exports in its trade, the neighbour across it)
LINES = {"china": (8.0, 0.42, "CN"), "laos": (1.0, 0.55, "LA"), "cambodia": (1.6, 0.62, "KH")}
# HS section → (weight among exports, weight among imports, value of a row relative to the mean)
SECTIONS = {
    "I": (1.0, 2.0, 0.6),
    "II": (9.0, 3.0, 0.7),
    "III": (0.4, 0.6, 0.8),
    "IV": (3.0, 2.0, 0.8),
    "V": (2.0, 6.0, 1.6),
    "VI": (1.0, 3.0, 1.0),
    "VII": (2.0, 3.5, 1.0),
    "VIII": (0.8, 0.8, 0.8),
    "IX": (1.5, 3.0, 0.9),
    "X": (0.5, 1.0, 0.8),
    "XI": (3.0, 4.0, 1.0),
    "XII": (1.5, 0.8, 0.7),
    "XIII": (0.6, 1.0, 0.8),
    "XIV": (0.1, 0.1, 2.0),
    "XV": (2.0, 4.0, 1.3),
    "XVI": (8.0, 12.0, 1.8),
    "XVII": (1.0, 2.0, 1.5),
    "XVIII": (0.8, 1.5, 1.2),
    "XIX": (0.01, 0.01, 1.0),
    "XX": (1.5, 1.5, 0.7),
    "XXI": (0.01, 0.01, 1.0),
}
THIRD_COUNTRIES = ("TH", "KR", "JP", "SG", "HK", "MY")  # goods in transit
TRANSIT_SHARE = 0.05
PARTNERS = tuple(partner for _, _, partner in LINES.values()) + THIRD_COUNTRIES
ANNUAL_TOTAL_USD = 30e9


def source_frame() -> pd.DataFrame:
    """The `sources` row every synthetic trade row cites, with its origin columns."""
    return pd.DataFrame([{**SOURCE, "_file": "etl/synthetic.py", "_row": 0}])


def _values(rows: list[tuple[object, ...]]) -> str:
    return ", ".join("(" + ", ".join(repr(v) for v in row) + ")" for row in rows)


def _cells_sql(rows: int, seed: int) -> str:
    """One row per gate × year × month × direction × section × partner (the neighbour, or one
    transit country), with the range of fact rows it gets, in proportion to its weight."""
    years = [(FIRST_YEAR + i, w) for i, w in enumerate(YEAR_WEIGHTS)]
    months = [(i + 1, w) for i, w in enumerate(MONTH_WEIGHTS)]
    lines = [(line, w, share, partner) for line, (w, share, partner) in LINES.items()]
    sections = [(s, export, imp, value) for s, (export, imp, value) in SECTIONS.items()]
    third = " ".join(f"WHEN {i} THEN '{c}'" for i, c in enumerate(THIRD_COUNTRIES))
    return f"""
        WITH lines(border_line, w, export_share, neighbour) AS (VALUES {_values(lines)}),
        types(gate_type, w) AS (VALUES {_values(list(GATE_TYPE_WEIGHTS.items()))}),
        gates AS (
            SELECT g.gate_id, l.neighbour, l.export_share, l.w * t.w AS w
            FROM border_gates g JOIN lines l USING (border_line) JOIN types t USING (gate_type)
        ),
        years(year, w) AS (VALUES {_values(years)}),
        months(month, w) AS (VALUES {_values(months)}),
        sections(hs_section, export_w, import_w, value_factor) AS (VALUES {_values(sections)}),
        directions(direction) AS (VALUES ('export'), ('import')),
        routes(transit, w) AS (VALUES (false, {1 - TRANSIT_SHARE}), (true, {TRANSIT_SHARE})),
        cells AS (
            SELECT g.gate_id, y.year, m.month, d.direction, s.hs_section, s.value_factor,
                   CASE WHEN r.transit
                        THEN CASE hash({seed}, g.gate_id, y.year, m.month) % {len(THIRD_COUNTRIES)} {third} END
                        ELSE g.neighbour END AS partner_country,
                   g.w * y.w * m.w * r.w
                   * CASE d.direction WHEN 'export' THEN g.export_share * s.export_w
                                      ELSE (1 - g.export_share) * s.import_w END
                   * (0.5 + (hash({seed}, g.gate_id, y.year, m.month, d.direction, s.hs_section) % 1000) / 1000)
                   AS w
            FROM gates g, years y, months m, directions d, sections s, routes r
        ),
        cumulative AS (
            SELECT *, sum(w) OVER (ORDER BY year, month, gate_id, direction, hs_section, partner_country
                                   ROWS UNBOUNDED PRECEDING) AS upto
            FROM cells
        ),
        placed AS (  -- the last cell's share ends at exactly 1, so the rows add up to N
            SELECT *, (upto - w) / max(upto) OVER () AS before, upto / max(upto) OVER () AS after
            FROM cumulative
        )
        SELECT gate_id, year, month, direction, hs_section, partner_country, '{SOURCE_ID}', value_factor,
               floor({rows} * before)::BIGINT, (floor({rows} * after) - floor({rows} * before))::BIGINT
        FROM placed
        ORDER BY year, month, gate_id, direction, hs_section, partner_country
    """


def insert_trade_flows(con: duckdb.DuckDBPyConnection, rows: int, seed: int = 0) -> None:
    """Append `rows` synthetic rows to `trade_flows` (reference tables already loaded).

    The cells take the column types of `trade_flows` (ENUMs, see etl/facts.py), so the rows
    expanded from them are written without any per-row conversion."""
    con.execute(
        """
        CREATE TEMP TABLE synthetic_cells AS
        SELECT gate_id, year, month, direction, hs_section, partner_country, source_id,
               0.0::DOUBLE AS value_factor, 0::BIGINT AS first_row, 0::BIGINT AS n_rows
        FROM trade_flows LIMIT 0
        """
    )
    con.execute(f"INSERT INTO synthetic_cells {_cells_sql(rows, seed)}")
    ((factor,),) = con.execute(
        "SELECT sum(n_rows * value_factor) / sum(n_rows) FROM synthetic_cells"
    ).fetchall()
    mean_value = ANNUAL_TOTAL_USD * len(YEAR_WEIGHTS) / max(rows, 1) / (factor or 1)
    # Two uniforms on [0.2, 1.8) multiplied: right-skewed around the mean, as customs lines are.
    con.execute(
        f"""
        INSERT INTO trade_flows
        SELECT gate_id, year, month, direction, hs_section, partner_country,
               round({mean_value}::DOUBLE * value_factor
                     * (0.2 + 0.8 * (((h >> 12) % 1024)::DOUBLE + 0.5) / 512)
                     * (0.2 + 0.8 * (((h >> 22) % 1024)::DOUBLE + 0.5) / 512), 2),
               source_id
        FROM (
            SELECT *, hash({seed}, row_number) AS h
            FROM (SELECT *, unnest(range(first_row, first_row + n_rows)) AS row_number FROM synthetic_cells)
        )
        """
    )
    con.execute("DROP TABLE synthetic_cells")
