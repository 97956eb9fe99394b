"""Mục tiêu / Targets: every target with the clause and quoted text that sets it, baseline,
deadline, latest value and status; filter by document and responsible agency."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import export
from pages import ui

st.title(ui.tr("page_targets"))
lang = ui.lang()
frame = ui.query("target_scorecard")
frame = frame.assign(document=frame["doc_number"].fillna(frame["source_id"]))
agency_col = "agency_vi" if lang == "vi" else "agency_en"
left, right = st.columns(2)
documents = left.multiselect(
    ui.tr("filter_document"), sorted(frame["document"].unique()), placeholder=ui.tr("all")
)
agencies = right.multiselect(
    ui.tr("filter_agency"), sorted(frame[agency_col].dropna().unique()), placeholder=ui.tr("all")
)
if documents:
    frame = frame[frame["document"].isin(documents)]
if agencies:
    frame = frame[frame[agency_col].isin(agencies)]

for r in frame.to_dict("records"):
    indicator = r["indicator_vi"] if lang == "vi" else r["indicator_en"]
    place = r["place_vi"] if lang == "vi" else r["place_en"]
    with st.container(border=True):
        st.markdown(f"**{indicator} — {place}** · {ui.status_label(r['status'])} {r['trend']}")
        cols = st.columns(4)
        cols[0].metric(ui.tr("target"), f"{r['comparator']} {ui.value_text(r['target_value'], r['unit'])}")
        cols[1].metric(ui.tr("deadline"), ui.deadline_text(r["target_year"]))
        baseline = "—"
        if pd.notna(r["baseline_value"]):
            baseline = f"{ui.value_text(r['baseline_value'], r['unit'])} ({int(r['baseline_year'])})"
        cols[2].metric(ui.tr("baseline"), baseline)
        latest = "—"
        if pd.notna(r["latest_value"]):
            latest = f"{ui.value_text(r['latest_value'], r['unit'])} ({int(r['latest_year'])})"
        cols[3].metric(ui.tr("latest"), latest)
        st.markdown(
            f"{ui.tr('document')}: **{r['document']}** — {r['source_title']}, {ui.tr('clause')} **{r['clause']}**"
        )
        if isinstance(r["quote_vi"], str) and r["quote_vi"]:
            st.markdown(f"> {r['quote_vi']}")
        if isinstance(r[agency_col], str):
            st.caption(f"{ui.tr('agency')}: {r[agency_col]}")
        st.caption(r["reason"])
st.caption(ui.tr("method_note"))
ui.download_table(export.target_rows(frame, lang), export.TARGET_HEADERS, "targets")
