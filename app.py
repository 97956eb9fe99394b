"""Theo dõi Kinh tế Biên giới — the dashboard's entry point: navigation and the shared sidebar."""

from __future__ import annotations

import streamlit as st

from indicators import export
from indicators.i18n import t
from pages import auth, preload, state, widgets

st.set_page_config(page_title="Theo dõi Kinh tế Biên giới", layout="wide")
# The browser fetches the charts' library while this run goes on, not when a chart first comes.
if preload_script := preload.plotly_preload_html():
    st.html(preload_script, unsafe_allow_javascript=True)

widgets.stop_if_no_warehouse()
chosen = widgets.sidebar()
lang = chosen.lang
st.set_page_config(page_title=t("app_title", lang))  # the browser tab in the reader's language

# URL paths are the file names (/provinces, /map …): AppTest's switch_page finds pages by them.
PAGES = [
    st.Page(
        "pages/overview.py",
        title=t("page_overview", lang),
        icon=":material/dashboard:",
        default=True,
    ),
    st.Page(
        "pages/provinces.py",
        title=t("page_provinces", lang),
        icon=":material/show_chart:",
    ),
    st.Page("pages/province.py", title=t("page_province", lang), icon=":material/badge:"),
    st.Page("pages/targets.py", title=t("page_targets", lang), icon=":material/flag:"),
    st.Page("pages/tasks.py", title=t("page_tasks", lang), icon=":material/checklist:"),
    st.Page("pages/tracker.py", title=t("page_tracker", lang), icon=":material/event_available:"),
    st.Page("pages/map.py", title=t("page_map", lang), icon=":material/map:"),
    st.Page("pages/gates.py", title=t("page_gates", lang), icon=":material/local_shipping:"),
    st.Page("pages/sources.py", title=t("page_sources", lang), icon=":material/menu_book:"),
    st.Page("pages/signin.py", title=t("page_signin", lang), icon=":material/login:"),
]
# Submit (a submitter) and review (a steward) exist only for a signed-in account: an anonymous
# reader's navigation has no such page, so its URL leads nowhere (pages/auth.py).
auth.begin_run()
page = st.navigation(PAGES + auth.private_pages(auth.current_user(), lang), position="top")
state.write_url(chosen)
st.html(f"<style>{export.TABLE_TOOLBAR_CSS}</style>")  # only downloads with provenance
widgets.banner_if_synthetic()
page.run()
