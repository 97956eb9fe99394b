"""Theo dõi Kinh tế Biên giới — the dashboard's entry point: navigation and the shared sidebar."""

from __future__ import annotations

import streamlit as st

from indicators.i18n import t
from pages import ui

st.set_page_config(
    page_title="Theo dõi Kinh tế Biên giới", layout="wide"
)

ui.stop_if_no_warehouse()
chosen = ui.sidebar()
lang = chosen.lang

PAGES = [
    st.Page(
        "pages/overview.py",
        title=t("page_overview", lang),
        icon=":material/dashboard:",
        url_path="tong-quan",
        default=True,
    ),
    st.Page(
        "pages/provinces.py",
        title=t("page_provinces", lang),
        icon=":material/show_chart:",
        url_path="tinh-tuyen",
    ),
    st.Page("pages/targets.py", title=t("page_targets", lang), icon=":material/flag:", url_path="muc-tieu"),
    st.Page("pages/tasks.py", title=t("page_tasks", lang), icon=":material/checklist:", url_path="nhiem-vu"),
    st.Page("pages/map.py", title=t("page_map", lang), icon=":material/map:", url_path="ban-do"),
    st.Page("pages/sources.py", title=t("page_sources", lang), icon=":material/menu_book:", url_path="nguon"),
]
page = st.navigation(PAGES, position="top")
ui.banner_if_synthetic()
page.run()
