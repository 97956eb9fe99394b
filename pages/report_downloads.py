"""The annual report (DOCX) and the one-page scorecard (PDF) as downloads, for the overview and the
province page: `report_buttons(year, province, line, lang)`. The files are written by
`indicators.report` and cached on the data version, so a rebuild serves new files at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from indicators import report
from indicators.db import connect
from indicators.filters import Filters
from indicators.i18n import t
from pages import data


@st.cache_data(max_entries=32, show_spinner=False)
def _files(version: str, year: int, province: str | None, line: str | None, lang: str) -> tuple[bytes, bytes]:
    """(DOCX report, PDF scorecard) for one published version file and scope."""
    con = connect(Path(version))  # the same read-only config as the pages' connection
    try:
        return (
            report.report_docx(con, year, province=province, line=line, lang=lang),
            report.scorecard_pdf(con, year, province=province, line=line, lang=lang),
        )
    finally:
        con.close()


def report_year(f: Filters) -> int:
    """The reporting year: the year filter's end if set, else last year (the one reported on in
    November–December)."""
    return f.year_to or dt.date.today().year - 1


def report_buttons(year: int, province: str | None, line: str | None, lang: str) -> None:
    """The year's report (DOCX, Decree 30 layout) and the scorecard (PDF): written on request (a few
    seconds), then offered as two download buttons; the page itself never waits for them."""
    scope = f"{year}-{province}-{line}-{lang}"
    if not st.session_state.get(f"report-ready-{scope}"):
        if not st.button(t("report_prepare", lang).format(year=year), key=f"report-prepare-{scope}"):
            return
        st.session_state[f"report-ready-{scope}"] = True
    with st.spinner(t("report_preparing", lang)):
        docx, pdf = _files(str(data.version_path()), int(year), province, line, lang)
    files = (
        (
            "report",
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "description",
        ),
        ("scorecard", pdf, "application/pdf", "picture_as_pdf"),
    )
    for column, (kind, content, mime, icon) in zip(st.columns(2), files, strict=True):
        column.download_button(
            t(f"{kind}_download", lang).format(year=year),
            content,
            file_name=report.file_name(kind, year, province, line, lang),
            mime=mime,
            icon=f":material/{icon}:",
            key=f"{kind}-{scope}",
            help=t(f"{kind}_download_help", lang),
        )
