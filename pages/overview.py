"""Tổng quan / Overview: headline figures with year and source, the target scorecard, freshness."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from indicators import export, series
from indicators.filters import Filters
from pages import ui
from pages.report_downloads import report_buttons, report_year

STALE_AFTER_YEARS = 2  # a card older than this says so


def headline_places(f: Filters) -> list[str]:
    """The chosen provinces; else the country and Lạng Sơn (Plan 88), if on the chosen line."""
    if f.provinces:
        return list(f.provinces)
    default = series.DEFAULT_PROVINCE[f.period]
    on_line = f.line is None or default in ui.query("border_province_codes", f.period, f.line)
    return ["VN", default] if on_line else ["VN"]


def headline_metrics(f: Filters) -> None:
    lang = ui.lang()
    figures = ui.query("headline_figures", headline_places(f), f.period, f.year_from, f.year_to)
    st.subheader(ui.tr("headlines"))
    st.caption(ui.tr("headlines_scope").format(years=ui.years_filter_text(f)))
    if figures.empty:
        st.info(ui.tr("no_values_for").format(scope=ui.scope_text(f), years=ui.years_filter_text(f)))
    columns = st.columns(3)
    for i, row in enumerate(figures.to_dict("records")):
        name = row["name_vi"] if lang == "vi" else row["name_en"]
        place = row["place_vi"] if lang == "vi" else row["place_en"]
        delta, delta_color = None, "normal" if row["higher_is_better"] else "inverse"
        remark = ""
        if pd.notna(row["previous_value"]):
            since = int(row["previous_year"])
            if row["value"] == row["previous_value"]:  # st.metric draws an up arrow for any text delta
                remark = f" · {ui.tr('unchanged')} {since}"
            else:
                delta = ui.change_text(row["value"], row["previous_value"], since, row["unit"])
                if row["previous_status"] != "reported":
                    remark = f" · {since}: {ui.tr(row['previous_status']).lower()}"
        source = ui.source_label(row["source_id"])
        flag = "" if row["status"] == "reported" else f" · {ui.tr(row['status'])}"
        if int(row["year"]) < dt.date.today().year - STALE_AFTER_YEARS:
            flag += f" · {ui.tr('stale_year')}"
        with columns[i % 3].container(border=True):
            # Place and name as wrapping text above the number: a metric label would cut them off.
            st.markdown(f"**{place}** · {int(row['year'])}{flag}  \n{name}")
            st.metric(
                f"{name} — {place}",
                ui.value_text(row["value"], row["unit"], row["comparator"]),
                delta=delta,
                delta_color=delta_color,
                label_visibility="collapsed",
            )
            clause = f" ({row['clause']})" if isinstance(row["clause"], str) else ""
            st.caption(
                f"{ui.tr('source')}: {source}{clause}{remark}",
                help=row["source_title"],
            )


def scorecard(frame: pd.DataFrame) -> None:
    st.subheader(ui.tr("scorecard"))
    if ui.places_in_scope(ui.filters()) is not None:
        st.caption(ui.tr("scorecard_scope").format(scope=ui.scope_text(ui.filters())))
    ui.scorecard_table(frame)
    st.caption(ui.tr("method_note"))


def freshness() -> None:
    lang = ui.lang()
    frame = ui.query("freshness")
    with st.expander(ui.tr("freshness")):
        st.dataframe(
            pd.DataFrame(
                {
                    ui.tr("indicator"): frame["name_vi" if lang == "vi" else "name_en"],
                    ui.tr("latest_year"): frame["latest_year"].map(
                        lambda y: "—" if pd.isna(y) else str(int(y))
                    ),
                    ui.tr("places_that_year"): frame["places_that_year"],
                }
            ),
            hide_index=True,
            width="stretch",
        )


st.title(ui.tr("app_title"))
st.caption(ui.tr("app_subtitle"))
f = ui.filters()
headline_metrics(f)
card = ui.in_scope(ui.query("target_scorecard"), f)
scorecard(card)
freshness()
st.subheader(ui.tr("report_section"))
report_buttons(report_year(f), f.provinces[0] if f.provinces else None, f.line, f.lang)
ui.download_table(export.target_rows(card, ui.lang()), export.TARGET_HEADERS, "scorecard")
