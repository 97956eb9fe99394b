"""Page furniture shared by every page: the language, the filters (kept in the URL), the session's
read-only connection, queries cached on the data version, and the download buttons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from indicators import catalog, crosswalk, export, formatting, geometry, progress, series, trade
from indicators.db import (
    READ_ONLY_CONFIG,
    WarehouseMissing,
    missing_tables,
    resolved_warehouse,
    warehouse_meta,
)
from indicators.filters import LINES, Filters, parse_filters
from indicators.formatting import PLOTLY_SEPARATORS, format_change, format_value
from indicators.i18n import t

FILTERS_KEY = "filters"
SHARED_PARAMS = ("province", "line", "from", "to", "indicator", "lang", "period")  # the sidebar's
# Shape and colour together, so status reads without colour vision too.
STATUS_ICONS = {
    "achieved": "✅",
    "on_track": "🟢",
    "needs_acceleration": "🟠",
    "off_track": "🔴",
    "no_data": "⚪",
}


@st.cache_resource(max_entries=4)
def _database(path: str) -> duckdb.DuckDBPyConnection:
    """One read-only DuckDB per published version file; sessions take cursors of it."""
    return duckdb.connect(path, read_only=True, config=READ_ONLY_CONFIG)


def version_path() -> Path:
    """The version file published now (re-resolved on every run, so a rebuild shows at once)."""
    return resolved_warehouse()


def connection() -> duckdb.DuckDBPyConnection:
    """This session's own read-only connection to the current version."""
    path = str(version_path())
    held = st.session_state.get("_con")
    if held is None or held[0] != path:
        st.session_state["_con"] = (path, _database(path).cursor())
    return st.session_state["_con"][1]


QUERIES: dict[str, Callable[..., Any]] = {
    "places": series.places,
    "border_province_codes": series.border_province_codes,
    "indicator_catalog": series.indicator_catalog,
    "indicator_series": series.indicator_series,
    "latest_comparison": series.latest_comparison,
    "headline_figures": series.headline_figures,
    "province_profile": series.province_profile,
    "coverage": series.coverage,
    "freshness": series.freshness,
    "target_scorecard": progress.target_scorecard,
    "meta": warehouse_meta,
    "observation_files": export.snapshot_files,
    "missing_tables": missing_tables,
    "source_list": catalog.source_list,
    "source_kinds": catalog.source_kinds,
    "observed_years": catalog.observed_years,
    "indicator_years": series.indicator_years,
    "successions": crosswalk.successions,
    "member_values": crosswalk.member_values,
    "tasks_with_status": catalog.tasks_with_status,
    "targets_for": catalog.targets_for,
    "related_indicators": catalog.related_indicators,
    "province_outlines": catalog.province_outlines,
    "province_points": geometry.province_points,
    "archipelago_outlines": catalog.archipelago_outlines,
    "gates": catalog.gates,
    "economic_zones": catalog.economic_zones,
    "trade_row_count": trade.trade_row_count,
    "trade_balance": trade.trade_balance,
    "trade_by_line": trade.trade_by_line,
    "trade_by_province": trade.trade_by_province,
    "trade_by_gate": trade.trade_by_gate,
    "trade_monthly_trend": trade.monthly_trend,
    "trade_top_commodities": trade.top_commodities,
    "trade_sources": trade.trade_sources,
    "trade_yearly_summary": trade.yearly_summary,
}


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(name: str, version: str, args: tuple, kwargs: tuple) -> Any:
    cursor = _database(version).cursor()
    try:
        return QUERIES[name](cursor, *args, **dict(kwargs))
    finally:
        cursor.close()


def query(name: str, *args: Any, **kwargs: Any) -> Any:
    """Run a named `indicators` query, cached on the data version and the arguments."""
    return _cached(name, str(version_path()), args, tuple(sorted(kwargs.items())))


def _query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def filters() -> Filters:
    """The filters of this run: set by the sidebar (app.py) from the URL and the widgets."""
    chosen = st.session_state.get(FILTERS_KEY)
    if chosen is None:  # a page run without app.py (legacy pages/ mode, see pages/__init__.py)
        st.rerun()
    return chosen


def lang() -> str:
    return filters().lang


def tr(key: str) -> str:
    return t(key, lang())


def _carry_provinces_to_period() -> None:
    """On a switch between 63 and 34 provinces, keep the chosen places: their successors or members."""
    state = st.session_state
    state["w_provinces"] = crosswalk.counterparts(
        query("successions"), list(state.get("w_provinces", [])), state["w_period"]
    )


def pick_province(code: str) -> None:
    """Select one province from a chart or the map (called from a widget callback, before the
    sidebar's widgets exist in the run, which is the only time their state may be changed)."""
    st.session_state["w_provinces"] = [code]


def _year_span(indicator: str | None) -> tuple[int, int]:
    """The years the slider offers: the chosen indicator's, else every year with data."""
    years = query("indicator_years", indicator) if indicator else []
    years = years or query("observed_years")
    return (years[0], years[-1]) if years else (2020, 2025)


def sidebar() -> Filters:
    """Language and the shared filters, initialised from the URL and written back to it."""
    places = {p: query("places", p) for p in ("old", "new")}
    catalog = query("indicator_catalog")
    parsed = parse_filters(
        _query_params(),
        {p: set(frame["geo_code"]) for p, frame in places.items()},
        set(catalog["indicator_code"]),
    )
    url = parsed.filters
    state = st.session_state
    state.setdefault("w_lang", url.lang)
    state.setdefault("w_period", url.period)
    state.setdefault("w_line", url.line or "all")
    state.setdefault("w_provinces", list(url.provinces))
    state.setdefault("w_indicator", url.indicator)
    span = _year_span(state.get("w_indicator"))
    state.setdefault("w_years", (url.year_from or span[0], url.year_to or span[1]))
    if state.get("_year_span") not in (None, span) and state["w_years"] == state["_year_span"]:
        state["w_years"] = span  # the whole range stays the whole range when the indicator changes
    state["_year_span"] = span

    with st.sidebar:
        st.radio(
            "Ngôn ngữ / Language",
            ["vi", "en"],
            key="w_lang",
            horizontal=True,
            format_func={"vi": "Tiếng Việt", "en": "English"}.get,
        )
        lang_ = state["w_lang"]
        st.subheader(t("filters", lang_))
        st.radio(
            t("period", lang_),
            ["old", "new"],
            key="w_period",
            format_func=lambda p: t(f"period_{p}", lang_),
            on_change=_carry_provinces_to_period,
        )
        period = state["w_period"]
        st.selectbox(
            t("line", lang_),
            ["all", *LINES],
            key="w_line",
            format_func=lambda v: t("line_all" if v == "all" else v, lang_),
        )
        line = None if state["w_line"] == "all" else state["w_line"]
        frame = places[period]
        border = (
            frame[frame["border_lines"].map(len) > 0]
            if line is None
            else frame[frame["border_lines"].map(lambda lines: line in list(lines))]
        )
        options = list(border["geo_code"])
        names = dict(zip(frame["geo_code"], frame["name_vi" if lang_ == "vi" else "name_en"], strict=True))
        state["w_provinces"] = [c for c in state["w_provinces"] if c in options]
        st.multiselect(
            t("provinces", lang_),
            options,
            key="w_provinces",
            format_func=lambda c: names.get(c, c),
            help=t("provinces_help", lang_),
            placeholder=t("provinces_placeholder", lang_),
        )
        if span[0] < span[1]:
            lo, hi = state["w_years"]
            state["w_years"] = (max(span[0], min(lo, span[1])), min(span[1], max(hi, span[0])))
            st.slider(t("years", lang_), span[0], span[1], key="w_years")
        if parsed.ignored:
            st.info(f"{t('ignored_note', lang_)}: " + ", ".join(f"{k}={v!r}" for k, v in parsed.ignored))
    year_from, year_to = state["w_years"]
    chosen = Filters(
        provinces=tuple(state["w_provinces"]),
        line=line,
        year_from=year_from if year_from != span[0] else None,
        year_to=year_to if year_to != span[1] else None,
        indicator=state.get("w_indicator"),
        lang=lang_,
        period=period,
    )
    state[FILTERS_KEY] = chosen
    return chosen


def write_url(chosen: Filters) -> None:
    """The filters into the query string. Called after `st.navigation`: a page switch resets the
    browser's URL to the new page's path, so written earlier they would be lost on the way."""
    own = {k: v for k, v in _query_params().items() if k not in SHARED_PARAMS}  # a page's own, e.g. tasks'
    st.query_params.from_dict({**own, **chosen.query_params()})


def _pick_indicator() -> None:
    st.session_state["w_indicator"] = st.session_state["w_indicator_pick"]


def choose_indicator() -> pd.Series:
    """An indicator picker (those with values), defaulting to the URL's or the most widely reported.
    A pick is recorded by its callback before the next run, so the sidebar and the URL carry it."""
    lang_ = lang()
    catalog = query("indicator_catalog")
    catalog = catalog[catalog["n_values"] > 0]
    codes = list(catalog["indicator_code"])
    names = dict(zip(codes, catalog["name_vi" if lang_ == "vi" else "name_en"], strict=True))
    wanted = filters().indicator
    code = (
        wanted
        if wanted in codes
        else catalog.sort_values("n_places", ascending=False)["indicator_code"].iloc[0]
    )
    st.session_state["w_indicator_pick"] = code
    st.selectbox(
        tr("indicator"), codes, key="w_indicator_pick", format_func=names.get, on_change=_pick_indicator
    )
    return catalog.set_index("indicator_code").loc[code]


def scoped(f: Filters, indicator: str) -> Filters:
    """The filters of what a page shows: the shared ones and the indicator it shows."""
    return replace(f, indicator=indicator)


def geo_codes(f: Filters) -> list[str]:
    """The provinces the filters select (or the line's, or every border province), country first."""
    chosen = list(f.provinces) or query("border_province_codes", f.period, f.line)
    return ["VN", *chosen]


def places_in_scope(f: Filters) -> list[str] | None:
    """The place codes a target or task list shows: the chosen provinces, else the chosen line's
    provinces, in both geographies (a target set for Lạng Sơn before the merger is still Lạng Sơn's);
    None when nothing is chosen (everything, the country included)."""
    if not f.provinces and not f.line:
        return None
    chosen = list(f.provinces) or query("border_province_codes", f.period, f.line)
    other = "new" if f.period == "old" else "old"
    return [*chosen, *crosswalk.counterparts(query("successions"), chosen, other)]


def in_scope(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Rows of a frame with `geo_code` that the filters' places cover."""
    scope = places_in_scope(f)
    return frame if scope is None else frame[frame["geo_code"].isin(scope)]


def members_text(indicator: str, unit: str, codes: list[str], f: Filters) -> dict[str, str]:
    """For merged provinces (34-province view) without an honest aggregate: their members' own
    latest values, 'Quảng Bình 5% (2022); Quảng Trị 7,71% (2023)', by new province code."""
    merged = [c for c in codes if c.startswith("VN34-")]
    if f.period != "new" or not merged:
        return {}
    rows = query("member_values", indicator, merged, f.year_from, f.year_to)
    name = "name_vi" if lang() == "vi" else "name_en"
    return {
        code: "; ".join(
            f"{r[name]} {value_text(r['value'], unit)} ({int(r['year'])})" for _, r in part.iterrows()
        )
        for code, part in rows.groupby("geo_code")
    }


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


def status_label(status: str) -> str:
    return f"{STATUS_ICONS[status]} {tr(status)}"


def scorecard_table(frame: pd.DataFrame, with_place: bool = True) -> None:
    """Targets counted by status, then one row each: status first (it must stay on a phone's
    screen), the target, the latest value, the deadline, the share of the way, the document."""
    counts = frame["status"].value_counts()
    st.markdown(" · ".join(f"{status_label(s)}: **{int(counts.get(s, 0))}**" for s in STATUS_ICONS))
    rows = []
    for r in frame.to_dict("records"):
        indicator = r["indicator_vi"] if lang() == "vi" else r["indicator_en"]
        place = r["place_vi"] if lang() == "vi" else r["place_en"]
        latest = value_text(r["latest_value"], r["unit"]) if pd.notna(r["latest_value"]) else "—"
        if pd.notna(r["latest_year"]):
            latest += f" ({int(r['latest_year'])})"
        rows.append(
            {
                tr("status"): f"{status_label(r['status'])} {r['trend']}".strip(),
                tr("target"): f"{indicator} — {place}" if with_place else indicator,
                tr("target_level"): target_text(r),
                tr("deadline"): deadline_text(r["target_year"]),
                tr("latest"): latest,
                tr("share_of_way"): None
                if pd.isna(r["share_of_way"])
                else max(0.0, min(1.0, r["share_of_way"])) * 100,
                tr("document"): f"{document_label(r)} · {r['clause']}",
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            tr("target"): st.column_config.TextColumn(width="medium"),  # the status stays on a phone
            tr("share_of_way"): st.column_config.ProgressColumn(
                tr("share_of_way"), min_value=0, max_value=100, format="%.0f%%"
            ),
        },
    )


def target_text(row: Any) -> str:
    """A target row's target as its document states it ('≥ 100%', '7–7,5%', 'giảm 2 điểm % mỗi năm')."""
    return formatting.target_text(
        row["comparator"], row["target_value"], row["unit"], lang(), row.get("target_value_high")
    )


def reason_text(reason: str, pace: float | None) -> str:
    """Why a target has its status, in the reader's language (reason keys: indicators.progress)."""
    if pace is None or pd.isna(pace):
        return tr(reason)
    return tr(reason).format(pace=format_value(pace * 100, "%", lang()))


def document_label(row: Any) -> str:
    """A target's or task's document as a reader knows it: its number, else its issuer."""
    for key in ("doc_number", "issuer"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
    return str(row.get("source_id", ""))


def deadline_text(year: object) -> str:
    """The target year, or 'standing' for a target to keep with no deadline."""
    return tr("standing") if year is None or pd.isna(year) else str(int(year))


@st.cache_data(max_entries=4, show_spinner=False)
def _sources_by_id(version: str) -> pd.DataFrame:
    """The sources table indexed once per data version (labels are looked up per cell on a rerun)."""
    return query("source_list").set_index("source_id")


def source_label(source_ids: object) -> str:
    """Sources as a reader knows them ('Chính phủ, 23/NQ-CP'), not by their ids; ';'-joined ids too."""
    return catalog.source_labels(_sources_by_id(str(version_path())), source_ids, lang())


def scope_text(f: Filters) -> str:
    """What the filters select, in words: the chosen provinces, else the line's, else all."""
    if f.provinces:
        names = query("places", f.period).set_index("geo_code")["name_vi" if lang() == "vi" else "name_en"]
        return ", ".join(names.get(c, c) for c in f.provinces)
    return tr(f.line) if f.line else tr("provinces_placeholder")


def years_filter_text(f: Filters) -> str:
    """The year filter in words: '2015–2020', 'đến 2015', 'mọi năm'."""
    if f.year_from and f.year_to:
        return f"{f.year_from}–{f.year_to}"
    if f.year_from:
        return f"{tr('from_year')} {f.year_from}"
    if f.year_to:
        return f"{tr('to_year')} {f.year_to}"
    return tr("all_years")


def stamped(fig: Any, title: str, f: Filters, source_ids: pd.Series) -> Any:
    """A chart that carries its own provenance, so a downloaded PNG still says what it shows:
    title, places and years on top; source, data version and product in the subtitle."""
    ids = ";".join(dict.fromkeys(s for v in source_ids.dropna() for s in str(v).split(";")))
    sources = source_label(ids)
    if len(sources) > 160:
        sources = sources[:157] + "…"
    subtitle = (
        f"{scope_text(f)} · {tr('source')}: {sources or '—'}<br>"
        f"{tr('data_version')}: {version_path().stem} · {tr('app_title')}"
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


def profile_link(code: str) -> None:
    """A link to the province's own page (the province is already the chosen filter)."""
    names = query("places", filters().period).set_index("geo_code")[
        "name_vi" if lang() == "vi" else "name_en"
    ]
    st.page_link(
        "pages/province.py", label=f"{tr('profile_of')} {names.get(code, code)}", icon=":material/badge:"
    )


def change_text(value: float, previous: float | None, previous_year: object, unit: str) -> str:
    """'+2.440 triệu USD so với 2015' — the change since the value before, with its unit."""
    if previous is None or pd.isna(previous) or previous_year is None or pd.isna(previous_year):
        return ""
    return f"{format_change(value - previous, unit, lang())} {tr('vs_previous')} {int(previous_year)}"


def value_text(value: float | None, unit: str, comparator: object = "=") -> str:
    """'4.270 triệu USD'; a bound or an approximation keeps its sign: '> 5.000 km', '≈ 30.000 triệu USD'."""
    text = format_value(value, unit, lang())
    sign = formatting.COMPARATOR_SYMBOLS.get(comparator) if isinstance(comparator, str) else None
    return text if sign in (None, "=") or text == "—" else f"{sign} {text}"


def banner_if_synthetic() -> None:
    if "synthetic" in query("source_kinds"):
        st.warning(tr("synthetic_banner"))


def download_files(csv_bytes: bytes, xlsx_bytes: bytes, key: str, caption: str | None = None) -> None:
    """CSV and XLSX buttons for a snapshot of exactly what the page shows."""
    stem = f"bien-gioi-{key}-{version_path().stem}"
    st.caption(caption or tr("download"))
    left, right = st.columns(2)
    left.download_button(
        tr("download_csv"), csv_bytes, f"{stem}.csv", "text/csv", key=f"{key}-csv", width="stretch"
    )
    right.download_button(
        tr("download_xlsx"),
        xlsx_bytes,
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        width="stretch",
    )


def download_buttons(f: Filters, key: str, caption: str | None = None) -> None:
    """The filtered observations (the same snapshot as `python -m indicators export`), built once
    per data version and filters, not on every rerun."""
    download_files(*query("observation_files", f, version_path().stem), key, caption)


def download_table(
    frame: pd.DataFrame, headers: dict[str, tuple[str, str]], key: str, caption: str | None = None
) -> None:
    """A table the page shows (targets, tasks), with the sources its rows cite."""
    snap = export.table_snapshot(connection(), frame, headers, filters(), version_path().stem)
    download_files(export.to_csv_bytes(snap), export.to_xlsx_bytes(snap), key, caption)


def stop_if_no_warehouse() -> None:
    """A clear message instead of a page when there is no warehouse, or one an older ETL built."""
    lang_ = st.session_state.get(FILTERS_KEY, Filters()).lang
    try:
        version_path()
    except WarehouseMissing:
        st.error(t("warehouse_missing", lang_))
        st.stop()
    if missing := query("missing_tables"):
        st.error(t("warehouse_outdated", lang_).format(tables=", ".join(missing)))
        st.stop()
