"""Tổng quan / Overview: headline figures with year and source, the target scorecard, freshness."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from indicators import export, series
from indicators.domain import COUNTRY
from indicators.filters import Filters
from indicators.scope import PlaceScope
from pages import data, downloads, labels, state, widgets
from pages.report_downloads import report_buttons, report_year
from pages.state import filters, lang, tr

STALE_AFTER_YEARS = 2  # a card older than this says so


def headline_places(f: Filters) -> list[str]:
    """The chosen provinces; else the country and Lạng Sơn (Plan 88), if on the chosen line."""
    if f.provinces:
        return list(f.provinces)
    default = series.DEFAULT_PROVINCE[f.period]
    on_line = f.line is None or default in data.border_province_codes(f.period, f.line)
    return [COUNTRY, default] if on_line else [COUNTRY]


def headline_metrics(f: Filters) -> None:
    lang_ = lang()
    figures = data.headline_figures(PlaceScope.of(f, headline_places(f)))
    st.subheader(tr("headlines"))
    st.caption(tr("headlines_scope").format(years=labels.years_filter_text(f)))
    if figures.empty:
        st.info(tr("no_values_for").format(scope=labels.scope_text(f), years=labels.years_filter_text(f)))
    columns = st.columns(3)
    for i, row in enumerate(figures.to_dict("records")):
        name = row["name_vi"] if lang_ == "vi" else row["name_en"]
        place = row["place_vi"] if lang_ == "vi" else row["place_en"]
        delta, delta_color = None, "normal" if row["higher_is_better"] else "inverse"
        remark = ""
        if pd.notna(row["previous_value"]):
            since = int(row["previous_year"])
            if row["value"] == row["previous_value"]:  # st.metric draws an up arrow for any text delta
                remark = f" · {tr('unchanged')} {since}"
            else:
                delta = labels.change_text(row["value"], row["previous_value"], since, row["unit"])
                if row["previous_status"] != "reported":
                    remark = f" · {since}: {tr(row['previous_status']).lower()}"
        source = labels.source_label(row["source_id"])
        flag = "" if row["status"] == "reported" else f" · {tr(row['status'])}"
        if int(row["year"]) < dt.date.today().year - STALE_AFTER_YEARS:
            flag += f" · {tr('stale_year')}"
        with columns[i % 3].container(border=True):
            # Place and name as wrapping text above the number: a metric label would cut them off.
            st.markdown(f"**{place}** · {int(row['year'])}{flag}  \n{name}")
            st.metric(
                f"{name} — {place}",
                labels.value_text(row["value"], row["unit"], row["comparator"]),
                delta=delta,
                delta_color=delta_color,
                label_visibility="collapsed",
            )
            clause = f" ({row['clause']})" if isinstance(row["clause"], str) else ""
            st.caption(
                f"{tr('source')}: {source}{clause}{remark}",
                help=row["source_title"],
            )


def scorecard(frame: pd.DataFrame) -> None:
    st.subheader(tr("scorecard"))
    if state.places_in_scope(filters()) is not None:
        st.caption(tr("scorecard_scope").format(scope=labels.scope_text(filters())))
    widgets.scorecard_table(frame)
    st.caption(tr("method_note"))


def freshness() -> None:
    lang_ = lang()
    frame = data.freshness()
    with st.expander(tr("freshness")):
        st.dataframe(
            pd.DataFrame(
                {
                    tr("indicator"): frame["name_vi" if lang_ == "vi" else "name_en"],
                    tr("latest_year"): frame["latest_year"].map(lambda y: "—" if pd.isna(y) else str(int(y))),
                    tr("places_that_year"): frame["places_that_year"],
                }
            ),
            hide_index=True,
            width="stretch",
        )


st.title(tr("app_title"))
st.caption(tr("app_subtitle"))
f = filters()
headline_metrics(f)
card = state.in_scope(data.target_scorecard(), f)
scorecard(card)
freshness()
st.subheader(tr("report_section"))
report_buttons(report_year(f), f.provinces[0] if f.provinces else None, f.line, f.lang)
downloads.download_table(export.target_rows(card, lang()), export.TARGET_HEADERS, "scorecard")
