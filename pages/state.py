"""The view's state for this run: the language, the shared filters (set by the sidebar, kept in the
URL) and the places they select."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import crosswalk
from indicators.domain import COUNTRY
from indicators.filters import Filters
from indicators.i18n import t
from indicators.scope import PlaceScope
from pages import data

FILTERS_KEY = "filters"
SHARED_PARAMS = ("province", "line", "from", "to", "indicator", "lang", "period")  # the sidebar's


def url_params() -> dict[str, list[str]]:
    """The query string, every parameter with all its values."""
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


def pick_province(code: str) -> None:
    """Select one province from a chart or the map (called from a widget callback, before the
    sidebar's widgets exist in the run, which is the only time their state may be changed)."""
    st.session_state["w_provinces"] = [code]


def write_url(chosen: Filters) -> None:
    """The filters into the query string. Called after `st.navigation`: a page switch resets the
    browser's URL to the new page's path, so written earlier they would be lost on the way."""
    own = {k: v for k, v in url_params().items() if k not in SHARED_PARAMS}  # a page's own, e.g. tasks'
    st.query_params.from_dict({**own, **chosen.query_params()})


def place_scope(f: Filters) -> PlaceScope:
    """The observations a page shows: the country and the chosen provinces (or the line's, or every
    border province), in the filters' geography and years."""
    chosen = list(f.provinces) or data.border_province_codes(f.period, f.line)
    return PlaceScope.of(f, [COUNTRY, *chosen])


def places_in_scope(f: Filters) -> list[str] | None:
    """The place codes a target or task list shows: the chosen provinces, else the chosen line's
    provinces, in both geographies (a target set for Lạng Sơn before the merger is still Lạng Sơn's);
    None when nothing is chosen (everything, the country included)."""
    if not f.provinces and not f.line:
        return None
    chosen = list(f.provinces) or data.border_province_codes(f.period, f.line)
    other = "new" if f.period == "old" else "old"
    return [*chosen, *crosswalk.counterparts(data.successions(), chosen, other)]


def in_scope(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Rows of a frame with `geo_code` that the filters' places cover."""
    scope = places_in_scope(f)
    return frame if scope is None else frame[frame["geo_code"].isin(scope)]
