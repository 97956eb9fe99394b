"""The widgets pages share: the sidebar with the shared filters, the indicator picker, the target
scorecard, a province's profile link, and the page-wide notices."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from indicators import crosswalk
from indicators.db import WarehouseMissing
from indicators.domain import BORDER_LINES
from indicators.filters import Filters, parse_filters
from indicators.i18n import t
from pages import data, state
from pages.labels import STATUS_ICONS, deadline_text, document_label, status_label, target_text, value_text
from pages.state import FILTERS_KEY, lang, tr


def _carry_provinces_to_period() -> None:
    """On a switch between 63 and 34 provinces, keep the chosen places: their successors or members."""
    session = st.session_state
    session["w_provinces"] = crosswalk.counterparts(
        data.successions(), list(session.get("w_provinces", [])), session["w_period"]
    )


def _year_span(indicator: str | None) -> tuple[int, int]:
    """The years the slider offers: the chosen indicator's, else every year with data."""
    years = data.indicator_years(indicator) if indicator else []
    years = years or data.observed_years()
    return (years[0], years[-1]) if years else (2020, 2025)


def sidebar() -> Filters:
    """Language and the shared filters, initialised from the URL and written back to it."""
    places = {p: data.places(p) for p in ("old", "new")}
    catalog = data.indicator_catalog()
    parsed = parse_filters(
        state.url_params(),
        {p: set(frame["geo_code"]) for p, frame in places.items()},
        set(catalog["indicator_code"]),
    )
    url = parsed.filters
    session = st.session_state
    session.setdefault("w_lang", url.lang)
    session.setdefault("w_period", url.period)
    session.setdefault("w_line", url.line or "all")
    session.setdefault("w_provinces", list(url.provinces))
    session.setdefault("w_indicator", url.indicator)
    span = _year_span(session.get("w_indicator"))
    session.setdefault("w_years", (url.year_from or span[0], url.year_to or span[1]))
    if session.get("_year_span") not in (None, span) and session["w_years"] == session["_year_span"]:
        session["w_years"] = span  # the whole range stays the whole range when the indicator changes
    session["_year_span"] = span

    with st.sidebar:
        st.radio(
            "Ngôn ngữ / Language",
            ["vi", "en"],
            key="w_lang",
            horizontal=True,
            format_func={"vi": "Tiếng Việt", "en": "English"}.get,
        )
        lang_ = session["w_lang"]
        st.subheader(t("filters", lang_))
        st.radio(
            t("period", lang_),
            ["old", "new"],
            key="w_period",
            format_func=lambda p: t(f"period_{p}", lang_),
            on_change=_carry_provinces_to_period,
        )
        period = session["w_period"]
        st.selectbox(
            t("line", lang_),
            ["all", *BORDER_LINES],
            key="w_line",
            format_func=lambda v: t("line_all" if v == "all" else v, lang_),
        )
        line = None if session["w_line"] == "all" else session["w_line"]
        frame = places[period]
        border = (
            frame[frame["border_lines"].map(len) > 0]
            if line is None
            else frame[frame["border_lines"].map(lambda lines: line in list(lines))]
        )
        options = list(border["geo_code"])
        names = dict(zip(frame["geo_code"], frame["name_vi" if lang_ == "vi" else "name_en"], strict=True))
        session["w_provinces"] = [c for c in session["w_provinces"] if c in options]
        st.multiselect(
            t("provinces", lang_),
            options,
            key="w_provinces",
            format_func=lambda c: names.get(c, c),
            help=t("provinces_help", lang_),
            placeholder=t("provinces_placeholder", lang_),
        )
        if span[0] < span[1]:
            lo, hi = session["w_years"]
            session["w_years"] = (max(span[0], min(lo, span[1])), min(span[1], max(hi, span[0])))
            st.slider(t("years", lang_), span[0], span[1], key="w_years")
        if parsed.ignored:
            st.info(f"{t('ignored_note', lang_)}: " + ", ".join(f"{k}={v!r}" for k, v in parsed.ignored))
    year_from, year_to = session["w_years"]
    chosen = Filters(
        provinces=tuple(session["w_provinces"]),
        line=line,
        year_from=year_from if year_from != span[0] else None,
        year_to=year_to if year_to != span[1] else None,
        indicator=session.get("w_indicator"),
        lang=lang_,
        period=period,
    )
    session[FILTERS_KEY] = chosen
    return chosen


def _pick_indicator() -> None:
    st.session_state["w_indicator"] = st.session_state["w_indicator_pick"]


def choose_indicator(f: Filters) -> tuple[pd.Series, Filters]:
    """An indicator picker (those with values), defaulting to the filters' or the most widely
    reported: the chosen indicator's catalogue row, and the filters of what the page then shows.
    A pick is recorded by its callback before the next run, so the sidebar and the URL carry it."""
    catalog = data.indicator_catalog()
    catalog = catalog[catalog["n_values"] > 0]
    codes = list(catalog["indicator_code"])
    names = dict(zip(codes, catalog["name_vi" if f.lang == "vi" else "name_en"], strict=True))
    code = (
        f.indicator
        if f.indicator in codes
        else catalog.sort_values("n_places", ascending=False)["indicator_code"].iloc[0]
    )
    st.selectbox(
        t("indicator", f.lang),
        codes,
        index=codes.index(code),
        key="w_indicator_pick",
        format_func=names.get,
        on_change=_pick_indicator,
    )
    return catalog.set_index("indicator_code").loc[code], replace(f, indicator=code)


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


def profile_link(code: str) -> None:
    """A link to the province's own page (the province is already the chosen filter)."""
    names = data.places(state.filters().period).set_index("geo_code")[
        "name_vi" if lang() == "vi" else "name_en"
    ]
    st.page_link(
        "pages/province.py", label=f"{tr('profile_of')} {names.get(code, code)}", icon=":material/badge:"
    )


def banner_if_synthetic() -> None:
    if "synthetic" in data.source_kinds():
        st.warning(tr("synthetic_banner"))


def stop_if_no_warehouse() -> None:
    """Pin this run's warehouse version; a clear message instead of a page when there is no
    warehouse, or one an older ETL built."""
    lang_ = st.session_state.get(FILTERS_KEY, Filters()).lang
    try:
        data.pin_version()
    except WarehouseMissing:
        st.error(t("warehouse_missing", lang_))
        st.stop()
    if missing := data.tables_missing():
        st.error(t("warehouse_outdated", lang_).format(tables=", ".join(missing)))
        st.stop()
