"""Duyệt số liệu / Review submissions: a data steward sees what departments submitted, approves a
submission (copied into the inbox, then the same atomic build and publish as `python -m etl build`)
or rejects it with a reason the submitter reads. A failed build changes nothing served; the
submission stays pending with the error."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl import audit, staging, users
from pages import auth, labels, state
from pages.state import tr

MESSAGE = "_review_message"

lang = state.lang()
st.title(tr("page_review"))
steward = auth.require("steward", lang)
names = {code: a["name_vi" if lang == "vi" else "name_en"] for code, a in users.agencies().items()}


def _approve(submission_id: str) -> None:
    try:
        record = staging.approve(submission_id, steward)
    except staging.SubmissionError as error:
        st.session_state[MESSAGE] = ("error", error.message, error.problems)
    else:
        text = tr("review_approved").format(id=submission_id, version=record["version"])
        st.session_state[MESSAGE] = ("success", text, [])


def _reject(submission_id: str) -> None:
    reason = st.session_state.get(f"w_reason_{submission_id}", "")
    try:
        staging.reject(submission_id, steward, reason)
    except staging.SubmissionError as error:
        st.session_state[MESSAGE] = ("error", error.message, [])
    else:
        st.session_state[MESSAGE] = ("info", tr("review_rejected").format(id=submission_id), [])


held = st.session_state.pop(MESSAGE, None)
if held:
    kind, text, problems = held
    getattr(st, kind)(text)
    if problems:
        st.dataframe(
            pd.DataFrame(
                [(p.file, p.row, p.column, p.message) for p in problems],
                columns=[tr("col_file"), tr("col_row"), tr("col_column"), tr("col_problem")],
            ),
            hide_index=True,
            width="stretch",
        )

pending = staging.submissions(status="pending")
st.subheader(f"{tr('review_pending')} ({len(pending)})")
if not pending:
    st.caption(tr("review_none"))
for record in pending:
    sid = record["id"]
    with st.container(border=True, key=f"pending-{sid}"):
        st.markdown(
            f"**{names.get(record['agency'], record['agency'])}** (`{record['agency']}`) · "
            f"{record['user']} · {record['submitted_at'][:16].replace('T', ' ')} UTC"
        )
        st.markdown(
            f"{tr('col_file')}: {record['original_name']} · {tr('col_rows')}: {labels.count_text(record['rows'])} · "
            f"sha256 `{record['sha256'][:16]}…`"
        )
        st.caption(labels.changes_text(record))
        if record.get("error"):
            st.error(f"{tr('review_last_error')}: {record['error']}")
        left, right = st.columns([1, 2])
        left.button(
            tr("review_approve"), key=f"approve-{sid}", type="primary", on_click=_approve, args=(sid,)
        )
        right.text_input(tr("review_reason"), key=f"w_reason_{sid}")
        right.button(tr("review_reject"), key=f"reject-{sid}", on_click=_reject, args=(sid,))

st.subheader(tr("review_decided"))
decided = [r for r in staging.submissions() if r["status"] != "pending"][:50]
if not decided:
    st.caption(tr("review_none"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                tr("col_outcome"): [tr(f"status_{r['status']}") for r in decided],
                tr("col_agency"): [r["agency"] for r in decided],
                tr("col_file"): [r["original_name"] for r in decided],
                tr("col_decided"): [
                    f"{r['decided_by']} · {(r['decided_at'] or '')[:16].replace('T', ' ')}" for r in decided
                ],
                tr("col_submission"): [r["id"] for r in decided],
                tr("col_reason"): [r.get("reason") or "" for r in decided],
                tr("data_version"): [r.get("version") or "" for r in decided],
            }
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(tr("audit_live"))
st.caption(tr("audit_live_note"))
live = audit.audit_frame().iloc[::-1].head(50)
st.dataframe(labels.audit_table(live), hide_index=True, width="stretch")
