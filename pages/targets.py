"""Mục tiêu / Targets: every target with the clause and quoted text that sets it, baseline,
deadline, latest value and status; filter by document and responsible agency."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import export
from pages import data, downloads, labels, state
from pages.state import filters, tr

st.title(tr("page_targets"))
lang = state.lang()
frame = state.in_scope(data.target_scorecard(), filters())
if state.places_in_scope(filters()) is not None:
    st.caption(tr("scorecard_scope").format(scope=labels.scope_text(filters())))
frame = frame.assign(document=[labels.document_label(r) for r in frame.to_dict("records")])
agency_col = "agency_vi" if lang == "vi" else "agency_en"
left, right = st.columns(2)
documents = left.multiselect(tr("filter_document"), sorted(frame["document"].unique()), placeholder=tr("all"))
agencies = right.multiselect(
    tr("filter_agency"), sorted(frame[agency_col].dropna().unique()), placeholder=tr("all")
)
if documents:
    frame = frame[frame["document"].isin(documents)]
if agencies:
    frame = frame[frame[agency_col].isin(agencies)]


def with_year(value: float, year: object, unit: str) -> str:
    if pd.isna(value):
        return "—"
    return (
        f"{labels.value_text(value, unit)} ({int(year)})"
        if pd.notna(year)
        else labels.value_text(value, unit)
    )


for r in frame.to_dict("records"):
    indicator = r["indicator_vi"] if lang == "vi" else r["indicator_en"]
    place = r["place_vi"] if lang == "vi" else r["place_en"]
    with st.container(border=True):
        st.markdown(f"#### {indicator} — {place}")
        st.markdown(
            f"{labels.status_label(r['status'])} {r['trend']} · {labels.reason_text(r['reason'], r['pace'])}"
        )
        facts = {
            tr("target"): labels.target_text(r),
            tr("deadline"): labels.deadline_text(r["target_year"]),
            tr("baseline"): with_year(r["baseline_value"], r["baseline_year"], r["unit"]),
            tr("latest"): with_year(r["latest_value"], r["latest_year"], r["unit"]),
        }
        st.markdown("  \n".join(f"**{k}:** {v}" for k, v in facts.items()))
        st.markdown(
            f"{tr('document')}: **{r['document']}** — {r['source_title']} · {tr('clause')} **{r['clause']}**"
        )
        if isinstance(r["quote_vi"], str) and r["quote_vi"]:
            st.markdown(f"> «{r['quote_vi']}»")
        if isinstance(r[agency_col], str):
            st.caption(f"{tr('agency')}: {r[agency_col]}")
st.caption(tr("method_note"))
downloads.download_table(export.target_rows(frame, lang), export.TARGET_HEADERS, "targets")
