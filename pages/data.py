"""The warehouse as the pages see it: this session's read-only connection to the published version,
and every `indicators` query the pages run, typed and cached on that version and its arguments.

A page calls `data.places("old")` as it would call `series.places(con, "old")`: the signature
(and a type checker) follow the function in `indicators/`; the connection and the cache are added
here, once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import duckdb
import streamlit as st

from indicators import catalog, crosswalk, export, geometry, progress, series, trade
from indicators.db import connect, missing_tables, resolved_warehouse, warehouse_meta

P = ParamSpec("P")
R = TypeVar("R")
_QUERIES: dict[str, Callable[..., Any]] = {}


@st.cache_resource(max_entries=4)
def _database(path: str) -> duckdb.DuckDBPyConnection:
    """One read-only DuckDB per published version; sessions take cursors of it."""
    return connect(Path(path))


_RUN_VERSION = "_run_version"


def pin_version() -> Path:
    """Resolve the published version once, at the start of a script run (app.py): every query,
    stamp and download of the run then reads that one version, and a snapshot's marker is read once
    per run rather than once per query. WarehouseMissing if there is none."""
    path = resolved_warehouse()
    st.session_state[_RUN_VERSION] = path
    return path


def version_path() -> Path:
    """The version this run reads (pinned by app.py on every run, so a rebuild shows on the next)."""
    pinned = st.session_state.get(_RUN_VERSION)
    return pinned if pinned is not None else resolved_warehouse()


def version() -> str:
    """The published version's name, as exports and chart stamps print it."""
    return version_path().stem


def connection() -> duckdb.DuckDBPyConnection:
    """This session's own read-only connection to the current version."""
    path = str(version_path())
    held = st.session_state.get("_con")
    if held is None or held[0] != path:
        st.session_state["_con"] = (path, _database(path).cursor())
    return st.session_state["_con"][1]


# One cached function for every query: st.cache_data keys a function by its source, which would be
# the same for per-query closures. The query's qualified name is part of the key instead.
@st.cache_data(max_entries=512, show_spinner=False)
def _cached(name: str, path: str, args: tuple, kwargs: tuple) -> Any:
    cursor = _database(path).cursor()
    try:
        return _QUERIES[name](cursor, *args, **dict(kwargs))
    finally:
        cursor.close()


def _on_version(query: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R]) -> Callable[P, R]:
    """`query` without its connection argument, run on the published version and cached."""
    name = f"{query.__module__}.{query.__qualname__}"
    _QUERIES[name] = query

    @functools.wraps(query)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        return _cached(name, str(version_path()), args, tuple(sorted(kwargs.items())))

    return run


# Places, indicators and observations
places = _on_version(series.places)
border_province_codes = _on_version(series.border_province_codes)
indicator_catalog = _on_version(series.indicator_catalog)
indicator_years = _on_version(series.indicator_years)
indicator_series = _on_version(series.indicator_series)
latest_comparison = _on_version(series.latest_comparison)
headline_figures = _on_version(series.headline_figures)
province_profile = _on_version(series.province_profile)
coverage = _on_version(series.coverage)
freshness = _on_version(series.freshness)
observed_years = _on_version(catalog.observed_years)
related_indicators = _on_version(catalog.related_indicators)
successions = _on_version(crosswalk.successions)
member_values = _on_version(crosswalk.member_values)
observation_files = _on_version(export.snapshot_files)

# Targets, tasks, sources, the warehouse itself
target_scorecard = _on_version(progress.target_scorecard)
targets_for = _on_version(catalog.targets_for)
tasks_with_status = _on_version(catalog.tasks_with_status)
source_list = _on_version(catalog.source_list)
source_kinds = _on_version(catalog.source_kinds)
meta = _on_version(warehouse_meta)
tables_missing = _on_version(missing_tables)

# Map layers
province_outlines = _on_version(geometry.province_outlines)
province_points = _on_version(geometry.province_points)
archipelago_outlines = _on_version(geometry.archipelago_outlines)
gates = _on_version(catalog.gates)
economic_zones = _on_version(catalog.economic_zones)

# Customs trade (the rollup)
trade_row_count = _on_version(trade.trade_row_count)
trade_balance = _on_version(trade.trade_balance)
trade_by_line = _on_version(trade.trade_by_line)
trade_by_province = _on_version(trade.trade_by_province)
trade_by_gate = _on_version(trade.trade_by_gate)
trade_monthly_trend = _on_version(trade.monthly_trend)
trade_top_commodities = _on_version(trade.top_commodities)
trade_sources = _on_version(trade.trade_sources)
trade_yearly_summary = _on_version(trade.yearly_summary)
