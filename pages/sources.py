"""Nguồn & phương pháp / Sources and methods: every source, every indicator's definition and unit,
how progress is computed, the data version and build time, and data credits."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from indicators import export, progress
from indicators.audit import audit_log
from indicators.domain import COUNTRY, SOURCE_KINDS
from indicators.formatting import format_day, unit_label, year_runs
from indicators.i18n import t
from indicators.scope import PlaceScope
from pages import data, downloads, labels, state
from pages.state import filters, tr


def built_at_text(stamp: str, lang: str) -> str:
    """The build time in the reader's format (dd/mm/yyyy HH:MM UTC in Vietnamese)."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{format_day(moment.date(), lang)} {moment:%H:%M} UTC"


def coverage_section() -> None:
    """Province × indicator: the years that exist, the gaps, and who should fill them — the border
    provinces of the filters (or of every line) and the country, one topic at a time."""
    f = filters()
    st.subheader(tr("coverage"))
    st.caption(tr("coverage_intro"))
    places = data.places(f.period)
    codes = list(f.provinces) or data.border_province_codes(f.period, f.line)
    found = data.coverage(PlaceScope.of(f, [COUNTRY, *codes]))
    topics = [code for code in TOPIC_ORDER if code in set(found["topic"])]
    # the selectbox's labels from the filters' language, not from session state: AppTest formats
    # the options again between runs, outside the script
    topic = st.selectbox(
        tr("topic"), topics, format_func=lambda code: t(f"topic_{code}", f.lang), key="w_cov_topic"
    )
    part = found[found["topic"] == topic]
    name = "name_vi" if f.lang == "vi" else "name_en"
    place_name = places.set_index("geo_code")[name].to_dict() | {COUNTRY: tr("country")}
    grid = pd.DataFrame(
        {
            indicator: {row["geo_code"]: year_runs(row["years"]) for _, row in rows.iterrows()}
            for indicator, rows in part.groupby(name, sort=False)
        },
        index=[COUNTRY, *codes],
    ).fillna("—")
    grid.index = [place_name.get(c, c) for c in grid.index]
    st.dataframe(grid, width="stretch")
    gaps = (grid == "—").to_numpy().sum()
    st.caption(tr("coverage_gaps").format(gaps=gaps, cells=grid.size) + " " + tr(f"fill_{topic}"))


TOPIC_ORDER = (
    "poverty",
    "economy",
    "budget",
    "trade",
    "industry",
    "zones",
    "gates",
    "social",
    "infrastructure",
    "territory",
)

st.title(tr("page_sources"))
lang = state.lang()
suffix = "vi" if lang == "vi" else "en"
meta = data.meta()
st.markdown(
    f"**{tr('data_version')}:** `{meta.get('version', '—')}` · "
    f"**{tr('built_at')}:** {built_at_text(meta.get('built_at', ''), lang)}"
)

st.subheader(tr("sources_list"))
sources = data.source_list()
sources = sources.assign(order=sources["kind"].map(SOURCE_KINDS.index)).sort_values(["order", "issued_on"])
st.dataframe(
    pd.DataFrame(
        {
            tr("col_source_id"): sources["source_id"],
            tr("col_kind"): sources["kind"].map(lambda k: tr(f"kind_{k}")),
            tr("col_issuer"): sources["issuer"],
            tr("col_doc_number"): sources["doc_number"].fillna(""),
            tr("col_title"): sources["title"],
            tr("col_issued_on"): sources["issued_on"].map(
                lambda d: "" if pd.isna(d) else format_day(d, lang)
            ),
            "URL": sources["url"],
            tr("note"): sources["note"].fillna(""),
        }
    ),
    hide_index=True,
    width="stretch",
    column_config={"URL": st.column_config.LinkColumn("URL")},
)

st.subheader(tr("indicators_list"))
catalog = data.indicator_catalog()
st.dataframe(
    pd.DataFrame(
        {
            tr("col_code"): catalog["indicator_code"],
            tr("indicator"): catalog[f"name_{suffix}"],
            tr("unit"): catalog["unit"].map(lambda u: unit_label(u, lang) or tr("count_unit")),
            tr("col_definition"): catalog[f"definition_{suffix}"],
            tr("latest_year"): catalog["latest_year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
        }
    ),
    hide_index=True,
    width="stretch",
)

st.subheader(tr("progress_method"))
st.markdown(tr("method_detail"))
with st.expander(tr("method_technical")):
    st.code(progress.__doc__ or "", language="markdown")

coverage_section()


def audit_section() -> None:
    """Who submitted and who approved or rejected what, when, the file's sha256 and the rows it
    changed: the audit trail as this data version holds it (etl/audit.py)."""
    st.subheader(tr("audit_trail"))
    st.caption(tr("audit_intro"))
    log = audit_log(data.connection())
    if log.empty:
        st.caption(tr("audit_none"))
        return
    st.dataframe(labels.audit_table(log), hide_index=True, width="stretch")


audit_section()

st.subheader(tr("credits"))
st.markdown(tr("credits_text"))
downloads.download_table(sources, export.SOURCE_HEADERS, "sources")
