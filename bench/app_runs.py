"""Every page's script run through Streamlit's AppTest (app.py and the page, as a browser session
would run them, without the browser): cold — the first run with Streamlit's caches empty and no
connection open (Python modules already imported) — and warm, the p95 of repeated runs."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.measure import p95, timed
from tests.browser_support import app_pages


def page_timings(db: Path, runs: int = 20) -> dict[str, dict[str, float]]:
    os.environ["BORDER_DB"] = str(db)
    timings = {}
    for page in app_pages():
        app = AppTest.from_file("../app.py", default_timeout=120)
        app.run()
        app.switch_page(page.script)
        st.cache_data.clear()
        st.cache_resource.clear()
        _, cold = timed(app.run)
        if app.exception:
            raise RuntimeError(f"{page.script}: {[e.value for e in app.exception]}")
        warm = [timed(app.run)[1] for _ in range(runs)]
        timings[page.name] = {
            "cold_s": cold,
            "warm_p95_s": p95(warm),
            "warm_median_s": sorted(warm)[runs // 2],
        }
    return timings
