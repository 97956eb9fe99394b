"""The Gates page's questions answered three ways, for the benchmark to compare:

- `rollup` — what the page does: `indicators.trade` over the build-time rollup `trade_monthly`;
- `fact-scan` — the same SQL over the fact table itself (a view named `trade_monthly` over
  `trade_flows` joined to its gates), to show what the rollup saves;
- `pandas` — the common way: the whole fact table (joined to its gates) loaded into a DataFrame
  under `st.cache_data`, then filtered and grouped in pandas on every run.

Each engine answers a `Scope` (the page's filters) with the same frames, so they can be checked
against each other, and writes the CSV of the filtered customs rows.
"""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from indicators import trade
from indicators.db import READ_ONLY_CONFIG, connect, resolved_warehouse
from indicators.filters import Filters
from indicators.scope import PROVINCE_COLUMN, TradeScope

# The page's filters, as its queries take them.
Scope = TradeScope


def scope_filters(scope: Scope) -> Filters:
    return Filters(
        provinces=scope.provinces,
        line=scope.line,
        year_from=scope.year_from,
        year_to=scope.year_to,
        period=scope.period,
    )


# The first is the page as it opens; the others are the filter changes a planner makes.
SCOPES = {
    "all": Scope(),
    "china 2020–2023": Scope(line="china", year_from=2020, year_to=2023),
    "Lạng Sơn": Scope(provinces=("VN63-20",)),
    "34 provinces, laos, 2024–": Scope(line="laos", period="new", year_from=2024),
    "Cao Bằng + Hà Giang, 2022": Scope(provinces=("VN63-04", "VN63-02"), year_from=2022, year_to=2022),
}

PAGE_QUERIES = {
    "balance": trade.trade_balance,
    "by_line": trade.trade_by_line,
    "by_province": trade.trade_by_province,
    "by_gate": trade.trade_by_gate,
    "monthly": trade.monthly_trend,
    "commodities": trade.top_commodities,
    "sources": trade.trade_sources,
}

FACT_ROWS = """
    SELECT f.gate_id::VARCHAR AS gate_id, g.province_code, s.new_code AS new_province_code, g.border_line,
           f.year, f.month, f.direction::VARCHAR AS direction, f.hs_section::VARCHAR AS hs_section,
           f.partner_country::VARCHAR AS partner_country, f.source_id::VARCHAR AS source_id, f.value_usd
    FROM trade_flows f JOIN border_gates g ON g.gate_id = f.gate_id::VARCHAR
    LEFT JOIN province_successions s ON s.old_code = g.province_code
"""


class RollupEngine:
    """The dashboard's way: parameterised SQL over the rollup, on a read-only connection."""

    def __init__(self, db: Path) -> None:
        self.con = connect(db)
        self.version = resolved_warehouse(db).stem

    def answers(self, scope: Scope) -> dict[str, pd.DataFrame]:
        return {name: query(self.con, scope) for name, query in PAGE_QUERIES.items()}

    def csv(self, scope: Scope) -> bytes:
        return trade.detail_csv(self.con, scope_filters(scope), self.version)


class FactScanEngine(RollupEngine):
    """The same SQL, but `trade_monthly` is a view over every fact row (one row = n_rows 1)."""

    def __init__(self, db: Path) -> None:
        self.con = duckdb.connect(config=READ_ONLY_CONFIG | {"enable_external_access": True})
        self.con.execute(f"ATTACH '{resolved_warehouse(db)}' AS warehouse (READ_ONLY)")
        self.con.execute("USE warehouse")
        self.con.execute(f"CREATE TEMP VIEW trade_monthly AS SELECT *, 1 AS n_rows FROM ({FACT_ROWS})")
        self.version = resolved_warehouse(db).stem


@st.cache_data(show_spinner=False)
def whole_table(db: str) -> pd.DataFrame:
    """The common way's starting point: every fact row in pandas, cached by Streamlit (which
    pickles it once and hands each run its own unpickled copy)."""
    with duckdb.connect(db, read_only=True) as con:
        return con.execute(FACT_ROWS).df()


class PandasEngine:
    """The common way: the cached whole table, filtered and grouped in pandas on every run."""

    def __init__(self, db: Path) -> None:
        self.db = str(resolved_warehouse(db))
        with duckdb.connect(self.db, read_only=True) as con:
            self.provinces = con.execute("SELECT province_code, name_vi, name_en FROM provinces").df()
            self.gates = con.execute("SELECT gate_id, name_vi, gate_type FROM border_gates").df()
            self.sections = con.execute("SELECT hs_section, name_vi, name_en FROM hs_sections").df()
            self.sources = con.execute("SELECT source_id, title, issuer, kind FROM sources").df()

    def selected(self, scope: Scope) -> pd.DataFrame:
        df = whole_table(self.db)
        column = PROVINCE_COLUMN[scope.period]
        mask = pd.Series(True, index=df.index)
        if scope.line:
            mask &= df["border_line"] == scope.line
        if scope.provinces:
            mask &= df[column].isin(scope.provinces)
        if scope.year_from:
            mask &= df["year"] >= scope.year_from
        if scope.year_to:
            mask &= df["year"] <= scope.year_to
        return df[mask].rename(columns={column: "geo_code"})

    @staticmethod
    def _directions(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
        out = rows.pivot_table(index=by, columns="direction", values="value_usd", aggfunc="sum", fill_value=0)
        out = out.reindex(columns=["export", "import"], fill_value=0) / trade.MUSD
        out.columns = ["export_musd", "import_musd"]
        out["turnover_musd"] = out.sum(axis=1)
        out["share_pct"] = 100 * out["turnover_musd"] / out["turnover_musd"].sum()
        return out.reset_index().sort_values("turnover_musd", ascending=False)

    def answers(self, scope: Scope) -> dict[str, pd.DataFrame]:
        rows = self.selected(scope)
        balance = self._directions(rows, ["year"]).sort_values("year")
        balance["balance_musd"] = balance["export_musd"] - balance["import_musd"]
        monthly = self._directions(rows, ["year", "month"]).sort_values(["year", "month"])
        previous = monthly[["year", "month", "turnover_musd"]].assign(year=monthly["year"] + 1)
        monthly = monthly.merge(previous, on=["year", "month"], how="left", suffixes=("", "_previous"))
        monthly["change_pct"] = 100 * (monthly["turnover_musd"] / monthly["turnover_musd_previous"] - 1)
        return {
            "balance": balance,
            "by_line": self._directions(rows, ["border_line"]),
            "by_province": self._directions(rows, ["geo_code"]).merge(
                self.provinces, left_on="geo_code", right_on="province_code"
            ),
            "by_gate": self._directions(rows, ["gate_id"]).merge(self.gates, on="gate_id"),
            "monthly": monthly,
            "commodities": self._directions(rows, ["hs_section"]).merge(self.sections, on="hs_section"),
            "sources": rows.groupby("source_id").size().rename("n_rows").reset_index().merge(self.sources),
        }

    def csv(self, scope: Scope) -> bytes:
        out = io.BytesIO()
        self.selected(scope).to_csv(out, index=False, encoding="utf-8-sig")
        return out.getvalue()


ENGINES = {"rollup": RollupEngine, "fact-scan": FactScanEngine, "pandas": PandasEngine}


def csv_scope(db: Path, target: int = 1_000_000) -> tuple[Scope, int]:
    """The line and span of years whose customs rows come closest to `target` (all rows of a
    smaller warehouse), and how many rows that is: the selection the CSV snapshot is timed on."""
    with connect(db) as con:
        counts = con.execute(
            "SELECT border_line, year, sum(n_rows) AS n FROM trade_monthly GROUP BY ALL"
        ).df()
    years = sorted(counts["year"].unique())
    best, best_rows = Scope(), 0
    for line in (None, "china", "laos", "cambodia"):
        rows = counts if line is None else counts[counts["border_line"] == line]
        for i, first in enumerate(years):
            for last in years[i:]:
                n = int(rows[(rows["year"] >= first) & (rows["year"] <= last)]["n"].sum())
                if abs(n - target) < abs(best_rows - target):
                    best, best_rows = Scope(line=line, year_from=int(first), year_to=int(last)), n
    return best, best_rows
