"""Tổng quan / Overview: headline figures with year and source, the target scorecard, freshness."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import export
from indicators.formatting import format_number
from pages import ui


def headline_metrics() -> None:
    lang = ui.lang()
    figures = ui.query("headline_figures")
    st.subheader(ui.tr("headlines"))
    columns = st.columns(3)
    for i, row in enumerate(figures.to_dict("records")):
        name = row["name_vi"] if lang == "vi" else row["name_en"]
        place = row["place_vi"] if lang == "vi" else row["place_en"]
        delta, delta_color = None, "normal" if row["higher_is_better"] else "inverse"
        unchanged = ""
        if pd.notna(row["previous_value"]):
            change = row["value"] - row["previous_value"]
            since = int(row["previous_year"])
            if change == 0:  # said in the caption: st.metric draws an up arrow for any text delta
                unchanged = f" · {ui.tr('unchanged')} {since}"
            else:
                delta = (
                    f"{'+' if change > 0 else ''}{format_number(change, lang)} {ui.tr('vs_previous')} {since}"
                )
        source = " ".join(str(s) for s in (row["source_doc"], row["source_title"]) if pd.notna(s))
        flag = "" if row["status"] == "reported" else f" · {ui.tr(row['status'])}"
        with columns[i % 3].container(border=True):
            st.metric(
                f"{name} — {place}",
                ui.value_text(row["value"], row["unit"]),
                delta=delta,
                delta_color=delta_color,
                help=f"{ui.tr('source')}: {source} ({row['clause'] or ''})",
            )
            st.caption(f"{ui.tr('year')} {int(row['year'])}{flag}{unchanged} · {ui.tr('source')}: {source}")


def scorecard() -> None:
    lang = ui.lang()
    frame = ui.query("target_scorecard")
    st.subheader(ui.tr("scorecard"))
    rows = []
    for r in frame.to_dict("records"):
        indicator = r["indicator_vi"] if lang == "vi" else r["indicator_en"]
        place = r["place_vi"] if lang == "vi" else r["place_en"]
        latest = ui.value_text(r["latest_value"], r["unit"]) if pd.notna(r["latest_value"]) else "—"
        if pd.notna(r["latest_year"]):
            latest += f" ({int(r['latest_year'])})"
        rows.append(
            {
                ui.tr("target"): f"{indicator} — {place}",
                ui.tr("value"): f"{r['comparator']} {ui.value_text(r['target_value'], r['unit'])}",
                ui.tr("deadline"): ui.deadline_text(r["target_year"]),
                ui.tr("latest"): latest,
                ui.tr("share_of_way"): None
                if pd.isna(r["share_of_way"])
                else max(0.0, min(1.0, r["share_of_way"])) * 100,
                ui.tr("status"): ui.status_label(r["status"]),
                ui.tr("trend"): r["trend"],
                ui.tr("document"): f"{r['doc_number'] or r['source_id']} {r['clause']}",
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            ui.tr("share_of_way"): st.column_config.ProgressColumn(
                ui.tr("share_of_way"), min_value=0, max_value=100, format="%.0f%%"
            ),
        },
    )
    counts = frame["status"].value_counts()
    st.caption(" · ".join(f"{ui.status_label(s)}: {int(counts.get(s, 0))}" for s in ui.STATUS_ICONS))
    st.caption(ui.tr("method_note"))


def freshness() -> None:
    lang = ui.lang()
    frame = ui.query("freshness")
    with st.expander(ui.tr("freshness")):
        st.dataframe(
            pd.DataFrame(
                {
                    ui.tr("indicator"): frame["name_vi" if lang == "vi" else "name_en"],
                    ui.tr("latest_year"): frame["latest_year"].map(
                        lambda y: "—" if pd.isna(y) else str(int(y))
                    ),
                    ui.tr("places_that_year"): frame["places_that_year"],
                }
            ),
            hide_index=True,
            width="stretch",
        )


st.title(ui.tr("app_title"))
st.caption(ui.tr("app_subtitle"))
headline_metrics()
scorecard()
freshness()
ui.download_table(
    export.target_rows(ui.query("target_scorecard"), ui.lang()), export.TARGET_HEADERS, "scorecard"
)
