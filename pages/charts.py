"""Plotly figures as the pages draw them: readable text colours, the reader's number separators,
and the provenance stamp a downloaded PNG keeps."""

from __future__ import annotations

from typing import Any

import pandas as pd

from indicators.filters import Filters
from indicators.formatting import PLOTLY_SEPARATORS
from pages import data
from pages.labels import scope_text, source_label
from pages.state import lang, tr


def plotly_layout(fig: Any) -> Any:
    text = "#5c5e66"  # 6.5:1 on white; Streamlit's chart theme greys it at 3.7:1 (docs/accessibility.md)
    fig.update_layout(
        separators=PLOTLY_SEPARATORS[lang()],
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "title_font_color": text},
        font={"family": "Inter, Segoe UI, Roboto, Arial, sans-serif", "color": text},
        hoverlabel_font_color=text,
    )
    fig.update_xaxes(tickfont_color=text, title_font_color=text)
    fig.update_yaxes(tickfont_color=text, title_font_color=text)
    return fig


def stamped(fig: Any, title: str, f: Filters, source_ids: pd.Series) -> Any:
    """A chart that carries its own provenance, so a downloaded PNG still says what it shows:
    title, places and years on top; source, data version and product in the subtitle."""
    ids = ";".join(dict.fromkeys(s for v in source_ids.dropna() for s in str(v).split(";")))
    sources = source_label(ids)
    if len(sources) > 160:
        sources = sources[:157] + "…"
    subtitle = (
        f"{scope_text(f)} · {tr('source')}: {sources or '—'}<br>"
        f"{tr('data_version')}: {data.version()} · {tr('app_title')}"
    )
    fig.update_layout(
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": 11, "color": "#3d3d3d"}}},
        margin={"t": 100},
    )
    return fig


def chart_config(stem: str) -> dict[str, Any]:
    """Plotly's toolbar: its camera button saves the chart (with its stamp) as a PNG."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": f"bien-gioi-{stem}", "scale": 2},
    }
