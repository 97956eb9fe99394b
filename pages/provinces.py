"""Tỉnh & tuyến biên giới / Provinces and border lines: one indicator's series and a comparison of
the filtered provinces with the country beside them, target lines drawn, in either period."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from indicators import crosswalk, revisions
from indicators.domain import COUNTRY
from indicators.formatting import RATE_WORDS, unit_label, year_runs
from pages import charts, data, downloads, labels, state, widgets
from pages.state import filters, lang, tr

PALETTE = px.colors.qualitative.Safe  # colour-blind-safe (Paul Tol / CARTO Safe)
RATE_COMPARATORS = tuple(RATE_WORDS)


def draw_targets(fig: go.Figure, targets: pd.DataFrame) -> None:
    """Each target as what it is: a level as a dashed line, a range as a band, one year's plan as a
    mark on that year. A rate of change ('giảm 2 điểm % mỗi năm') is no level: not drawn, but
    listed under the chart."""
    for target in targets.to_dict("records"):
        label = (
            f"{tr('target_line')} {labels.deadline_text(target['target_year'])}: {labels.target_text(target)}"
        )
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


def draw_related(fig: go.Figure, series_rows: pd.DataFrame, related: pd.DataFrame, name_col: str) -> None:
    """Another standard or definition of the same thing, dotted in the place's colour and named
    apart, never joined; a vertical line marks where the later series begins."""
    if related.empty:
        return
    colours = {place: PALETTE[i % len(PALETTE)] for i, place in enumerate(series_rows[name_col].unique())}
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
    later = max(int(series_rows["year"].min()), int(related["year"].min()))
    fig.add_vline(x=later, line_dash="dot", line_color="#444", annotation_text=tr("series_break"))


def chart(
    series_rows: pd.DataFrame, indicator: pd.Series, targets: pd.DataFrame, related: pd.DataFrame
) -> go.Figure:
    lang_ = lang()
    name_col = "name_vi" if lang_ == "vi" else "name_en"
    unit = unit_label(indicator["unit"], lang_)
    series_rows = series_rows.assign(
        label=[
            labels.value_text(v, indicator["unit"], c)
            for v, c in zip(series_rows["value"], series_rows["comparator"], strict=True)
        ],
        kind=series_rows["status"].map(tr) + " · " + series_rows["crosswalk"].map(lambda c: tr(f"cw_{c}")),
    )
    axis_labels = {
        name_col: tr("place"),
        "label": tr("value"),
        "source_id": tr("source"),
        "kind": tr("value_type"),
        "year": tr("year"),
        "value": unit,
    }
    if series_rows["year"].nunique() <= 1:  # one year: a ranking, not a line of single points
        series_rows = series_rows.sort_values("value").assign(is_country=lambda d: d["geo_code"] == COUNTRY)
        fig = px.bar(
            series_rows,
            x="value",
            y=name_col,
            orientation="h",
            text="label",
            labels=axis_labels,
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
            height=max(320, 26 * len(series_rows)),
            showlegend=False,
            yaxis={"categoryorder": "total ascending"},
        )
        fig.update_traces(textposition="outside", cliponaxis=False)
    else:
        fig = px.line(
            with_gaps(series_rows, name_col),
            x="year",
            y="value",
            color=name_col,
            markers=True,
            labels=axis_labels,
            color_discrete_sequence=PALETTE,
            hover_data={"label": True, "source_id": True, "kind": True, "value": False},
        )
        # Values we computed or that the source calls approximate: open markers, named in the legend.
        flagged = series_rows[series_rows["status"] != "reported"]
        if not flagged.empty:
            fig.add_scatter(
                x=flagged["year"],
                y=flagged["value"],
                mode="markers",
                name=f"{tr('derived')} / {tr('estimate')}",
                marker={"symbol": "circle-open", "size": 14, "color": "#333", "line": {"width": 2}},
                hovertext=flagged["kind"],
                hoverinfo="text",
            )
        fig.update_layout(xaxis_title=tr("year"), yaxis_title=unit, xaxis={"dtick": 1})
        fig.update_yaxes(
            rangemode="tozero" if series_rows["value"].min() >= 0 else "normal", tickformat=",~r"
        )
        draw_targets(fig, targets)
        draw_related(fig, series_rows, related, name_col)
    title = indicator["name_vi" if lang_ == "vi" else "name_en"]
    years = sorted(series_rows["year"].unique())
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return charts.stamped(charts.plotly_layout(fig), f"{title} ({span})", filters(), series_rows["source_id"])


def with_gaps(series_rows: pd.DataFrame, name_col: str) -> pd.DataFrame:
    """One row per place and year from the first to the last year shown, missing years empty, so
    the line breaks where the sources are silent instead of drawing straight across the gap."""
    years = range(int(series_rows["year"].min()), int(series_rows["year"].max()) + 1)
    frames = []
    for _, part in series_rows.groupby(name_col, sort=False):
        full = part.set_index("year").reindex(years)
        full[name_col] = part[name_col].iloc[0]
        frames.append(full.rename_axis("year").reset_index())
    return pd.concat(frames, ignore_index=True)


def value_types(frame: pd.DataFrame, revised: set[tuple[str, int]]) -> list[str]:
    """Each value's type in the reader's language, '· đã điều chỉnh' where a revision replaced it."""
    return [
        tr(status) + (f" · {tr('revised_mark')}" if (geo, int(year)) in revised else "")
        for status, geo, year in zip(frame["status"], frame["geo_code"], frame["year"], strict=True)
    ]


def history_table(history: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The revision history of the values shown: old → new, the reason and the revising file."""
    names = pd.concat([data.places("old"), data.places("new")]).drop_duplicates("geo_code")
    names = names.set_index("geo_code")
    name_col = "name_vi" if lang() == "vi" else "name_en"
    return pd.DataFrame(
        {
            tr("place"): [names[name_col].get(g, tr("country")) for g in history["geo_code"]],
            tr("year"): history["year"].astype(int).astype(str),
            tr("old_to_new"): [
                f"{labels.value_text(old, unit)} → {labels.value_text(new, unit)}"
                for old, new in zip(history["old_value"], history["new_value"], strict=True)
            ],
            tr("revision_reason"): history["revision_reason"],
            tr("revising_file"): history["replaced_by_file"],
            tr("replaced_source"): history["old_source_id"].map(labels.source_label),
        }
    )


def series_table(series_rows: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The chart's values as a table: the alternative to the chart, in the reader's language."""
    return pd.DataFrame(
        {
            tr("place"): series_rows["name_vi" if lang() == "vi" else "name_en"],
            tr("year"): series_rows["year"].astype(int).astype(str),
            tr("value"): [
                labels.value_text(v, unit, c)
                for v, c in zip(series_rows["value"], series_rows["comparator"], strict=True)
            ],
            tr("value_type"): value_types(series_rows, REVISED),
            tr("crosswalk"): series_rows["crosswalk"].map(lambda c: tr(f"cw_{c}")),
            tr("source"): series_rows["source_id"].map(labels.source_label)
            + series_rows["clause"].map(lambda c: f" ({c})" if isinstance(c, str) else ""),
        }
    )


def comparison_table(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    lang_ = lang()
    return pd.DataFrame(
        {
            tr("place"): table["name_vi" if lang_ == "vi" else "name_en"],
            tr("value"): [
                labels.value_text(v, unit, c)
                for v, c in zip(table["value"], table["comparator"], strict=True)
            ],
            tr("year"): table["year"].astype(int).astype(str),
            tr("rank"): table["rank"].map(lambda r: "" if pd.isna(r) else str(int(r))),
            tr("change"): [
                labels.change_text(v, p, y, unit)
                for v, p, y in zip(
                    table["value"], table["previous_value"], table["previous_year"], strict=True
                )
            ],
            tr("value_type"): value_types(table, REVISED),
            tr("crosswalk"): table["crosswalk"].map(lambda c: tr(f"cw_{c}")),
            tr("source"): table["source_id"].map(labels.source_label)
            + table["clause"].map(lambda c: f" ({c})" if isinstance(c, str) else ""),
        }
    )


st.title(tr("page_provinces"))
indicator, f = widgets.choose_indicator(filters())
scope = state.place_scope(f)
geos = list(scope.places)
series_rows = data.indicator_series(indicator.name, scope)
# values a department revised (in either geography: a 34-province view carries the 63's values)
HISTORY = revisions.value_history(
    data.connection(),
    indicator.name,
    [*geos, *crosswalk.counterparts(data.successions(), geos, "new" if f.period == "old" else "old")],
)
HISTORY = HISTORY[HISTORY["year"].between(f.year_from or 0, f.year_to or 9999)]
REVISED = set(zip(HISTORY["geo_code"], HISTORY["year"].astype(int), strict=True))
table = data.latest_comparison(indicator.name, scope)
if indicator.get("definition_vi") or indicator.get("definition_en"):
    st.caption(indicator["definition_vi" if f.lang == "vi" else "definition_en"])
if series_rows.empty:
    known = data.indicator_years(indicator.name)
    st.info(
        tr("no_values_for").format(scope=labels.scope_text(f), years=labels.years_filter_text(f))
        + " "
        + tr("indicator_has_years").format(years=year_runs(known) if known else "—")
    )
else:
    other_period = "new" if f.period == "old" else "old"
    targets = data.targets_for(
        indicator.name,
        [*geos, *crosswalk.counterparts(data.successions(), geos, other_period)],
    )
    siblings = data.related_indicators(indicator.name)
    related = pd.DataFrame()
    # on by default for one other standard (poverty 2016–2020 / 2022–2025), off for several definitions
    if not siblings.empty and st.toggle(
        tr("show_related"), value=len(siblings) == 1, key=f"w_related_{indicator.name}"
    ):
        name_col = "name_vi" if f.lang == "vi" else "name_en"
        related = pd.concat(
            [
                data.indicator_series(code, scope).assign(indicator_name=name)
                for code, name in zip(siblings["indicator_code"], siblings[name_col], strict=True)
            ]
        )
    chart_tab, table_tab = st.tabs([tr("chart"), tr("table")])
    with chart_tab:
        st.plotly_chart(
            chart(series_rows, indicator, targets, related), config=charts.chart_config(indicator.name)
        )
        notes = siblings["break_note_vi" if f.lang == "vi" else "break_note_en"].dropna().unique()
        for note in notes:
            st.caption(f"⚠ {note}")
        rates = targets[targets["comparator"].isin(RATE_COMPARATORS)]
        for target in rates.to_dict("records"):
            st.caption(
                f"{tr('rate_target_not_drawn')}: {labels.target_text(target)}"
                f" ({int(target['baseline_year']) if pd.notna(target['baseline_year']) else '…'}–"
                f"{labels.deadline_text(target['target_year'])}) · {labels.source_label(target['source_id'])}"
                f" {target['clause']}"
            )
    with table_tab:
        st.dataframe(series_table(series_rows, indicator["unit"]), hide_index=True, width="stretch")
    st.subheader(tr("comparison"))
    st.dataframe(comparison_table(table, indicator["unit"]), hide_index=True, width="stretch")
    if not HISTORY.empty:  # revised values: their history on demand
        with st.expander(f"{tr('revision_history')} ({len(HISTORY)})"):
            st.caption(tr("revision_history_help"))
            st.dataframe(history_table(HISTORY, indicator["unit"]), hide_index=True, width="stretch")
    if (series_rows["status"] != "reported").any() or (series_rows["crosswalk"] != "reported").any():
        st.caption(tr("derived_flag"))
missing = [g for g in geos if g not in set(table["geo_code"])]
members = labels.members_text(indicator.name, indicator["unit"], missing, f)
if members:
    names = data.places(f.period).set_index("geo_code")["name_vi" if f.lang == "vi" else "name_en"]
    st.markdown(f"**{tr('members_only')}** — {tr('members_why')}")
    st.markdown("\n".join(f"- **{names.get(code, code)}**: {text}" for code, text in members.items()))
    missing = [g for g in missing if g not in members]
if missing and not series_rows.empty:
    names = data.places(f.period).set_index("geo_code")
    label = [
        names.loc[g, "name_vi" if f.lang == "vi" else "name_en"] if g in names.index else tr("country")
        for g in missing
    ]
    st.caption(f"{tr('missing_places')}: {', '.join(label)}")
downloads.download_buttons(f, "provinces")
