"""Nộp số liệu / Submit figures: a signed-in submitter uploads the template (figures, task-status
reports or customs files), sees every problem by file, row and column, then what the file would
change in the published data, and submits it for a steward's approval. Nothing is published here."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from etl import staging, users
from indicators.formatting import format_number
from pages import auth, state
from pages.state import tr

UPLOAD_ROUND = "_upload_round"  # a new key clears the uploader after a submission

lang = state.lang()
st.title(tr("page_submit"))
user = auth.require("submitter", lang)
agency = users.agencies().get(user.agency or "", {})
st.caption(
    tr("submit_as").format(
        user=user.name, agency=agency.get("name_vi" if lang == "vi" else "name_en", user.agency)
    )
    + " "
    + tr("submit_scope_ministry" if agency.get("kind") == "ministry" else "submit_scope_province")
)
st.markdown(tr("submit_intro").format(mb=staging.max_upload_bytes() // 2**20))

done = st.session_state.pop("_submitted", None)
if done:
    st.success(tr("submit_done").format(id=done))

round_ = st.session_state.setdefault(UPLOAD_ROUND, 0)
uploaded = st.file_uploader(tr("submit_upload"), type=["csv", "xlsx", "parquet"], key=f"w_upload_{round_}")


def when(stamp: str | None) -> str:
    """'2026-12-02 18:56' from an ISO UTC time (the column says UTC)."""
    return (stamp or "")[:16].replace("T", " ")


def reader_number(text: str) -> str:
    """A plain number as the reader writes it ('13191.51' → '13.191,51' in Vietnamese); text as is."""
    try:
        return format_number(float(text), lang) if text else text
    except ValueError:
        return text


def problem_frame(check: staging.Check) -> pd.DataFrame:
    frame = check.problem_table()
    return frame.rename(
        columns={
            "file": tr("col_file"),
            "row": tr("col_row"),
            "column": tr("col_column"),
            "message": tr("col_problem"),
        }
    )


if uploaded is not None:
    content = uploaded.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    held = st.session_state.get("_check")
    if held is None or held[0] != (digest, user.agency, uploaded.name, lang):
        with st.spinner(tr("submit_checking")):
            check = staging.check_upload(content, uploaded.name, user.agency or "", lang)
        st.session_state["_check"] = ((digest, user.agency, uploaded.name, lang), check)
    else:
        check = held[1]

    st.subheader(tr("submit_check"))
    if not check.ok:
        st.error(tr("submit_problems").format(n=len(check.problems), file=check.name))
        st.dataframe(problem_frame(check), hide_index=True, width="stretch")
    else:
        st.success(tr("submit_ok").format(file=check.name, rows=check.rows))
        st.subheader(tr("submit_preview"))
        counts = check.preview["change"].value_counts()
        cols = st.columns(4)
        for col, kind in zip(cols, ("new", "changed", "unchanged", "added"), strict=True):
            col.metric(tr(f"change_{kind}"), int(counts.get(kind, 0)))
        shown = check.preview.assign(
            change=check.preview["change"].map(lambda k: tr(f"change_{k}")),
            table=check.preview["table"].map(lambda k: tr(f"layout_{k}")),
        )
        if check.layout == "observations":  # values in the reader's format: 4.270 / 5,88
            shown[["old", "new"]] = shown[["old", "new"]].map(reader_number)
        st.dataframe(
            shown.rename(
                columns={
                    "table": tr("col_table"),
                    "key": tr("col_key"),
                    "old": tr("col_old"),
                    "new": tr("col_new"),
                    "change": tr("col_change"),
                }
            ),
            hide_index=True,
            width="stretch",
        )
        if st.button(tr("submit_button"), type="primary", key="submit"):
            try:
                record = staging.submit(content, uploaded.name, user)
            except staging.SubmissionError as error:
                st.error(error.message)
                if error.problems:
                    st.dataframe(
                        problem_frame(staging.Check(check.name, problems=error.problems)),
                        hide_index=True,
                        width="stretch",
                    )
            else:
                st.session_state["_submitted"] = record["id"]
                st.session_state[UPLOAD_ROUND] = round_ + 1
                st.session_state.pop("_check", None)
                st.rerun()

st.subheader(tr("submit_mine"))
mine = staging.submissions(user=user.name)
if not mine:
    st.caption(tr("submit_none"))
else:
    st.dataframe(
        pd.DataFrame(
            {  # the outcome first: it must stay on a phone's screen
                tr("col_outcome"): [tr(f"status_{r['status']}") for r in mine],
                tr("col_file"): [r["original_name"] for r in mine],
                tr("col_submitted_at"): [when(r["submitted_at"]) for r in mine],
                tr("col_rows"): [r["rows"] for r in mine],
                tr("col_reason"): [r.get("reason") or r.get("error") or "" for r in mine],
                tr("col_decided"): [
                    f"{r['decided_by']} · {when(r['decided_at'])}" if r.get("decided_by") else ""
                    for r in mine
                ],
                tr("col_submission"): [r["id"] for r in mine],
            }
        ),
        hide_index=True,
        width="stretch",
    )
