"""Tỉnh & tuyến biên giới / Provinces and border lines: one indicator's series and a comparison of
the filtered provinces with the country beside them, target lines drawn, in either period."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from indicators import crosswalk, revisions
from indicators.formatting import RATE_WORDS, unit_label, year_runs
from pages import ui

PALETTE = px.colors.qualitative.Safe  # colour-blind-safe (Paul Tol / CARTO Safe)
RATE_COMPARATORS = tuple(RATE_WORDS)


def draw_targets(fig: go.Figure, targets: pd.DataFrame) -> None:
    """Each target as what it is: a level as a dashed line, a range as a band, one year's plan as a
    mark on that year. A rate of change ('giảm 2 điểm % mỗi năm') is no level: not drawn, but
    listed under the chart."""
    for target in targets.to_dict("records"):
        label = f"{ui.tr('target_line')} {ui.deadline_text(target['target_year'])}: {ui.target_text(target)}"
        if target["comparator"] in RATE_COMPARATORS:
            continue
        if target["target_type"] == "annual" and pd.notna(target["target_year"]):
            fig.add_scatter(
                x=[int(target["target_year"])],
                y=[target["target_value"]],
                mode="markers",
                name=label,
                marker={"symbol": "line-ew-open", "size": 22, "line": {"width": 3, "color": "#555"}},
                hovertext=label,
                hoverinfo="text",
            )
        elif target["comparator"] == "between" and pd.notna(target["target_value_high"]):
            fig.add_hrect(
                y0=target["target_value"],
                y1=target["target_value_high"],
                fillcolor="#999",
                opacity=0.15,
                line_width=0,
                annotation_text=label,
                annotation_position="top right",
            )
        else:
            fig.add_hline(
                y=target["target_value"], line_dash="dash", line_color="#555", annotation_text=label
            )


def draw_related(fig: go.Figure, data: pd.DataFrame, related: pd.DataFrame, name_col: str) -> None:
    """Another standard or definition of the same thing, dotted in the place's colour and named
    apart, never joined; a vertical line marks where the later series begins."""
    if related.empty:
        return
    colours = {place: PALETTE[i % len(PALETTE)] for i, place in enumerate(data[name_col].unique())}
    dashes = dict(
        zip(related["indicator_name"].unique(), ("dot", "dashdot", "longdash", "dash"), strict=False)
    )
    for (place, indicator), part in related.groupby([name_col, "indicator_name"], sort=False):
        colour = colours.get(place, "#888")
        fig.add_scatter(
            x=part["year"],
            y=part["value"],
            mode="lines+markers",
            name=f"{place} — {indicator}",
            line={"dash": dashes.get(indicator, "dot"), "color": colour},
            marker={"symbol": "circle-open", "color": colour},
        )
    later = max(int(data["year"].min()), int(related["year"].min()))
    fig.add_vline(x=later, line_dash="dot", line_color="#444", annotation_text=ui.tr("series_break"))


def chart(
    data: pd.DataFrame, indicator: pd.Series, targets: pd.DataFrame, related: pd.DataFrame
) -> go.Figure:
    lang = ui.lang()
    name_col = "name_vi" if lang == "vi" else "name_en"
    unit = unit_label(indicator["unit"], lang)
    data = data.assign(
        label=[
            ui.value_text(v, indicator["unit"], c)
            for v, c in zip(data["value"], data["comparator"], strict=True)
        ],
        kind=data["status"].map(ui.tr) + " · " + data["crosswalk"].map(lambda c: ui.tr(f"cw_{c}")),
    )
    labels = {
        name_col: ui.tr("place"),
        "label": ui.tr("value"),
        "source_id": ui.tr("source"),
        "kind": ui.tr("value_type"),
        "year": ui.tr("year"),
        "value": unit,
    }
    if data["year"].nunique() <= 1:  # one year: a ranking, not a line of single points
        data = data.sort_values("value").assign(is_country=lambda d: d["geo_code"] == "VN")
        fig = px.bar(
            data,
            x="value",
            y=name_col,
            orientation="h",
            text="label",
            labels=labels,
            color="is_country",
            color_discrete_map={True: "#e69f00", False: "#4a90c2"},
            hover_data={
                "year": True,
                "source_id": True,
                "kind": True,
                "value": False,
                name_col: False,
                "is_country": False,
            },
        )
        fig.update_layout(
            yaxis_title=None,
            xaxis_title=unit,
            height=max(320, 26 * len(data)),
            showlegend=False,
            yaxis={"categoryorder": "total ascending"},
        )
        fig.update_traces(textposition="outside", cliponaxis=False)
    else:
        fig = px.line(
            with_gaps(data, name_col),
            x="year",
            y="value",
            color=name_col,
            markers=True,
            labels=labels,
            color_discrete_sequence=PALETTE,
            hover_data={"label": True, "source_id": True, "kind": True, "value": False},
        )
        # Values we computed or that the source calls approximate: open markers, named in the legend.
        flagged = data[data["status"] != "reported"]
        if not flagged.empty:
            fig.add_scatter(
                x=flagged["year"],
                y=flagged["value"],
                mode="markers",
                name=f"{ui.tr('derived')} / {ui.tr('estimate')}",
                marker={"symbol": "circle-open", "size": 14, "color": "#333", "line": {"width": 2}},
                hovertext=flagged["kind"],
                hoverinfo="text",
            )
        fig.update_layout(xaxis_title=ui.tr("year"), yaxis_title=unit, xaxis={"dtick": 1})
        fig.update_yaxes(rangemode="tozero" if data["value"].min() >= 0 else "normal", tickformat=",~r")
        draw_targets(fig, targets)
        draw_related(fig, data, related, name_col)
    title = indicator["name_vi" if lang == "vi" else "name_en"]
    years = sorted(data["year"].unique())
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return ui.stamped(ui.plotly_layout(fig), f"{title} ({span})", ui.filters(), data["source_id"])


def with_gaps(data: pd.DataFrame, name_col: str) -> pd.DataFrame:
    """One row per place and year from the first to the last year shown, missing years empty, so
    the line breaks where the sources are silent instead of drawing straight across the gap."""
    years = range(int(data["year"].min()), int(data["year"].max()) + 1)
    frames = []
    for _, part in data.groupby(name_col, sort=False):
        full = part.set_index("year").reindex(years)
        full[name_col] = part[name_col].iloc[0]
        frames.append(full.rename_axis("year").reset_index())
    return pd.concat(frames, ignore_index=True)


def value_types(frame: pd.DataFrame, revised: set[tuple[str, int]]) -> list[str]:
    """Each value's type in the reader's language, '· đã điều chỉnh' where a revision replaced it."""
    return [
        ui.tr(status) + (f" · {ui.tr('revised_mark')}" if (geo, int(year)) in revised else "")
        for status, geo, year in zip(frame["status"], frame["geo_code"], frame["year"], strict=True)
    ]


def history_table(history: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The revision history of the values shown: old → new, the reason and the revising file."""
    names = pd.concat([ui.query("places", "old"), ui.query("places", "new")]).drop_duplicates("geo_code")
    names = names.set_index("geo_code")
    name_col = "name_vi" if ui.lang() == "vi" else "name_en"
    return pd.DataFrame(
        {
            ui.tr("place"): [names[name_col].get(g, ui.tr("country")) for g in history["geo_code"]],
            ui.tr("year"): history["year"].astype(int).astype(str),
            ui.tr("old_to_new"): [
                f"{ui.value_text(old, unit)} → {ui.value_text(new, unit)}"
                for old, new in zip(history["old_value"], history["new_value"], strict=True)
            ],
            ui.tr("revision_reason"): history["revision_reason"],
            ui.tr("revising_file"): history["replaced_by_file"],
            ui.tr("replaced_source"): history["old_source_id"].map(ui.source_label),
        }
    )


def series_table(data: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The chart's values as a table: the alternative to the chart, in the reader's language."""
    return pd.DataFrame(
        {
            ui.tr("place"): data["name_vi" if ui.lang() == "vi" else "name_en"],
            ui.tr("year"): data["year"].astype(int).astype(str),
            ui.tr("value"): [
                ui.value_text(v, unit, c) for v, c in zip(data["value"], data["comparator"], strict=True)
            ],
            ui.tr("value_type"): value_types(data, REVISED),
            ui.tr("crosswalk"): data["crosswalk"].map(lambda c: ui.tr(f"cw_{c}")),
            ui.tr("source"): data["source_id"].map(ui.source_label)
            + data["clause"].map(lambda c: f" ({c})" if isinstance(c, str) else ""),
        }
    )


def comparison_table(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    lang = ui.lang()
    return pd.DataFrame(
        {
            ui.tr("place"): table["name_vi" if lang == "vi" else "name_en"],
            ui.tr("value"): [
                ui.value_text(v, unit, c) for v, c in zip(table["value"], table["comparator"], strict=True)
            ],
            ui.tr("year"): table["year"].astype(int).astype(str),
            ui.tr("rank"): table["rank"].map(lambda r: "" if pd.isna(r) else str(int(r))),
            ui.tr("change"): [
                ui.change_text(v, p, y, unit)
                for v, p, y in zip(
                    table["value"], table["previous_value"], table["previous_year"], strict=True
                )
            ],
            ui.tr("value_type"): value_types(table, REVISED),
            ui.tr("crosswalk"): table["crosswalk"].map(lambda c: ui.tr(f"cw_{c}")),
            ui.tr("source"): table["source_id"].map(ui.source_label)
            + table["clause"].map(lambda c: f" ({c})" if isinstance(c, str) else ""),
        }
    )


st.title(ui.tr("page_provinces"))
indicator = ui.choose_indicator()
f = ui.scoped(ui.filters(), indicator.name)
geos = ui.geo_codes(f)
data = ui.query("indicator_series", indicator.name, geos, f.period, f.year_from, f.year_to)
# values a department revised (in either geography: a 34-province view carries the 63's values)
HISTORY = revisions.value_history(
    ui.connection(),
    indicator.name,
    [*geos, *crosswalk.counterparts(ui.query("successions"), geos, "new" if f.period == "old" else "old")],
)
HISTORY = HISTORY[HISTORY["year"].between(f.year_from or 0, f.year_to or 9999)]
REVISED = set(zip(HISTORY["geo_code"], HISTORY["year"].astype(int), strict=True))
table = ui.query("latest_comparison", indicator.name, geos, f.period, f.year_from, f.year_to)
if indicator.get("definition_vi") or indicator.get("definition_en"):
    st.caption(indicator["definition_vi" if f.lang == "vi" else "definition_en"])
if data.empty:
    known = ui.query("indicator_years", indicator.name)
    st.info(
        ui.tr("no_values_for").format(scope=ui.scope_text(f), years=ui.years_filter_text(f))
        + " "
        + ui.tr("indicator_has_years").format(years=year_runs(known) if known else "—")
    )
else:
    other_period = "new" if f.period == "old" else "old"
    targets = ui.query(
        "targets_for",
        indicator.name,
        [*geos, *crosswalk.counterparts(ui.query("successions"), geos, other_period)],
    )
    siblings = ui.query("related_indicators", indicator.name)
    related = pd.DataFrame()
    # on by default for one other standard (poverty 2016–2020 / 2022–2025), off for several definitions
    if not siblings.empty and st.toggle(
        ui.tr("show_related"), value=len(siblings) == 1, key=f"w_related_{indicator.name}"
    ):
        name_col = "name_vi" if f.lang == "vi" else "name_en"
        related = pd.concat(
            [
                ui.query("indicator_series", code, geos, f.period, f.year_from, f.year_to).assign(
                    indicator_name=name
                )
                for code, name in zip(siblings["indicator_code"], siblings[name_col], strict=True)
            ]
        )
    chart_tab, table_tab = st.tabs([ui.tr("chart"), ui.tr("table")])
    with chart_tab:
        st.plotly_chart(chart(data, indicator, targets, related), config=ui.chart_config(indicator.name))
        notes = siblings["break_note_vi" if f.lang == "vi" else "break_note_en"].dropna().unique()
        for note in notes:
            st.caption(f"⚠ {note}")
        rates = targets[targets["comparator"].isin(RATE_COMPARATORS)]
        for target in rates.to_dict("records"):
            st.caption(
                f"{ui.tr('rate_target_not_drawn')}: {ui.target_text(target)}"
                f" ({int(target['baseline_year']) if pd.notna(target['baseline_year']) else '…'}–"
                f"{ui.deadline_text(target['target_year'])}) · {ui.source_label(target['source_id'])}"
                f" {target['clause']}"
            )
    with table_tab:
        st.dataframe(series_table(data, indicator["unit"]), hide_index=True, width="stretch")
    st.subheader(ui.tr("comparison"))
    st.dataframe(comparison_table(table, indicator["unit"]), hide_index=True, width="stretch")
    if not HISTORY.empty:  # revised values: their history on demand
        with st.expander(f"{ui.tr('revision_history')} ({len(HISTORY)})"):
            st.caption(ui.tr("revision_history_help"))
            st.dataframe(history_table(HISTORY, indicator["unit"]), hide_index=True, width="stretch")
    if (data["status"] != "reported").any() or (data["crosswalk"] != "reported").any():
        st.caption(ui.tr("derived_flag"))
missing = [g for g in geos if g not in set(table["geo_code"])]
members = ui.members_text(indicator.name, indicator["unit"], missing, f)
if members:
    names = ui.query("places", f.period).set_index("geo_code")["name_vi" if f.lang == "vi" else "name_en"]
    st.markdown(f"**{ui.tr('members_only')}** — {ui.tr('members_why')}")
    st.markdown("\n".join(f"- **{names.get(code, code)}**: {text}" for code, text in members.items()))
    missing = [g for g in missing if g not in members]
if missing and not data.empty:
    names = ui.query("places", f.period).set_index("geo_code")
    label = [
        names.loc[g, "name_vi" if f.lang == "vi" else "name_en"] if g in names.index else ui.tr("country")
        for g in missing
    ]
    st.caption(f"{ui.tr('missing_places')}: {', '.join(label)}")
ui.download_buttons(f, "provinces")
