"""Every page's script run through Streamlit's AppTest (app.py and the page, as a browser session
would run them, without the browser): cold — the first run with Streamlit's caches empty and no
connection open (Python modules already imported) — and warm, the p95 of repeated runs; and the
warm runs again while the warehouse is rebuilt in a parallel process (bench/rebuild.py)."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.measure import p95, timed
from bench.rebuild import Round, readers_through_rebuilds
from tests.browser_support import app_pages


def page_app(script: str) -> AppTest:
    """An AppTest of app.py switched to the page `script` (not yet run on it)."""
    app = AppTest.from_file("../app.py", default_timeout=120)
    app.run()
    return app.switch_page(script)


def page_timings(db: Path, runs: int = 20) -> dict[str, dict[str, float]]:
    os.environ["BORDER_DB"] = str(db)
    timings = {}
    for page in app_pages():
        app = page_app(page.script)
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


def every_page_once(db: Path) -> Round:
    """A round: one warm run of every page's script, timed per page."""
    os.environ["BORDER_DB"] = str(db)
    apps = {page.name: page_app(page.script) for page in app_pages()}

    def one_round() -> dict[str, float]:
        timings = {}
        for name, app in apps.items():
            timings[name] = timed(app.run)[1]
            if app.exception:
                raise RuntimeError(f"{name}: {[e.value for e in app.exception]}")
        return timings

    return one_round


def pages_through_rebuilds(db: Path, rows: int, rounds: int = 20) -> dict:
    return readers_through_rebuilds(db, rows, every_page_once(db), rounds)
