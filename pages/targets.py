"""Mục tiêu / Targets: every target with the clause and quoted text that sets it, baseline,
deadline, latest value and status; filter by document and responsible agency."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import export
from pages import ui

st.title(ui.tr("page_targets"))
lang = ui.lang()
frame = ui.in_scope(ui.query("target_scorecard"), ui.filters())
if ui.places_in_scope(ui.filters()) is not None:
    st.caption(ui.tr("scorecard_scope").format(scope=ui.scope_text(ui.filters())))
frame = frame.assign(document=[ui.document_label(r) for r in frame.to_dict("records")])
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


def with_year(value: float, year: object, unit: str) -> str:
    if pd.isna(value):
        return "—"
    return f"{ui.value_text(value, unit)} ({int(year)})" if pd.notna(year) else ui.value_text(value, unit)


for r in frame.to_dict("records"):
    indicator = r["indicator_vi"] if lang == "vi" else r["indicator_en"]
    place = r["place_vi"] if lang == "vi" else r["place_en"]
    with st.container(border=True):
        st.markdown(f"#### {indicator} — {place}")
        st.markdown(f"{ui.status_label(r['status'])} {r['trend']} · {ui.reason_text(r['reason'], r['pace'])}")
        facts = {
            ui.tr("target"): ui.target_text(r),
            ui.tr("deadline"): ui.deadline_text(r["target_year"]),
            ui.tr("baseline"): with_year(r["baseline_value"], r["baseline_year"], r["unit"]),
            ui.tr("latest"): with_year(r["latest_value"], r["latest_year"], r["unit"]),
        }
        st.markdown("  \n".join(f"**{k}:** {v}" for k, v in facts.items()))
        st.markdown(
            f"{ui.tr('document')}: **{r['document']}** — {r['source_title']} · {ui.tr('clause')} **{r['clause']}**"
        )
        if isinstance(r["quote_vi"], str) and r["quote_vi"]:
            st.markdown(f"> «{r['quote_vi']}»")
        if isinstance(r[agency_col], str):
            st.caption(f"{ui.tr('agency')}: {r[agency_col]}")
st.caption(ui.tr("method_note"))
ui.download_table(export.target_rows(frame, lang), export.TARGET_HEADERS, "targets")
