"""Bản đồ / Map: provinces coloured by an indicator, border provinces outlined by their line, gates
and economic zones marked, the archipelagos shown — drawn offline (no tile or topojson server).
Clicking a province's dot sets the province filter."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from indicators.filters import Filters
from indicators.formatting import format_number
from indicators.scope import PlaceScope
from pages import charts, data, downloads, labels, state, widgets
from pages.state import filters, lang, tr

# Sequential, colour-blind-safe (viridis); missing values stay light grey.
BINS = ["#fde725", "#7ad151", "#22a884", "#2a788e", "#414487"]
NO_DATA = "#e6e6e6"
MEMBERS_ONLY = -2
LINE_DASH = {"china": "solid", "laos": "dash", "cambodia": "dot"}
GATE_SYMBOL = {"international": "diamond", "main": "circle", "secondary": "triangle-up"}


def outline_trace(outlines: pd.DataFrame, **style: Any) -> go.Scatter:
    """One trace drawing the outlines (and, with fill="toself", the areas) of many shapes, from their
    paths (`path_x`, `path_y`, parsed once per data version: indicators/geometry.py)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for x, y in zip(outlines["path_x"], outlines["path_y"], strict=True):
        xs += x
        ys += y
    return go.Scatter(x=xs, y=ys, hoverinfo="skip", **style)


def bin_edges(values: pd.Series) -> list[float]:
    distinct = sorted(values.dropna().unique())
    if len(distinct) <= len(BINS):
        return distinct
    edges = values.quantile([i / len(BINS) for i in range(len(BINS) + 1)]).tolist()
    places = 1 if max(abs(e) for e in edges) < 100 else 0  # legend edges a reader can take in
    rounded = [round(e, places) for e in edges]
    rounded[0], rounded[-1] = min(rounded[0], edges[0]), max(rounded[-1], edges[-1])
    return sorted(set(rounded))


def figure(shapes: pd.DataFrame, unit: str, title: str) -> go.Figure:
    lang_ = lang()
    name = "name_vi" if lang_ == "vi" else "name_en"
    fig = go.Figure()
    edges = bin_edges(shapes["value"])
    shapes = shapes.assign(bin=-1)
    if len(edges) > 1:
        shapes["bin"] = (
            pd.cut(shapes["value"], edges, include_lowest=True, labels=False).fillna(-1).astype(int)
        )
    elif len(edges) == 1:
        shapes.loc[shapes["value"].notna(), "bin"] = 0
    shapes.loc[shapes["members"].notna(), "bin"] = MEMBERS_ONLY  # a merged province: members' values only
    for b in sorted(shapes["bin"].unique()):
        part = shapes[shapes["bin"] == b]
        if b == MEMBERS_ONLY:
            label = tr("members_only")
        elif b < 0:
            label = tr("no_data")
        elif len(edges) > 1:
            label = f"{format_number(edges[b], lang_)} – {labels.value_text(edges[b + 1], unit)}"
        else:
            label = labels.value_text(edges[0], unit)
        fig.add_trace(
            outline_trace(
                part,
                fill="toself",
                mode="lines",
                name=label,
                fillcolor=NO_DATA if b < 0 else BINS[b * len(BINS) // max(1, len(edges) - 1)],
                fillpattern={"shape": "/", "fgcolor": "#777", "solidity": 0.3} if b == MEMBERS_ONLY else None,
                line={"color": "white", "width": 0.6},
                legendgroup="fill",
            )
        )
    for line, dash in LINE_DASH.items():
        on_line = shapes[shapes["border_lines"].map(lambda lines, line=line: line in list(lines))]
        fig.add_trace(
            outline_trace(
                on_line,
                mode="lines",
                name=tr(line),
                line={"color": "#222", "width": 1.6, "dash": dash},
                legendgroup="lines",
            )
        )
    points = shapes.assign(
        hover=[
            f"<b>{n}</b><br>"
            + (
                f"{labels.value_text(v, unit, c)} ({int(y)})<br>{tr('source')}: {labels.source_label(s)}"
                if pd.notna(v)
                else f"{tr('members_only')}:<br>{m}"
                if isinstance(m, str)
                else tr("no_data")
            )
            for n, v, c, y, s, m in zip(
                shapes[name],
                shapes["value"],
                shapes["comparator"],
                shapes["year"],
                shapes["source_id"],
                shapes["members"],
                strict=True,
            )
        ]
    )
    fig.add_trace(
        go.Scatter(
            x=points["x"],
            y=points["y"],
            mode="markers",
            name=tr("provinces"),
            marker={"size": 9, "color": "rgba(0,0,0,0.35)", "line": {"color": "white", "width": 1}},
            customdata=points["geo_code"],
            hovertext=points["hover"],
            hoverinfo="text",
            showlegend=False,
        )
    )
    return fig


def add_points(fig: go.Figure) -> None:
    lang_ = lang()
    gates = data.gates().dropna(subset=["lat", "lon"])
    for gate_type, symbol in GATE_SYMBOL.items():
        part = gates[gates["gate_type"] == gate_type]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["lon"],
                y=part["lat"],
                mode="markers",
                name=tr(gate_type),
                marker={
                    "symbol": symbol,
                    "size": 9,
                    "color": "#d55e00",
                    "line": {"color": "white", "width": 1},
                },
                hovertext=part["name_vi"] + " — " + part["province_vi" if lang_ == "vi" else "province_en"],
                hoverinfo="text",
            )
        )
    zones = data.economic_zones()
    anchors = data.province_points("old")
    zones = zones[zones["province_code"].isin(anchors.index)]
    # No zone coordinates are loaded: a star at a second point inside the province (etl/marts.py).
    fig.add_trace(
        go.Scatter(
            x=anchors.loc[zones["province_code"], "zone_x"],
            y=anchors.loc[zones["province_code"], "zone_y"],
            mode="markers",
            name=tr("zones"),
            marker={
                "symbol": "star",
                "size": [15 if k else 10 for k in zones["is_key_zone"]],
                "color": "#0072b2",
                "line": {"color": "white", "width": 1},
            },
            hovertext=[
                f"KKTCK {n}" + (f" — {tr('key_zone')}" if k else "")
                for n, k in zip(zones["name_vi"], zones["is_key_zone"], strict=True)
            ],
            hoverinfo="text",
        )
    )
    for row in data.archipelago_outlines().to_dict("records"):
        xs, ys = row["path_x"], row["path_y"]
        fig.add_trace(
            outline_trace(
                pd.DataFrame([row]),
                fill="toself",
                mode="lines",
                showlegend=False,
                fillcolor="#bdbdbd",
                line={"color": "#777", "width": 0.8},
            )
        )
        label = row["name_vi"] if lang_ == "vi" else f"{row['name_en']}<br>({row['name_vi']}, Viet Nam)"
        # anchored at the west edge and written eastwards, over the sea rather than the mainland
        cx, cy = min(x for x in xs if x is not None), max(y for y in ys if y is not None)
        fig.add_annotation(
            x=cx,
            y=cy,
            text=label,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font={"size": 11, "color": "#444"},
        )


def _select_from_map() -> None:
    """A click on a province's dot selects it (a callback: widget state may only change here)."""
    event = st.session_state.get("map") or {}
    for point in event.get("selection", {}).get("points", []):
        code = point.get("customdata")
        if isinstance(code, str) and code.startswith(("VN63-", "VN34-")):
            state.pick_province(code)
            return


def map_title(name: str, shapes: pd.DataFrame, f: Filters) -> str:
    """The indicator, the years its coloured values come from, and the border line if one is chosen."""
    years = sorted(int(y) for y in shapes["year"].dropna().unique())
    if not years:
        span = tr("no_data")
    elif len(years) == 1:
        span = str(years[0])
    else:
        span = f"{tr('latest_between')} {years[0]}–{years[-1]}"
    line = f" · {tr(f.line)}" if f.line else ""
    return f"{name} ({span}){line}"


st.title(tr("page_map"))
indicator, f = widgets.choose_indicator(filters())
outlines = data.province_outlines(f.period)
if outlines.empty:
    st.warning(tr("shapes_missing"))
    st.stop()
values = data.latest_comparison(indicator.name, PlaceScope.of(f, outlines["geo_code"]))
shapes = outlines.merge(
    values[["geo_code", "value", "comparator", "year", "source_id"]], on="geo_code", how="left"
)
# the chosen line's provinces are coloured; the others stay as grey context, members' values too
on_line = shapes["border_lines"].map(lambda lines: f.line is None or f.line in list(lines))
shapes.loc[~on_line, ["value", "year", "source_id"]] = None
shapes = shapes.join(data.province_points(f.period), on="geo_code")
shapes["members"] = shapes["geo_code"].map(
    labels.members_text(
        indicator.name, indicator["unit"], list(shapes.loc[shapes["value"].isna() & on_line, "geo_code"]), f
    )
)
name = indicator["name_vi" if f.lang == "vi" else "name_en"]
title = map_title(name, shapes, f)
fig = figure(shapes, indicator["unit"], title)
chosen = shapes[shapes["geo_code"].isin(f.provinces)]
if not chosen.empty:
    fig.add_trace(
        outline_trace(
            chosen,
            mode="lines",
            name=tr("selected"),
            line={"color": "#d62728", "width": 3},
        )
    )
add_points(fig)
fig.update_layout(
    title=title,
    height=860,
    dragmode="pan",
    clickmode="event+select",
    xaxis={"visible": False, "range": [101.8, 117.2]},
    yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1.04, "range": [7.4, 23.6]},
    plot_bgcolor="#f4f8fb",
)
charts.plotly_layout(fig)
fig.update_layout(
    legend={
        "orientation": "v",
        "x": 1.0,
        "xanchor": "right",
        "y": 1.0,  # top right: open sea, clear of Hoàng Sa and Trường Sa
        "yanchor": "top",
        "bgcolor": "rgba(255,255,255,0.85)",
    }
)
chart_tab, table_tab = st.tabs([tr("chart"), tr("table")])
with chart_tab:
    st.plotly_chart(
        charts.stamped(fig, title, f, shapes["source_id"]),
        on_select=_select_from_map,
        selection_mode="points",
        config=charts.chart_config("ban-do"),
        key="map",
    )
    st.caption(tr("select_province_hint"))
with table_tab:
    name_col = "name_vi" if f.lang == "vi" else "name_en"
    st.dataframe(
        pd.DataFrame(
            {
                tr("place"): shapes[name_col],
                tr("value"): [
                    labels.value_text(v, indicator["unit"], c)
                    for v, c in zip(shapes["value"], shapes["comparator"], strict=True)
                ],
                tr("year"): shapes["year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
                tr("source"): shapes["source_id"].map(labels.source_label),
                tr("members_only"): shapes["members"].astype(object).fillna(""),  # all-NaN: float64
            }
        ),
        hide_index=True,
        width="stretch",
    )
st.caption(tr("map_note"))
for code in f.provinces:
    widgets.profile_link(code)
downloads.download_buttons(f, "map")
