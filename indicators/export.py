"""Snapshots of what a view shows, as CSV (UTF-8 with BOM, OWASP-neutralised text) or XLSX
(numbers as numbers, a sheet with the filters, the data version and every source cited), in the
reader's language: headers, coded values (status, crosswalk flag, comparator, unit, kind) and
issuers translated, the machine codes kept in their own columns (`status_code` beside `status`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.audit import latest_approval
from indicators.catalog import issuer_name, source_label, source_labels
from indicators.domain import COUNTRY
from indicators.filters import Filters
from indicators.formatting import COMPARATOR_SYMBOLS, decimals_for, format_value, target_text, unit_label
from indicators.i18n import t
from indicators.scope import PlaceScope, in_years
from indicators.series import border_province_codes
from l10n import LANGUAGE_NAMES, N_, has_message

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Streamlit 1.50 has no setting or st.dataframe parameter to remove the data grid's own «Download as
# CSV» toolbar button (a `client.disableDataExport` option came in a later release), and that file
# carries no filters, data version or sources. Pages hide it with this style (st.html), so the only
# downloads are the snapshots below. The button's aria-label is Streamlit's own, in English.
TABLE_TOOLBAR_CSS = (
    '[data-testid="stElementToolbar"] button[aria-label="Download as CSV"] { display: none !important; }'
)

# Each export's columns, in order: column → the message id of its header.
OBSERVATION_HEADERS = {
    "indicator_code": N_("col_indicator_code"),
    "indicator": N_("indicator"),
    "geo_code": N_("col_geo_code"),
    "place": N_("place"),
    "year": N_("year"),
    "value": N_("value"),
    # "> 5.000 km" is a lower bound, "≈" an approximation; blank for an exact value
    "comparator": N_("col_comparator"),
    "unit": N_("unit"),
    "status": N_("value_type"),
    "status_code": N_("value_type_code"),
    "crosswalk": N_("crosswalk"),
    "crosswalk_code": N_("crosswalk_code"),
    "source_id": N_("col_source_id"),
    "source": N_("source"),
    "clause": N_("col_clause"),
    "note": N_("note"),
}


TARGET_HEADERS = {
    "target_id": N_("col_target_id"),
    "indicator": N_("indicator"),
    "place": N_("place"),
    "target": N_("target"),
    "comparator": N_("col_target_comparator"),
    "target_value": N_("col_target_value"),
    "target_value_high": N_("col_target_value_high"),
    "unit": N_("unit"),
    "target_year": N_("deadline"),
    "baseline_value": N_("baseline"),
    "baseline_year": N_("col_baseline_year"),
    "latest_value": N_("latest"),
    "latest_year": N_("col_latest_year"),
    "status": N_("status"),
    "status_code": N_("status_code"),
    "reason": N_("status_reason"),
    "source_id": N_("col_source_id"),
    "clause": N_("clause"),
    "quote_vi": N_("col_quote_vi"),
    "agency": N_("agency"),
}

SOURCE_HEADERS = {
    "source_id": N_("col_source_id"),
    "kind": N_("col_kind"),
    "kind_code": N_("kind_code"),
    "issuer": N_("col_issuer"),
    "doc_number": N_("col_doc_number"),
    "title": N_("col_title"),
    "issued_on": N_("col_issued_on"),
    "url": N_("col_url"),
    "note": N_("note"),
}

TASK_HEADERS = {
    "task_id": N_("col_task_id"),
    "document": N_("document"),
    "clause": N_("clause"),
    "task_group": N_("filter_group"),
    "group_name": N_("task_group_name"),
    "agency": N_("agency"),
    "agency_successor": N_("agency_successor_col"),
    "summary": N_("task"),
    "status": N_("task_status"),
    "status_code": N_("status_code"),
    "reported_on": N_("reported_on"),
    "source_id": N_("col_source_id"),
}


# The coded values each export column may carry, and how a reader's language names them. A code
# column (`status_code` …) keeps the code wherever the headers ask for one.
STATUS_KEYS = {
    # observations (value type)
    "reported": "reported",
    "derived": "derived",
    "estimate": "estimate",
    # targets
    "achieved": "achieved",
    "on_track": "on_track",
    "needs_acceleration": "needs_acceleration",
    "off_track": "off_track",
    "no_data": "no_data",
    # tasks
    "no_report": "ts_no_report",
    "not_started": "ts_not_started",
    "in_progress": "ts_in_progress",
    "done": "ts_done",
    "overdue": "ts_overdue",
}
# Whole-number columns that are not quantities: no thousands separator (2021, not 2,021).
PLAIN_INTEGER_COLUMNS = {"year", "target_year", "baseline_year", "latest_year", "task_group"}
MAX_COLUMN_WIDTH = 60


def _label(key: str, code: object, lang: str) -> object:
    """The i18n label of `key`, or the code itself when the catalogue has none."""
    if not isinstance(code, str) or not code:
        return code
    return t(key, lang) if has_message(key, lang) else code


def status_label(code: object, lang: str) -> object:
    return _label(STATUS_KEYS.get(code, ""), code, lang) if isinstance(code, str) else code


def crosswalk_label(code: object, lang: str) -> object:
    return _label(f"cw_{code}", code, lang)


def kind_label(code: object, lang: str) -> object:
    return _label(f"kind_{code}", code, lang)


def unit_text(unit: object, lang: str) -> object:
    """'tỷ đồng', 'triệu USD'; a count says so rather than leaving the cell empty."""
    if not isinstance(unit, str):
        return unit
    return unit_label(unit, lang) or t("count_unit", lang)


def comparator_text(code: object) -> object:
    return COMPARATOR_SYMBOLS.get(code, code) if isinstance(code, str) else code


@dataclass
class Snapshot:
    data: pd.DataFrame  # the columns named in `headers`, coded values already in the reader's language
    filters: Filters
    version: str
    sources: pd.DataFrame  # source_id, title, issuer, doc_number, issued_on, url, kind
    headers: dict[str, str] = field(default_factory=lambda: OBSERVATION_HEADERS)  # column → message id
    # (parameter, code, label, meaning) of the filters, beyond the shared ones, that made the view
    extra_filters: list[tuple[str, str, str, str]] = field(default_factory=list)
    # readable names of the filter codes (province and indicator names), where known
    names: dict[str, str] = field(default_factory=dict)
    # the newest approved web submission in this version (indicators/audit.py), '' when none
    approval: str = ""

    @property
    def lang(self) -> str:
        return self.filters.lang

    def filter_rows(self) -> list[tuple[str, str, str, str]]:
        """(parameter, code, label, meaning) for each filter: the URL parameter and its value stay
        codes, so a machine (and the browser tests) can read them; label and meaning are in the
        reader's language."""
        f, lang = self.filters, self.lang

        def name(code: str) -> str:
            return self.names.get(code, code)

        rows = [
            (
                "province",
                ",".join(f.provinces),
                t("provinces", lang),
                ", ".join(name(c) for c in f.provinces) or t("provinces_placeholder", lang),
            ),
            ("line", f.line or "", t("line", lang), t(f.line, lang) if f.line else t("line_all", lang)),
            (
                "from",
                str(f.year_from or ""),
                t("export_years_from", lang),
                str(f.year_from or t("export_all_years", lang)),
            ),
            (
                "to",
                str(f.year_to or ""),
                t("export_years_to", lang),
                str(f.year_to or t("export_all_years", lang)),
            ),
            (
                "indicator",
                f.indicator or "",
                t("indicator", lang),
                name(f.indicator) if f.indicator else t("all", lang),
            ),
            ("period", f.period, t("period", lang), t(f"period_{f.period}", lang)),
            ("lang", f.lang, t("language", lang), LANGUAGE_NAMES.get(f.lang, f.lang)),
        ]
        return rows + list(self.extra_filters)

    def about(self) -> list[tuple[str, str]]:
        """(key, value) lines: the filters by URL parameter, the data version, the row count."""
        lang = self.lang
        return [
            *[(key, code) for key, code, _, _ in self.filter_rows()],
            (t("data_version", lang), self.version),
            (t("export_rows", lang), str(len(self.data))),
        ]


def neutralise(text: object) -> object:
    """OWASP CSV injection: prefix a quote to text a spreadsheet would run as a formula."""
    if isinstance(text, str) and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def filter_names(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, str]:
    """The names, in the filters' language, of the provinces and indicator they choose."""
    col = "name_vi" if filters.lang == "vi" else "name_en"
    names: dict[str, str] = {}
    if filters.provinces:
        rows = con.execute(
            f"SELECT province_code, {col} FROM provinces WHERE list_contains($c, province_code)",
            {"c": list(filters.provinces)},
        ).fetchall()
        names.update({code: name for code, name in rows})
    if filters.indicator:
        rows = con.execute(
            f"SELECT {col} FROM indicators WHERE indicator_code = $i", {"i": filters.indicator}
        ).fetchall()
        if rows:
            names[filters.indicator] = rows[0][0]
    return names


def snapshot(con: duckdb.DuckDBPyConnection, filters: Filters, version: str) -> Snapshot:
    """The observations the filters select: the chosen provinces (or the line's, or all border
    provinces) and the country, in the chosen period and years, with sources resolved."""
    if filters.provinces:
        geos = list(filters.provinces)
    else:
        geos = border_province_codes(con, filters.period, filters.line)
    scope = PlaceScope.of(filters, [COUNTRY, *geos])
    lang_col = "name_vi" if filters.lang == "vi" else "name_en"
    data = con.execute(
        f"""
        SELECT o.indicator_code, i.{lang_col} AS indicator, o.geo_code, p.{lang_col} AS place,
               o.year, o.value, nullif(o.comparator, '=') AS comparator, i.unit, o.status, o.crosswalk, o.source_id, o.clause, o.note
        FROM observations_by_period o JOIN indicators i USING (indicator_code)
        JOIN places p ON p.geo_code = o.geo_code AND p.period = o.period
        WHERE o.period = $period AND list_contains($places, o.geo_code)
          AND ($indicator IS NULL OR o.indicator_code = $indicator) AND {in_years("o.year")}
        ORDER BY o.indicator_code, p.kind <> 'country', o.geo_code, o.year
        """,
        {"indicator": filters.indicator, **scope.params()},
    ).df()
    sources = cited_sources(con, data["source_id"])
    data["source"] = data["source_id"].map(
        lambda ids: source_labels(sources, ids, filters.lang, with_title=True)
    )
    return Snapshot(
        localise(data, OBSERVATION_HEADERS, filters.lang),
        filters,
        version,
        sources,
        names=filter_names(con, filters),
        approval=latest_approval(con),
    )


def snapshot_files(con: duckdb.DuckDBPyConnection, filters: Filters, version: str) -> tuple[bytes, bytes]:
    """The filtered observations as (CSV, XLSX) bytes: what the pages' download buttons serve."""
    snap = snapshot(con, filters, version)
    return to_csv_bytes(snap), to_xlsx_bytes(snap)


def cited_sources(con: duckdb.DuckDBPyConnection, source_ids: pd.Series) -> pd.DataFrame:
    """The sources rows behind a column of source ids (';'-joined where a value has several)."""
    used = sorted({s for ids in source_ids.dropna() for s in str(ids).split(";")})
    return con.execute(
        "SELECT * FROM sources WHERE list_contains($ids, source_id) ORDER BY source_id",
        {"ids": used},
    ).df()


def table_snapshot(
    con: duckdb.DuckDBPyConnection,
    data: pd.DataFrame,
    headers: dict[str, str],
    filters: Filters,
    version: str,
    extra_filters: list[tuple[str, str, str, str]] | None = None,
) -> Snapshot:
    """A snapshot of a table a page shows (targets, tasks, sources), with the sources its rows cite,
    its coded values in the reader's language and, in `extra_filters`, the page's own filters as
    (parameter, code, label, meaning)."""
    frame = localise(data, headers, filters.lang)
    return Snapshot(
        frame[list(headers)],
        filters,
        version,
        cited_sources(con, data["source_id"]),
        headers,
        list(extra_filters or []),
        filter_names(con, filters),
        latest_approval(con),
    )


def localise(data: pd.DataFrame, headers: dict[str, str], lang: str) -> pd.DataFrame:
    """The coded columns in the reader's language; where the headers ask for `<column>_code`, the
    code moves there first (once: a column already localised keeps its code column)."""
    frame = data.copy()
    translators: dict[str, Callable[[object], object]] = {
        "status": lambda v: status_label(v, lang),
        "crosswalk": lambda v: crosswalk_label(v, lang),
        "kind": lambda v: kind_label(v, lang),
        "unit": lambda v: unit_text(v, lang),
        "comparator": comparator_text,
        "issuer": lambda v: issuer_name(v, lang),
    }
    for column, translate in translators.items():
        if column not in frame or column not in headers:
            continue
        code = f"{column}_code"
        if code in headers and code not in frame:
            frame[code] = frame[column]
        frame[column] = frame[column].map(translate)
    if "issuer" in frame and "issuer_en" in data and lang != "vi":
        frame["issuer"] = [
            issuer_name(vi, lang, en) for vi, en in zip(data["issuer"], data["issuer_en"], strict=True)
        ]
    for column in headers:
        if column not in frame:
            frame[column] = None
    return frame


def _headers(snap: Snapshot) -> list[str]:
    return [t(message_id, snap.lang) for message_id in snap.headers.values()]


def to_csv_bytes(snap: Snapshot) -> bytes:
    """UTF-8 with BOM (Excel shows Vietnamese), text cells neutralised, numbers left as numbers.
    The filters, data version and sources follow the data as comment lines (`# …`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers(snap))
    for row in snap.data[list(snap.headers)].itertuples(index=False):
        writer.writerow([_csv_cell(v) for v in row])
    writer.writerows(provenance_rows(snap))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def provenance_rows(snap: Snapshot) -> list[list[object]]:
    """The comment lines that close a CSV snapshot: a blank line; the filters, one per URL parameter
    (`# province,VN63-20,Tỉnh,Lạng Sơn`); the data version and row count; one line per source."""
    lang = snap.lang
    rows: list[list[object]] = [[], [f"# {t('export_filters', lang)}"]]
    rows += [[f"# {key}", code, label, meaning] for key, code, label, meaning in snap.filter_rows()]
    rows += [[f"# {t('data_version', lang)}", snap.version], [f"# {t('export_rows', lang)}", len(snap.data)]]
    if snap.approval:
        rows += [[f"# {t('export_approval', lang)}", snap.approval]]
    rows += [[f"# {t('sources', lang)}"]]
    rows += [[f"# {s['source_id']}", source_line(s, lang)] for s in snap.sources.to_dict("records")]
    return [[neutralise(cell) for cell in row] for row in rows]


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, tuple, str)) and bool(pd.isna(value)))


def _csv_cell(value: object) -> object:
    """Plain numbers (4270, not 4270.0: Excel in a Vietnamese locale misreads the '.0'), neutralised text."""
    if _missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    return neutralise(value)


def source_line(s: object, lang: str = "vi") -> str:
    """A cited source on one line: issuer (in the reader's language), number, title, date, URL."""
    get = s.get if isinstance(s, dict) else lambda k: getattr(s, k, None)
    parts = [issuer_name(get("issuer"), lang, get("issuer_en")), get("doc_number"), get("title")]
    issued, url = get("issued_on"), get("url")
    if not _missing(issued):
        parts.append(str(issued)[:10])
    if isinstance(url, str) and url:
        parts.append(url)
    return " — ".join(str(p) for p in parts if not _missing(p) and str(p))


def _xlsx_value(value: object) -> object:
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def number_format(column: str, value: float) -> str:
    """An Excel display format for one number: no thousands separator for years and group numbers,
    no decimals for whole numbers (5, not «5.»), else the decimals the value has (at most three).
    Format codes are written with «,» for thousands and «.» for decimals; Excel shows them with the
    reader's own separators (4.270 and 5,88 in Vietnamese, 4,270 and 5.88 in English)."""
    if column in PLAIN_INTEGER_COLUMNS and float(value).is_integer():
        return "0"
    if float(value).is_integer():
        return "#,##0"
    return "#,##0." + "0" * max(1, decimals_for(float(value)))


DATE_FORMATS = {"vi": "dd/mm/yyyy", "en": "d mmm yyyy"}


def _text_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:,.3f}".rstrip("0").rstrip("."))
    if isinstance(value, (dt.date, dt.datetime)):
        return 11
    return max((len(line) for line in str(value).splitlines()), default=0)


def _finish_sheet(sheet: Worksheet, lang: str, keys: list[str] | None = None) -> None:
    """Header row bold and frozen, columns as wide as their content (long text wraps), number and
    date formats per cell, no formula cells."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    headers = [c.value for c in sheet[1]]
    widths = [max(8, min(_text_width(h) + 2, 30)) for h in headers]
    for cells in sheet.iter_rows(min_row=2):
        for i, cell in enumerate(cells):
            if cell.data_type == "f":
                cell.data_type = "s"
            value = cell.value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.number_format = number_format(keys[i] if keys and i < len(keys) else "", value)
            elif isinstance(value, (dt.date, dt.datetime)):
                cell.number_format = DATE_FORMATS.get(lang, "yyyy-mm-dd")
            width = _text_width(value) + 2
            if width > MAX_COLUMN_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if i < len(widths):
                widths[i] = max(widths[i], min(width, MAX_COLUMN_WIDTH))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def to_xlsx_bytes(snap: Snapshot) -> bytes:
    """Three sheets: data (numbers as numbers, display formats without trailing separators), about
    (the filters, data version, row count) and sources, each with a bold, frozen header row and
    sized columns. No formula cells: text that starts like a formula is stored as a string value."""
    lang = snap.lang
    book = Workbook()
    data = book.active
    data.title = t("sheet_data", lang)
    data.append(_headers(snap))
    for row in snap.data[list(snap.headers)].itertuples(index=False):
        data.append([_xlsx_value(v) for v in row])
    _finish_sheet(data, lang, list(snap.headers))

    about = book.create_sheet(t("sheet_about", lang))
    about.append(
        [t("export_param", lang), t("export_code", lang), t("export_label", lang), t("export_meaning", lang)]
    )
    for key, code, label, meaning in snap.filter_rows():
        about.append([key, code, label, meaning])
    about.append([t("data_version", lang), snap.version])
    if snap.approval:
        about.append([t("export_approval", lang), snap.approval])
    about.append([t("export_rows", lang), len(snap.data)])
    _finish_sheet(about, lang)

    sources = book.create_sheet(t("sources", lang))
    columns = ["source_id", "label", "issuer", "doc_number", "title", "issued_on", "url", "kind", "kind_code"]
    header_keys = {
        "label": N_("source_label"),
        "issuer": N_("col_issuer"),
        "doc_number": N_("col_doc_number"),
        "title": N_("col_title"),
        "issued_on": N_("col_issued_on"),
        "kind": N_("col_kind"),
        "kind_code": N_("kind_code"),
    }
    # the id column keeps its machine name: the data sheet's source ids refer to it
    sources.append([c if c in ("source_id", "url") else t(header_keys[c], lang) for c in columns])
    for s in snap.sources.to_dict("records"):
        sources.append(
            [
                s.get("source_id"),
                source_label(s, lang),  # the row itself: no lookup by id per row
                issuer_name(s.get("issuer"), lang, s.get("issuer_en")),
                _xlsx_value(s.get("doc_number")),
                _xlsx_value(s.get("title")),
                _xlsx_value(s.get("issued_on")),
                _xlsx_value(s.get("url")),
                kind_label(s.get("kind"), lang),
                s.get("kind"),
            ]
        )
    _finish_sheet(sources, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _reason(reason: object, pace: object, lang: str) -> str:
    if not isinstance(reason, str) or not reason:
        return ""
    text = t(reason, lang)
    if pace is None or (isinstance(pace, float) and math.isnan(pace)):
        return text
    return text.format(pace=format_value(float(pace) * 100, "%", lang))  # type: ignore[arg-type]


def target_rows(card: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The target scorecard (indicators.progress.target_scorecard) as export rows."""
    suffix = "vi" if lang == "vi" else "en"
    reasons = (
        [_reason(r, p, lang) for r, p in zip(card["reason"], card["pace"], strict=True)]
        if {"reason", "pace"} <= set(card.columns)
        else None
    )
    return card.assign(
        target=[
            target_text(r["comparator"], r["target_value"], r["unit"], lang, r.get("target_value_high"))
            for r in card.to_dict("records")
        ],
        indicator=card[f"indicator_{suffix}"],
        place=card[f"place_{suffix}"],
        agency=card[f"agency_{suffix}"],
        reason=reasons,
    )


def group_name(group: object, lang: str, name_vi: object, name_en: object) -> str:
    """A task group by its name in `task_groups` (every group a task cites is there, with both
    names: the contracts require it); tasks outside the five groups have their own label."""
    if group is None or pd.isna(group):  # type: ignore[call-overload]
        return t("task_group_0", lang)
    return str(name_vi if lang == "vi" else name_en)


def task_rows(tasks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Tasks with their reported status (indicators.catalog.tasks_with_status) as export rows."""
    suffix = "vi" if lang == "vi" else "en"
    return tasks.assign(
        agency=tasks[f"agency_{suffix}"],
        agency_successor=tasks[f"agency_successor_{suffix}"],
        summary=tasks[f"summary_{suffix}"],
        group_name=[
            group_name(g, lang, vi, en)
            for g, vi, en in zip(tasks["task_group"], tasks["group_vi"], tasks["group_en"], strict=True)
        ],
    )
