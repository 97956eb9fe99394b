"""Theo dõi báo cáo / Reporting tracker: for a reporting year (`?year=`), which agency has reported
its tasks and its indicators, against the deadlines of Resolution 23 IV.1.b and Plan 88 IV; overdue
in red with a text label; downloadable. The rules are in indicators/tracker.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import crosswalk, tracker
from indicators.domain import COUNTRY
from indicators.formatting import format_day
from l10n import N_
from pages import data, downloads, labels, state
from pages.state import filters, lang, tr

# What the table and the downloads show, in order: column → the message id of its header.
HEADERS: dict[str, str] = {
    "state_label": N_("tracker_state"),
    "agency": N_("col_agency"),
    "place": N_("place"),
    "level_label": N_("tracker_level"),
    "deadline_text": N_("deadline"),
    "tasks": N_("tracker_tasks"),
    "indicators": N_("col_indicators"),
    "last_report_text": N_("tracker_last_report"),
    "missing_tasks": N_("tracker_missing_tasks"),
    "missing_indicators": N_("tracker_missing_indicators"),
    "reporting_year": N_("tracker_year"),
    "as_of": N_("col_as_of"),
    "source_id": N_("col_tracker_source_id"),
}
# Overdue in red, late in amber, complete in green — each with its text label, never colour alone.
STATE_STYLES = {
    "overdue": "color: #b00020; font-weight: 600; background-color: #fde7ea",
    "late": "color: #8a4b00; background-color: #fff1db",
    "done": "color: #1b5e20; background-color: #e6f4e7",
}


def chosen_year(years: list[int], default: int) -> tuple[int, str | None]:
    """The reporting year from the URL the first time the page runs, else the widget's; and the
    URL's value when it was not a year one may choose (shown as a note, never an error)."""
    ignored = None
    if "tr_year" not in st.session_state:
        raw = st.query_params.get("year")
        year = default
        if raw is not None:
            if raw.strip().isdigit() and int(raw) in years:
                year = int(raw)
            else:
                ignored = raw
        st.session_state["tr_year"] = year
    return st.session_state["tr_year"], ignored


def shown(frame: pd.DataFrame, year: int, today_text: str) -> pd.DataFrame:
    """The tracker in the reader's words: labels for states and levels, n/N counts, dates."""
    lang_ = lang()
    suffix = "vi" if lang_ == "vi" else "en"
    out = frame.copy()
    out["state_label"] = [
        tr(f"track_{s}") + (f" ({tr('tracker_days').format(n=d)})" if d else "")
        for s, d in zip(out["state"], out["days_overdue"], strict=True)
    ]
    out["agency"] = out[f"agency_{suffix}"]
    out["place"] = out[f"place_{suffix}"]
    out["level_label"] = out["level"].map(lambda v: tr(f"level_{v}"))
    out["deadline_text"] = out["deadline"].map(lambda d: format_day(d, lang_))
    out["tasks"] = [
        f"{r}/{n}" if n else "—" for r, n in zip(out["tasks_reported"], out["n_tasks"], strict=True)
    ]
    out["indicators"] = [
        f"{r}/{n}" if n else "—" for r, n in zip(out["indicators_reported"], out["n_indicators"], strict=True)
    ]
    out["last_report_text"] = out["last_report"].map(lambda d: format_day(d, lang_) if pd.notna(d) else "—")
    out["reporting_year"] = str(year)
    out["as_of"] = today_text
    return out


def abridged(codes: str, keep: int = 3) -> str:
    """The first codes of a long list and how many more (the download has them all)."""
    parts = [c for c in codes.split(", ") if c]
    return ", ".join(parts) if len(parts) <= keep else f"{', '.join(parts[:keep])} … (+{len(parts) - keep})"


def in_scope(frame: pd.DataFrame) -> pd.DataFrame:
    """The chosen provinces' agencies (either geography) and the national ones; all without a choice."""
    scope = state.places_in_scope(filters())
    if scope is None:
        return frame
    places = set(scope) | set(crosswalk.counterparts(data.successions(), list(scope), "old"))
    places |= set(crosswalk.counterparts(data.successions(), list(scope), "new"))
    return frame[frame["geo_code"].isin(places | {COUNTRY})]


st.title(tr("page_tracker"))
lang_ = lang()
today = tracker.today()
years = tracker.reporting_years(data.connection(), today)
year, ignored = chosen_year(years, today.year if today.year in years else years[-1])
st.selectbox(tr("tracker_year"), years[::-1], key="tr_year")
if st.query_params.get("year") != str(year):
    st.query_params["year"] = str(year)
if ignored is not None:
    st.info(f"{tr('ignored_note')}: year={ignored!r}")
today_text = format_day(today, lang_)
st.caption(tr("tracker_intro").format(year=year, today=today_text))

frame = in_scope(tracker.reporting_tracker(data.connection(), year, today))
if state.places_in_scope(filters()) is not None:
    st.caption(tr("tracker_scope").format(scope=labels.scope_text(filters())))
counts = tracker.state_counts(frame)
st.markdown(f"**{tr('tracker_summary').format(**counts)}**")
if frame.empty:
    st.info(tr("tracker_none"))
else:
    table = shown(frame, year, today_text)
    visible = [c for c in HEADERS if c not in ("reporting_year", "as_of", "source_id")]
    view = table[visible].assign(missing_indicators=table["missing_indicators"].map(abridged))
    view = view.rename(columns={c: tr(HEADERS[c]) for c in visible})
    styles = [STATE_STYLES.get(state, "") for state in table["state"]]
    state_header = tr(HEADERS["state_label"])
    styled = view.style.apply(lambda column: styles, subset=[state_header])
    st.dataframe(styled, hide_index=True, width="stretch", height=min(38 + 35 * len(view), 740))
    st.caption(tr("tracker_rule"))
    downloads.download_table(table, HEADERS, "theo-doi-bao-cao")
