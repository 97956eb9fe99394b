"""Have the browser fetch and compile Streamlit's plotly bundle as soon as a session's first page
is on screen, so the first page with a chart does not wait for it.

Streamlit imports its plotly chunk (≈ 4.5 MB, served uncompressed by design) only when a script
run first sends a chart, then evaluates it on the browser's main thread: on the bench machine
that is ≈ 0.25–0.45 s of fetching and a ≈ 0.65 s main-thread task inside the first visit to a
chart page (docs/performance.md). Importing the same module as soon as the app is connected lets
both overlap the script run; Streamlit's own lazy import then finds it in the module map. The
chunk's file name carries a content hash that changes with each Streamlit release, so it is
looked up in the installed package, never written down.

Use: `st.html(plotly_preload_html(), unsafe_allow_javascript=True)` once per run in app.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit

STATIC_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"


def plotly_chunk(folder: Path = STATIC_JS) -> str | None:
    """The file name of Streamlit's plotly chunk, or None when there is not exactly one."""
    names = [p.name for p in folder.glob("PlotlyChart.*.js")]
    return names[0] if len(names) == 1 else None


def plotly_preload_html(folder: Path = STATIC_JS) -> str:
    """A module script importing the plotly chunk (relative to the page, so a `baseUrlPath` is
    kept); empty when the chunk is not found, so a Streamlit upgrade costs speed, never an error."""
    chunk = plotly_chunk(folder)
    if chunk is None:
        return ""
    url = json.dumps(f"static/js/{chunk}")
    return f'<script type="module">import(new URL({url}, document.baseURI).href);</script>'
