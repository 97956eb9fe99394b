"""Hồ sơ tỉnh / Province profile: a leader's one screen for one province — every indicator with its
latest value, trend and source, the targets set for it with their status, its border lines, gates
and economic zones, and the same province in the other geography (before/after 1 July 2025)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from indicators import export
from indicators.crosswalk import counterparts
from indicators.progress import trend_arrow
from pages import data, downloads, labels, state, widgets
from pages.report_downloads import report_buttons, report_year
from pages.state import filters, tr

PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDownloadButton"], [data-testid="stPageLink"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
}
</style>"""


def choose_place(places: pd.DataFrame, border_codes: list[str]) -> None:
    """No province chosen yet: the reader picks one here (it becomes the province filter)."""
    f = filters()
    names = places.set_index("geo_code")["name_vi" if f.lang == "vi" else "name_en"]
    st.info(tr("profile_pick"))
    st.selectbox(
        tr("provinces"),
        border_codes,
        index=None,
        format_func=lambda c: names.get(c, c),
        key="profile_pick",
        on_change=lambda: state.pick_province(st.session_state["profile_pick"]),
        placeholder=tr("profile_pick_placeholder"),
    )


def identity(code: str, places: pd.DataFrame) -> None:
    """Name, border lines and the same place in the other geography."""
    f = filters()
    name_col = "name_vi" if f.lang == "vi" else "name_en"
    row = places.set_index("geo_code").loc[code]
    st.title(f"{tr('page_province')}: {row[name_col]}")
    lines = ", ".join(tr(line) for line in row["border_lines"]) or tr("no_land_border")
    other = "new" if f.period == "old" else "old"
    others = [c for c in counterparts(data.successions(), [code], other) if c != code]
    other_names = data.places(other).set_index("geo_code")[name_col]
    relation = tr("successor_is" if f.period == "old" else "members_are")
    parts = [f"**{tr('line')}:** {lines}", f"**{tr('code')}:** {code}"]
    if others:
        parts.append(f"**{relation}:** " + ", ".join(f"{other_names.get(c, c)} ({c})" for c in others))
    st.markdown(" · ".join(parts))


def indicator_table(code: str) -> pd.DataFrame:
    """Every indicator of the province: latest value, change with its unit, trend, sparkline, source."""
    f = filters()
    profile = data.province_profile(code, f.period)
    rows = []
    for r in profile.to_dict("records"):
        rows.append(
            {
                tr("indicator"): r["name_vi" if f.lang == "vi" else "name_en"],
                tr("latest"): labels.value_text(r["value"], r["unit"], r["comparator"]),
                tr("year"): str(int(r["year"])),
                tr("change"): labels.change_text(
                    r["value"], r["previous_value"], r["previous_year"], r["unit"]
                ),
                tr("trend"): trend_arrow(
                    r["value"], None if pd.isna(r["previous_value"]) else r["previous_value"]
                ),
                tr("sparkline"): list(r["values"]) if len(set(r["values"])) > 1 else None,
                tr("years"): f"{min(r['years'])}–{max(r['years'])} ({len(r['years'])})",
                tr("value_type"): tr(r["status"]),
                tr("source"): labels.source_label(r["source_id"]),
            }
        )
    return pd.DataFrame(rows)


def both_geographies(code: str) -> set[str]:
    """The province's code and its counterparts across the 2025 merger (what was set for either is its)."""
    other = "old" if filters().period == "new" else "new"
    return {code, *counterparts(data.successions(), [code], other)}


def listing(
    column: DeltaGenerator, title_key: str, rows: pd.DataFrame, empty_key: str, line: Callable
) -> None:
    """A titled bullet list in a column (the province's gates, its zones), or a note that it has none."""
    with column:
        st.subheader(tr(title_key))
        if rows.empty:
            st.caption(tr(empty_key))
        st.markdown("\n".join(f"- {line(r)}" for r in rows.to_dict("records")))


st.markdown(PRINT_CSS, unsafe_allow_html=True)
f = filters()
places = data.places(f.period)
code = f.provinces[0] if f.provinces else None
if code is None:
    st.title(tr("page_province"))
    choose_place(places, data.border_province_codes(f.period, f.line))
    st.stop()
identity(code, places)
if len(f.provinces) > 1:
    st.caption(tr("profile_first_of_many"))
st.caption(tr("profile_print_hint"))

st.subheader(tr("scorecard"))
card = data.target_scorecard()
card = card[card["geo_code"].isin(both_geographies(code))]
if card.empty:
    st.info(tr("profile_no_targets"))
else:
    widgets.scorecard_table(card, with_place=False)

st.subheader(tr("profile_indicators"))
table = indicator_table(code)
if table.empty:
    st.info(tr("no_values"))
else:
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            tr("indicator"): st.column_config.TextColumn(width="medium"),  # the value stays on a phone
            tr("sparkline"): st.column_config.LineChartColumn(tr("sparkline"), width="small"),
        },
    )

st.subheader(tr("page_tasks"))
tasks = data.tasks_with_status()
tasks = tasks[tasks["geo_code"].isin(both_geographies(code)) | tasks["for_border_provinces"]]
counts = tasks["status"].value_counts()
st.markdown(" · ".join(f"{tr('ts_' + s)}: **{int(n)}**" for s, n in counts.items()))
suffix = "vi" if f.lang == "vi" else "en"
st.dataframe(
    pd.DataFrame(
        {
            tr("task_status"): tasks["status"].map(lambda s: tr(f"ts_{s}")),
            tr("clause"): tasks["document"] + " " + tasks["clause"],
            tr("agency"): tasks[f"agency_{suffix}"],
            tr("task"): tasks[f"summary_{suffix}"],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.page_link("pages/tasks.py", label=tr("profile_all_tasks"), icon=":material/checklist:")

gates = data.gates()
zones = data.economic_zones()
members = counterparts(data.successions(), [code], "old") if f.period == "new" else [code]
left, right = st.columns(2)
listing(
    left,
    "gates",
    gates[gates["province_code"].isin(members)],
    "profile_no_gates",
    lambda g: f"**{g['name_vi']}** — {tr(g['gate_type'])} · {tr(g['border_line'])}",
)
listing(
    right,
    "zones",
    zones[zones["province_code"].isin(members)],
    "profile_no_zones",
    lambda z: f"**KKTCK {z['name_vi']}**" + (f" — {tr('key_zone')}" if z["is_key_zone"] else ""),
)

st.subheader(tr("report_section"))
report_buttons(report_year(f), code, None, f.lang)
downloads.download_buttons(replace(f, provinces=(code,)), "province", tr("download_indicators"))
downloads.download_table(
    export.target_rows(card, f.lang), export.TARGET_HEADERS, "province-targets", tr("download_targets")
)
