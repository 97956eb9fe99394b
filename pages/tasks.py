"""Nhiệm vụ / Tasks: what Resolution 23 and Plan 88 assign to each agency, with the latest reported
status from task-status submissions (default: no report yet).

Answers "what must my department do": every task readable in full (a card per task, grouped by
document), an agency filter that finds the tasks an agency shares with others or inherited in the
2025 merger, groups by name, a search that ignores diacritics, and every filter in the URL
(`doc`, `agency`, `group`, `status`, `q`, `shared`) beside the shared ones the sidebar writes."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from indicators import catalog, export
from indicators.formatting import format_day
from pages import data, downloads, labels, state
from pages.state import filters, tr

# The page's own URL parameters (the sidebar owns province, line, from, to, indicator, lang, period).
PARAMS = ("doc", "agency", "group", "status", "q", "shared")
STATUSES = ("no_report", "not_started", "in_progress", "done", "overdue")
STATUS_COLOURS = {
    "no_report": "gray",
    "not_started": "orange",
    "in_progress": "blue",
    "done": "green",
    "overdue": "red",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|$~:])")


def md(text: object) -> str:
    """Plain text shown as itself in markdown (no emphasis, links, LaTeX or badge directives)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)) if isinstance(text, str) else ""


def badge(text: str, colour: str) -> str:
    return f":{colour}-badge[{md(text)}]"


def url_values(key: str) -> list[str]:
    values = []
    for raw in st.query_params.get_all(key):
        values += [v.strip() for v in str(raw).split(",") if v.strip()] if key != "q" else [raw]
    return values


def read_url(tasks: pd.DataFrame, agencies: pd.DataFrame) -> list[tuple[str, str]]:
    """Set the widgets from the URL the first time the page runs in a session; return the values
    that are not known (shown as a note, never an error)."""
    session = st.session_state
    if "tk_q" in session:  # the widgets hold the filters (the page's own run before this one)
        return []
    ignored: list[tuple[str, str]] = []

    def known(key: str, values: list[str], allowed: dict[str, object]) -> list[object]:
        chosen = []
        for v in values:
            if v in allowed:
                if allowed[v] not in chosen:
                    chosen.append(allowed[v])
            else:
                ignored.append((key, v))
        return chosen

    docs = {s: s for s in tasks["source_id"].unique()}
    docs |= {d: s for d, s in zip(tasks["document"], tasks["source_id"], strict=True)}  # "23/NQ-CP" too
    names = {k: k for k in agencies["key"]}
    names |= {n: k for n, k in zip(agencies["name_vi"], agencies["key"], strict=True)}
    names |= {n: k for n, k in zip(agencies["name_en"], agencies["key"], strict=True)}
    session["tk_doc"] = known("doc", url_values("doc"), docs)
    session["tk_agency"] = known(
        "agency", url_values("agency"), names | {catalog.agency_key(n): names[n] for n in names}
    )
    session["tk_group"] = known("group", url_values("group"), {str(g): g for g in range(6)})
    session["tk_status"] = known("status", url_values("status"), {s: s for s in STATUSES})
    session["tk_q"] = (url_values("q") or [""])[0][:200]
    shared = url_values("shared")
    session["tk_shared"] = shared[:1] != ["0"]
    if shared and shared[0] not in ("0", "1"):
        ignored.append(("shared", shared[0]))
    return ignored


def write_url(chosen: dict[str, list[str]]) -> None:
    """The page's filters into the query string, leaving every other parameter as it is."""
    for key in PARAMS:
        values = chosen.get(key, [])
        if values:
            if st.query_params.get_all(key) != values:
                st.query_params[key] = values
        elif key in st.query_params:
            del st.query_params[key]


st.title(tr("page_tasks"))
st.caption(tr("tasks_intro"))
lang = state.lang()
suffix = "vi" if lang == "vi" else "en"
all_tasks = data.tasks_with_status()
scope = state.places_in_scope(filters())
if scope is not None:  # a province's own plan, and the resolution's tasks of every border province
    all_tasks = all_tasks[all_tasks["geo_code"].isin(scope) | all_tasks["for_border_provinces"]]
    st.caption(tr("tasks_scope").format(scope=labels.scope_text(filters())))
directory = catalog.agency_directory(all_tasks)
ignored = read_url(all_tasks, directory)

documents = all_tasks.drop_duplicates("source_id")
doc_names = {
    r.source_id: f"{r.document} — {catalog.issuer_name(r.doc_issuer, lang)}"
    for r in documents.itertuples(index=False)
}
agency_names = dict(zip(directory["key"], directory[f"name_{suffix}"], strict=True))
agency_names_vi = dict(zip(directory["key"], directory["name_vi"], strict=True))
agency_counts = dict(zip(directory["key"], directory["n_tasks"], strict=True))
groups = sorted({0 if pd.isna(g) else int(g) for g in all_tasks["task_group"]}, key=lambda g: (g == 0, g))
named_groups = all_tasks.assign(g=all_tasks["task_group"].map(lambda g: 0 if pd.isna(g) else int(g)))
group_names = {
    int(r.g): export.group_name(r.g, lang, r.group_vi, r.group_en)
    for r in named_groups.drop_duplicates("g").itertuples(index=False)
}

st.text_input(
    tr("task_search"),
    key="tk_q",
    placeholder=tr("task_search_placeholder"),
    help=tr("task_search_help"),
    max_chars=200,
)
c1, c2, c3, c4 = st.columns([1, 1.4, 1.4, 1])
c1.multiselect(
    tr("filter_document"),
    list(doc_names),
    key="tk_doc",
    format_func=doc_names.get,
    placeholder=tr("all"),
)
c2.multiselect(
    tr("filter_agency"),
    list(agency_names),
    key="tk_agency",
    format_func=lambda k: f"{agency_names[k]} ({agency_counts[k]})",
    placeholder=tr("all"),
)
c3.multiselect(
    tr("filter_group"),
    groups,
    key="tk_group",
    format_func=lambda g: f"{g}. {group_names[g]}" if g else group_names[g],
    placeholder=tr("all"),
)
c4.multiselect(
    tr("filter_task_status"),
    list(STATUSES),
    key="tk_status",
    format_func=lambda s: tr(f"ts_{s}"),
    placeholder=tr("all"),
)
session = st.session_state
st.toggle(
    tr("tasks_shared"), key="tk_shared", help=tr("tasks_shared_help"), disabled=not session["tk_agency"]
)
if ignored:
    st.info(f"{tr('task_ignored_note')}: " + ", ".join(f"{k}={v!r}" for k, v in ignored))

query = catalog.TaskQuery(
    documents=tuple(session["tk_doc"]),
    agencies=tuple(session["tk_agency"]),
    groups=tuple(session["tk_group"]),
    statuses=tuple(session["tk_status"]),
    text=session["tk_q"],
    shared=bool(session["tk_shared"]),
)
write_url(
    {
        "doc": list(query.documents),
        "agency": [
            agency_names_vi
            for agency_names_vi in directory.set_index("key").loc[list(query.agencies), "name_vi"]
        ],
        "group": [str(g) for g in query.groups],
        "status": list(query.statuses),
        "q": [query.text.strip()] if query.text.strip() else [],
        "shared": ["0"] if query.agencies and not query.shared else [],
    }
)
tasks = catalog.filter_tasks(all_tasks, query)

counts = tasks["status"].value_counts()
st.caption(
    tr("tasks_found").format(n=len(tasks), total=len(all_tasks))
    + " · "
    + " · ".join(f"{tr('ts_' + s)}: {int(n)}" for s, n in counts.items())
)


def reported_text(day: object) -> str:
    if day is None or pd.isna(day):
        return ""
    return format_day(day, lang)  # type: ignore[arg-type]


def task_card(r: pd.Series) -> None:
    """One task, readable in full: clause, group, agencies (and successors), status, text."""
    own = catalog.task_agencies(r["agency_vi"], r["agency_en"])
    successors = catalog.task_agencies(r["agency_successor_vi"], r["agency_successor_en"])
    group = 0 if pd.isna(r["task_group"]) else int(r["task_group"])
    with st.container(border=True):
        status = badge(tr(f"ts_{r['status']}"), STATUS_COLOURS.get(r["status"], "gray"))
        when = reported_text(r["reported_on"])
        line = [
            f"**{md(r['clause'])}**",
            status + (f" {md(tr('reported_on'))}: {md(when)}" if when else ""),
        ]
        line += [badge(vi if lang == "vi" else en, "blue") for vi, en in own]
        if catalog.is_shared_assignment(r["agency_vi"]):
            line.append(badge(tr("task_shared_badge"), "violet"))
        if successors:
            line.append(
                f"{md(tr('agency_successor'))} "
                + " ".join(badge(vi if lang == "vi" else en, "green") for vi, en in successors)
            )
        st.markdown(" &nbsp; ".join(line))
        st.markdown(md(r[f"summary_{suffix}"]))
        st.caption(f"{tr('filter_group')}: {md(f'{group}. ' if group else '')}{md(group_names[group])}")


cards, table = st.tabs([tr("task_list"), tr("table")])
with cards:
    if tasks.empty:
        st.info(tr("tasks_none"))
    for _, rows in tasks.groupby("source_id", sort=False):
        first = rows.iloc[0]
        st.subheader(f"{first['document']} — {catalog.issuer_name(first['doc_issuer'], lang)}")
        st.caption(md(first["doc_title"]))
        for _, r in rows.iterrows():
            task_card(r)
with table:
    st.dataframe(
        pd.DataFrame(
            {
                tr("clause"): tasks["clause"],
                tr("agency"): tasks[f"agency_{suffix}"],
                tr("task_status"): tasks["status"].map(lambda s: tr(f"ts_{s}")),
                tr("reported_on"): tasks["reported_on"].map(reported_text),
                tr("task"): tasks[f"summary_{suffix}"],
                tr("filter_group"): tasks["task_group"].map(
                    lambda g: group_names[0 if pd.isna(g) else int(g)]
                ),
                tr("document"): tasks["document"],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={tr("task"): st.column_config.TextColumn(width="large")},
    )

extra = [
    (
        "doc",
        ",".join(query.documents),
        tr("filter_document"),
        ", ".join(doc_names[d] for d in query.documents),
    ),
    (
        "agency",
        ",".join(agency_names[a] for a in query.agencies),
        tr("filter_agency"),
        ", ".join(agency_names[a] for a in query.agencies),
    ),
    (
        "group",
        ",".join(map(str, query.groups)),
        tr("filter_group"),
        "; ".join(group_names[g] for g in query.groups),
    ),
    (
        "status",
        ",".join(query.statuses),
        tr("filter_task_status"),
        ", ".join(tr(f"ts_{s}") for s in query.statuses),
    ),
    ("q", query.text.strip(), tr("task_search"), query.text.strip()),
]
if query.agencies:
    extra.append(
        (
            "shared",
            "1" if query.shared else "0",
            tr("tasks_shared"),
            tr("yes" if query.shared else "no"),
        )
    )
snap = export.table_snapshot(
    data.connection(),
    export.task_rows(tasks, lang),
    export.TASK_HEADERS,
    filters(),
    data.version(),
    [e for e in extra if e[1]],
)
downloads.download_files(export.to_csv_bytes(snap), export.to_xlsx_bytes(snap), "tasks")
