"""Cửa khẩu & hàng hoá / Gates and goods: trade through the land-border gates — turnover by border
line, province and gate, the monthly trend against the same month a year before, the main
commodity groups and the export–import balance — under the shared filters, each chart with its
table (in an expander). Every figure comes from the build-time rollup, so the page costs the same at 10 thousand or
10 million customs rows; only the detailed-rows download reads the fact table, when asked."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from indicators import trade
from indicators.formatting import format_number, unit_label
from indicators.scope import TradeScope
from pages import charts, data, downloads, labels
from pages.state import filters, lang, tr

EXPORT_COLOUR, IMPORT_COLOUR, BALANCE_COLOUR, PREVIOUS_COLOUR = "#0072B2", "#E69F00", "#333333", "#999999"
TOP_GATES, TOP_SECTIONS = 15, 10
MUSD = "million USD"
DIRECTIONS = (("export_musd", "exports", EXPORT_COLOUR), ("import_musd", "imports", IMPORT_COLOUR))


def unit() -> str:
    return unit_label(MUSD, lang())


def amount(value: float | None) -> str:
    """A number of million USD with one decimal, in the reader's notation: '4.270,1'."""
    return "—" if value is None or pd.isna(value) else format_number(value, lang(), places=1)


def money(value: float | None) -> str:
    """Million USD with its unit: '4.270,1 triệu USD'."""
    return "—" if value is None or pd.isna(value) else f"{amount(value)} {unit()}"


def percent(value: float | None, kind: str = "%") -> str:
    return labels.value_text(None if value is None or pd.isna(value) else round(value, 1), kind)


def names(frame: pd.DataFrame, vi: str = "name_vi", en: str = "name_en") -> pd.Series:
    return frame[vi if lang() == "vi" else en]


def finish(fig: go.Figure, **layout: object) -> go.Figure:
    """The shared look, the value axis in the reader's notation, legend in the order traces were
    added (exports first) rather than stack order."""
    fig.update_layout(legend_traceorder="normal", **layout)
    return charts.plotly_layout(fig)


def stacked_bars(labels: pd.Series, frame: pd.DataFrame) -> go.Figure:
    """Exports and imports in one horizontal bar per label, the largest on top."""
    fig = go.Figure()
    for column, key, colour in DIRECTIONS:
        fig.add_bar(
            y=labels,
            x=frame[column].fillna(0),
            name=tr(key),
            orientation="h",
            marker_color=colour,
            hovertemplate=f"%{{y}}<br>{tr(key)}: %{{x:,.1f}} {unit()}<extra></extra>",
        )
    return finish(
        fig,
        barmode="stack",
        height=110 + 28 * len(frame),
        xaxis={"title": unit(), "tickformat": ",.0f"},
        yaxis={"autorange": "reversed"},
    )


def money_table(first: dict[str, pd.Series], frame: pd.DataFrame) -> pd.DataFrame:
    """The table behind a turnover chart: its label columns, then the money columns formatted."""
    return pd.DataFrame(
        {
            **first,
            tr("exports"): frame["export_musd"].map(money),
            tr("imports"): frame["import_musd"].map(money),
            tr("turnover"): frame["turnover_musd"].map(money),
            tr("share"): frame["share_pct"].map(percent),
        }
    )


def gate_labels(frame: pd.DataFrame) -> pd.Series:
    return frame["name_vi"] + " (" + names(frame, "province_vi", "province_en") + ")"


def section_labels(frame: pd.DataFrame) -> pd.Series:
    return frame["hs_section"] + " · " + names(frame).map(lambda n: n if len(n) <= 48 else n[:47] + "…")


def trend_figure(frame: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for column, key, style in (
        ("previous_year_musd", "same_month_last_year", {"color": PREVIOUS_COLOUR, "dash": "dash"}),
        ("turnover_musd", "turnover", {"color": EXPORT_COLOUR}),
    ):
        fig.add_scatter(
            x=frame["month_start"],
            y=frame[column],
            name=tr(key),
            mode="lines",
            line=style,
            hovertemplate=f"%{{y:,.1f}} {unit()}<extra>{tr(key)}</extra>",
        )
    return finish(fig, yaxis={"title": unit(), "tickformat": ",.0f"}, hovermode="x unified", height=380)


def trend_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("year"): frame["year"].astype(str),
            tr("month"): frame["month"].astype(str),
            tr("turnover"): frame["turnover_musd"].map(money),
            tr("same_month_last_year"): frame["previous_year_musd"].map(money),
            tr("change_yoy"): frame["change_pct"].map(lambda v: percent(v, "% yoy")),
            tr("exports"): frame["export_musd"].map(money),
            tr("imports"): frame["import_musd"].map(money),
        }
    )


def balance_figure(frame: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for column, key, colour in DIRECTIONS:
        fig.add_bar(
            x=frame["year"],
            y=frame[column],
            name=tr(key),
            marker_color=colour,
            hovertemplate=f"%{{x}}: %{{y:,.1f}} {unit()}<extra>{tr(key)}</extra>",
        )
    fig.add_scatter(
        x=frame["year"],
        y=frame["balance_musd"],
        name=tr("balance"),
        mode="lines+markers",
        line={"color": BALANCE_COLOUR},
        hovertemplate=f"%{{x}}: %{{y:,.1f}} {unit()}<extra>{tr('balance')}</extra>",
    )
    return finish(
        fig, barmode="group", yaxis={"title": unit(), "tickformat": ",.0f"}, xaxis={"dtick": 1}, height=380
    )


def balance_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("year"): frame["year"].astype(str),
            tr("exports"): frame["export_musd"].map(money),
            tr("imports"): frame["import_musd"].map(money),
            tr("balance"): frame["balance_musd"].map(money),
        }
    )


# Per section: the chart, and the table that is its accessible alternative (every row, not the top).
FIGURES: dict[str, Callable[[pd.DataFrame], go.Figure]] = {
    "by_line": lambda f: stacked_bars(f["border_line"].map(tr), f),
    "by_province": lambda f: stacked_bars(names(f), f),
    "by_gate": lambda f: stacked_bars(gate_labels(f.head(TOP_GATES)), f.head(TOP_GATES)),
    "monthly_trend": trend_figure,
    "top_commodities": lambda f: stacked_bars(section_labels(f.head(TOP_SECTIONS)), f.head(TOP_SECTIONS)),
    "balance_by_year": balance_figure,
}
TABLES: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "by_line": lambda f: money_table({tr("line"): f["border_line"].map(tr)}, f),
    "by_province": lambda f: money_table({tr("place"): names(f), tr("col_code"): f["geo_code"]}, f),
    "by_gate": lambda f: money_table(
        {
            "#": f["rank"].astype(int),
            tr("gate"): f["name_vi"],
            tr("gate_type"): f["gate_type"].map(tr),
            tr("place"): names(f, "province_vi", "province_en"),
            tr("line"): f["border_line"].map(tr),
        },
        f,
    ),
    "monthly_trend": trend_table,
    "top_commodities": lambda f: money_table(
        {tr("hs_section"): f["hs_section"], tr("commodity_group"): names(f)}, f
    ),
    "balance_by_year": balance_table,
}


@st.cache_data(show_spinner=False, max_entries=256)
def figure_spec(kind: str, frame: pd.DataFrame, lang: str) -> dict:
    """A section's chart as plotly JSON, kept per data and language (`lang` is part of the key):
    building and validating a plotly figure costs more than the page's queries do."""
    return FIGURES[kind](frame).to_plotly_json()


@st.cache_data(show_spinner=False, max_entries=256)
def table_view(kind: str, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A section's table with numbers formatted in the reader's notation, kept like the chart."""
    return TABLES[kind](frame)


def section(kind: str, frame: pd.DataFrame, note: str | None = None) -> None:
    """A subheader, the chart, an optional note, then the chart's table in an expander: unlike a
    hidden tab, a closed expander draws its table only when opened, which halves the time the
    page takes to settle in a browser."""
    st.subheader(tr(kind))
    st.plotly_chart(figure_spec(kind, frame, lang()), config={"displaylogo": False}, key=f"{kind}-chart")
    if note:
        st.caption(note)
    with st.expander(tr("table_of_chart"), icon=":material/table:"):
        st.dataframe(table_view(kind, frame, lang()), hide_index=True, width="stretch")


def headline(balance: pd.DataFrame) -> None:
    """The selection's totals over its years; the unit in the label keeps the figure short."""
    years = f"{int(balance['year'].min())}–{int(balance['year'].max())}"
    columns = ("turnover_musd", "export_musd", "import_musd", "balance_musd")
    for cell, key, column in zip(
        st.columns(4), ("turnover", "exports", "imports", "balance"), columns, strict=True
    ):
        cell.metric(f"{tr(key)}, {unit()} ({years})", amount(balance[column].sum()))


def sources(frame: pd.DataFrame) -> None:
    cited = "; ".join(
        f"{r['doc_number'] + ' — ' if isinstance(r['doc_number'], str) else ''}{r['title']} ({r['issuer']})"
        for r in frame.to_dict("records")
    )
    st.caption(f"{tr('trade_sources')}: {cited}")


def download_section(scope: TradeScope, rows: int) -> None:
    """Built only when asked: the summary table (CSV, XLSX) and every customs row (CSV)."""
    st.caption(tr("download_summary_note"))
    if not st.button(tr("prepare_downloads"), key="gates-prepare"):
        return
    downloads.download_table(data.trade_yearly_summary(scope), trade.SUMMARY_HEADERS, "cua-khau")
    version = data.version()
    st.download_button(
        tr("download_detail").format(n=labels.value_text(rows, "count")),
        trade.detail_csv(data.connection(), filters(), version),
        f"bien-gioi-cua-khau-chi-tiet-{version}.csv",
        "text/csv",
        key="gates-detail-csv",
        on_click="ignore",
    )


st.title(tr("page_gates"))
st.caption(tr("trade_intro"))
f = filters()
scope = TradeScope.of(f)
if data.trade_row_count() == 0:
    st.info(tr("trade_empty"))
    st.stop()
balance = data.trade_balance(scope)
if balance.empty:
    st.info(tr("no_values"))
    st.stop()
headline(balance)
section("by_line", data.trade_by_line(scope))
section("by_province", data.trade_by_province(scope))
gates = data.trade_by_gate(scope)
section("by_gate", gates, tr("top_gates_note").format(n=TOP_GATES) if len(gates) > TOP_GATES else None)
section("monthly_trend", data.trade_monthly_trend(scope))
commodities = data.trade_top_commodities(scope)
many = len(commodities) > TOP_SECTIONS
section("top_commodities", commodities, tr("top_commodities_note").format(n=TOP_SECTIONS) if many else None)
section("balance_by_year", balance)
cited = data.trade_sources(scope)
sources(cited)
download_section(scope, int(cited["n_rows"].sum()))
