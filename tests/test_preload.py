"""The plotly preload (indicators/preload.py): found in the installed Streamlit, absent quietly."""

from __future__ import annotations

from pathlib import Path

from pages.preload import STATIC_JS, plotly_chunk, plotly_preload_html


def test_the_installed_streamlit_has_one_plotly_chunk() -> None:
    chunk = plotly_chunk()
    assert chunk is not None and (STATIC_JS / chunk).is_file()
    html = plotly_preload_html()
    assert html.startswith('<script type="module">') and f"static/js/{chunk}" in html


def test_nothing_when_the_chunk_is_not_there(tmp_path: Path) -> None:
    assert plotly_preload_html(tmp_path) == ""
    (tmp_path / "PlotlyChart.a.js").touch()
    (tmp_path / "PlotlyChart.b.js").touch()
    assert plotly_preload_html(tmp_path) == ""  # two candidates: which one the app imports is unknown
