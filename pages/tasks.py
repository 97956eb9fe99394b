"""Nhiệm vụ / Tasks: what Resolution 23 and Plan 88 assign to each agency, with the latest reported
status from task-status submissions (default: no report yet)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import export
from pages import ui

st.title(ui.tr("page_tasks"))
st.caption(ui.tr("tasks_intro"))
lang = ui.lang()
suffix = "vi" if lang == "vi" else "en"
tasks = ui.query("tasks_with_status")
left, mid, right = st.columns(3)
documents = left.multiselect(
    ui.tr("filter_document"), sorted(tasks["document"].unique()), placeholder=ui.tr("all")
)
agencies = mid.multiselect(
    ui.tr("filter_agency"), sorted(tasks[f"agency_{suffix}"].unique()), placeholder=ui.tr("all")
)
groups = right.multiselect(
    ui.tr("filter_group"), [1, 2, 3, 4, 5], format_func=lambda g: f"({g})", placeholder=ui.tr("all")
)
if documents:
    tasks = tasks[tasks["document"].isin(documents)]
if agencies:
    tasks = tasks[tasks[f"agency_{suffix}"].isin(agencies)]
if groups:
    tasks = tasks[tasks["task_group"].isin(groups)]

counts = tasks["status"].value_counts()
st.caption(" · ".join(f"{ui.tr('ts_' + s)}: {int(n)}" for s, n in counts.items()))
st.dataframe(
    pd.DataFrame(
        {
            ui.tr("clause"): tasks["clause"],
            ui.tr("agency"): tasks[f"agency_{suffix}"],
            ui.tr("task_status"): tasks["status"].map(lambda s: ui.tr(f"ts_{s}")),
            ui.tr("reported_on"): tasks["reported_on"].map(
                lambda d: "" if pd.isna(d) else (d.strftime("%d/%m/%Y") if lang == "vi" else d.isoformat())
            ),
            ui.tr("task"): tasks[f"summary_{suffix}"],
            ui.tr("filter_group"): tasks["task_group"].map(lambda g: "" if pd.isna(g) else f"({int(g)})"),
            ui.tr("document"): tasks["document"],
        }
    ),
    hide_index=True,
    width="stretch",
    height=min(38 * (len(tasks) + 1), 900),
)
ui.download_table(export.task_rows(tasks, lang), export.TASK_HEADERS, "tasks")
