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
from pages import ui
from pages.report_downloads import report_buttons, report_year

PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDownloadButton"], [data-testid="stPageLink"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
}
</style>"""


def choose_place(places: pd.DataFrame, border_codes: list[str]) -> None:
    """No province chosen yet: the reader picks one here (it becomes the province filter)."""
    f = ui.filters()
    names = places.set_index("geo_code")["name_vi" if f.lang == "vi" else "name_en"]
    st.info(ui.tr("profile_pick"))
    st.selectbox(
        ui.tr("provinces"),
        border_codes,
        index=None,
        format_func=lambda c: names.get(c, c),
        key="profile_pick",
        on_change=lambda: ui.pick_province(st.session_state["profile_pick"]),
        placeholder=ui.tr("profile_pick_placeholder"),
    )


def identity(code: str, places: pd.DataFrame) -> None:
    """Name, border lines and the same place in the other geography."""
    f = ui.filters()
    name_col = "name_vi" if f.lang == "vi" else "name_en"
    row = places.set_index("geo_code").loc[code]
    st.title(f"{ui.tr('page_province')}: {row[name_col]}")
    lines = ", ".join(ui.tr(line) for line in row["border_lines"]) or ui.tr("no_land_border")
    other = "new" if f.period == "old" else "old"
    others = [c for c in counterparts(ui.query("successions"), [code], other) if c != code]
    other_names = ui.query("places", other).set_index("geo_code")[name_col]
    relation = ui.tr("successor_is" if f.period == "old" else "members_are")
    parts = [f"**{ui.tr('line')}:** {lines}", f"**{ui.tr('code')}:** {code}"]
    if others:
        parts.append(f"**{relation}:** " + ", ".join(f"{other_names.get(c, c)} ({c})" for c in others))
    st.markdown(" · ".join(parts))


def indicator_table(code: str) -> pd.DataFrame:
    """Every indicator of the province: latest value, change with its unit, trend, sparkline, source."""
    f = ui.filters()
    profile = ui.query("province_profile", code, f.period)
    rows = []
    for r in profile.to_dict("records"):
        rows.append(
            {
                ui.tr("indicator"): r["name_vi" if f.lang == "vi" else "name_en"],
                ui.tr("latest"): ui.value_text(r["value"], r["unit"], r["comparator"]),
                ui.tr("year"): str(int(r["year"])),
                ui.tr("change"): ui.change_text(
                    r["value"], r["previous_value"], r["previous_year"], r["unit"]
                ),
                ui.tr("trend"): trend_arrow(
                    r["value"], None if pd.isna(r["previous_value"]) else r["previous_value"]
                ),
                ui.tr("sparkline"): list(r["values"]) if len(set(r["values"])) > 1 else None,
                ui.tr("years"): f"{min(r['years'])}–{max(r['years'])} ({len(r['years'])})",
                ui.tr("value_type"): ui.tr(r["status"]),
                ui.tr("source"): ui.source_label(r["source_id"]),
            }
        )
    return pd.DataFrame(rows)


def both_geographies(code: str) -> set[str]:
    """The province's code and its counterparts across the 2025 merger (what was set for either is its)."""
    other = "old" if ui.filters().period == "new" else "new"
    return {code, *counterparts(ui.query("successions"), [code], other)}


def listing(
    column: DeltaGenerator, title_key: str, rows: pd.DataFrame, empty_key: str, line: Callable
) -> None:
    """A titled bullet list in a column (the province's gates, its zones), or a note that it has none."""
    with column:
        st.subheader(ui.tr(title_key))
        if rows.empty:
            st.caption(ui.tr(empty_key))
        st.markdown("\n".join(f"- {line(r)}" for r in rows.to_dict("records")))


st.markdown(PRINT_CSS, unsafe_allow_html=True)
f = ui.filters()
places = ui.query("places", f.period)
code = f.provinces[0] if f.provinces else None
if code is None:
    st.title(ui.tr("page_province"))
    choose_place(places, ui.query("border_province_codes", f.period, f.line))
    st.stop()
identity(code, places)
if len(f.provinces) > 1:
    st.caption(ui.tr("profile_first_of_many"))
st.caption(ui.tr("profile_print_hint"))

st.subheader(ui.tr("scorecard"))
card = ui.query("target_scorecard")
card = card[card["geo_code"].isin(both_geographies(code))]
if card.empty:
    st.info(ui.tr("profile_no_targets"))
else:
    ui.scorecard_table(card, with_place=False)

st.subheader(ui.tr("profile_indicators"))
table = indicator_table(code)
if table.empty:
    st.info(ui.tr("no_values"))
else:
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            ui.tr("indicator"): st.column_config.TextColumn(width="medium"),  # the value stays on a phone
            ui.tr("sparkline"): st.column_config.LineChartColumn(ui.tr("sparkline"), width="small"),
        },
    )

st.subheader(ui.tr("page_tasks"))
tasks = ui.query("tasks_with_status")
tasks = tasks[tasks["geo_code"].isin(both_geographies(code)) | tasks["for_border_provinces"]]
counts = tasks["status"].value_counts()
st.markdown(" · ".join(f"{ui.tr('ts_' + s)}: **{int(n)}**" for s, n in counts.items()))
suffix = "vi" if f.lang == "vi" else "en"
st.dataframe(
    pd.DataFrame(
        {
            ui.tr("task_status"): tasks["status"].map(lambda s: ui.tr(f"ts_{s}")),
            ui.tr("clause"): tasks["document"] + " " + tasks["clause"],
            ui.tr("agency"): tasks[f"agency_{suffix}"],
            ui.tr("task"): tasks[f"summary_{suffix}"],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.page_link("pages/tasks.py", label=ui.tr("profile_all_tasks"), icon=":material/checklist:")

gates = ui.query("gates")
zones = ui.query("economic_zones")
members = counterparts(ui.query("successions"), [code], "old") if f.period == "new" else [code]
left, right = st.columns(2)
listing(
    left,
    "gates",
    gates[gates["province_code"].isin(members)],
    "profile_no_gates",
    lambda g: f"**{g['name_vi']}** — {ui.tr(g['gate_type'])} · {ui.tr(g['border_line'])}",
)
listing(
    right,
    "zones",
    zones[zones["province_code"].isin(members)],
    "profile_no_zones",
    lambda z: f"**KKTCK {z['name_vi']}**" + (f" — {ui.tr('key_zone')}" if z["is_key_zone"] else ""),
)

st.subheader(ui.tr("report_section"))
report_buttons(report_year(f), code, None, f.lang)
ui.download_buttons(replace(f, provinces=(code,)), "province", ui.tr("download_indicators"))
ui.download_table(
    export.target_rows(card, f.lang), export.TARGET_HEADERS, "province-targets", ui.tr("download_targets")
)
