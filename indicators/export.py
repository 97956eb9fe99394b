"""Snapshots of what a view shows, as CSV (UTF-8 with BOM, OWASP-neutralised text) or XLSX
(numbers as numbers, a sheet with the filters, the data version and every source cited)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from indicators.crosswalk import observations_sql
from indicators.filters import Filters
from indicators.formatting import XLSX_NUMBER_FORMAT
from indicators.series import PERIOD_PREFIX, border_province_codes

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

OBSERVATION_HEADERS = {
    "indicator_code": ("Mã chỉ tiêu", "Indicator code"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "geo_code": ("Mã địa bàn", "Place code"),
    "place": ("Địa bàn", "Place"),
    "year": ("Năm", "Year"),
    "value": ("Giá trị", "Value"),
    "unit": ("Đơn vị", "Unit"),
    "status": ("Loại số liệu", "Value type"),
    "crosswalk": ("Quy đổi địa giới", "Boundary crosswalk"),
    "source_id": ("Mã nguồn", "Source id"),
    "source": ("Nguồn", "Source"),
    "clause": ("Vị trí trong nguồn", "Where in the source"),
    "note": ("Ghi chú", "Note"),
}


TARGET_HEADERS = {
    "target_id": ("Mã mục tiêu", "Target id"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "place": ("Địa bàn", "Place"),
    "comparator": ("So sánh", "Comparator"),
    "target_value": ("Mục tiêu", "Target"),
    "unit": ("Đơn vị", "Unit"),
    "target_year": ("Thời hạn", "Deadline"),
    "baseline_value": ("Mốc cơ sở", "Baseline"),
    "baseline_year": ("Năm cơ sở", "Baseline year"),
    "latest_value": ("Giá trị mới nhất", "Latest value"),
    "latest_year": ("Năm của giá trị mới nhất", "Latest year"),
    "status": ("Tình trạng", "Status"),
    "source_id": ("Mã nguồn", "Source id"),
    "clause": ("Điều khoản", "Clause"),
    "quote_vi": ("Trích dẫn", "Quoted text"),
    "agency": ("Cơ quan chủ trì", "Responsible agency"),
}

SOURCE_HEADERS = {
    "source_id": ("Mã nguồn", "Source id"),
    "kind": ("Loại", "Kind"),
    "issuer": ("Cơ quan ban hành / đơn vị", "Issuer"),
    "doc_number": ("Số hiệu", "Number"),
    "title": ("Tên văn bản / bài viết", "Title"),
    "issued_on": ("Ngày", "Date"),
    "url": ("URL", "URL"),
    "note": ("Ghi chú", "Note"),
}

TASK_HEADERS = {
    "task_id": ("Mã nhiệm vụ", "Task id"),
    "document": ("Văn bản", "Document"),
    "clause": ("Điều khoản", "Clause"),
    "task_group": ("Nhóm nhiệm vụ", "Task group"),
    "agency": ("Cơ quan chủ trì", "Responsible agency"),
    "summary": ("Nhiệm vụ", "Task"),
    "status": ("Tình trạng báo cáo", "Reported status"),
    "reported_on": ("Ngày báo cáo", "Reported on"),
    "source_id": ("Mã nguồn", "Source id"),
}


@dataclass
class Snapshot:
    data: pd.DataFrame  # the columns named in `headers`
    filters: Filters
    version: str
    sources: pd.DataFrame  # source_id, title, issuer, doc_number, issued_on, url
    headers: dict[str, tuple[str, str]] = field(default_factory=lambda: OBSERVATION_HEADERS)

    def about(self) -> list[tuple[str, str]]:
        f = self.filters
        return [
            ("Bộ lọc / Filters", ""),
            ("province", ", ".join(f.provinces) or "(tất cả tỉnh biên giới / all border provinces)"),
            ("line", f.line or "(tất cả / all)"),
            ("from", str(f.year_from or "")),
            ("to", str(f.year_to or "")),
            ("indicator", f.indicator or "(tất cả / all)"),
            ("period", f.period),
            ("Phiên bản dữ liệu / Data version", self.version),
            ("Rows", str(len(self.data))),
        ]


def neutralise(text: object) -> object:
    """OWASP CSV injection: prefix a quote to text a spreadsheet would run as a formula."""
    if isinstance(text, str) and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def snapshot(con: duckdb.DuckDBPyConnection, filters: Filters, version: str) -> Snapshot:
    """The observations the filters select: the chosen provinces (or the line's, or all border
    provinces) and the country, in the chosen period and years, with sources resolved."""
    if filters.provinces:
        geos = list(filters.provinces)
    else:
        geos = border_province_codes(con, filters.period, filters.line)
    geos = ["VN", *geos]
    lang_col = "name_vi" if filters.lang == "vi" else "name_en"
    data = con.execute(
        f"""
        WITH obs AS ({observations_sql(filters.period)})
        SELECT o.indicator_code, i.{lang_col} AS indicator, o.geo_code,
               coalesce(p.{lang_col}, CASE WHEN $lang = 'vi' THEN 'Cả nước' ELSE 'Viet Nam' END) AS place,
               o.year, o.value, i.unit, o.status, o.crosswalk, o.source_id,
               (SELECT string_agg(coalesce(s.doc_number || ' — ', '') || s.title, '; ')
                FROM sources s WHERE list_contains(string_split(o.source_id, ';'), s.source_id)) AS source,
               o.clause, o.note
        FROM obs o JOIN indicators i USING (indicator_code)
        LEFT JOIN provinces p ON p.province_code = o.geo_code
        WHERE list_contains($geos, o.geo_code)
          AND ($indicator IS NULL OR o.indicator_code = $indicator)
          AND o.year >= coalesce($from, 0) AND o.year <= coalesce($to, 9999)
          AND (o.geo_code = 'VN' OR starts_with(o.geo_code, $prefix))
        ORDER BY o.indicator_code, o.geo_code <> 'VN', o.geo_code, o.year
        """,
        {
            "geos": geos,
            "indicator": filters.indicator,
            "from": filters.year_from,
            "to": filters.year_to,
            "lang": filters.lang,
            "prefix": PERIOD_PREFIX[filters.period],
        },
    ).df()
    return Snapshot(data, filters, version, cited_sources(con, data["source_id"]))


def snapshot_files(con: duckdb.DuckDBPyConnection, filters: Filters, version: str) -> tuple[bytes, bytes]:
    """The filtered observations as (CSV, XLSX) bytes: what the pages' download buttons serve."""
    snap = snapshot(con, filters, version)
    return to_csv_bytes(snap), to_xlsx_bytes(snap)


def cited_sources(con: duckdb.DuckDBPyConnection, source_ids: pd.Series) -> pd.DataFrame:
    """The sources rows behind a column of source ids (';'-joined where a value has several)."""
    used = sorted({s for ids in source_ids.dropna() for s in str(ids).split(";")})
    return con.execute(
        "SELECT source_id, title, issuer, doc_number, issued_on, url, kind FROM sources "
        "WHERE list_contains($ids, source_id) ORDER BY source_id",
        {"ids": used},
    ).df()


def table_snapshot(
    con: duckdb.DuckDBPyConnection,
    data: pd.DataFrame,
    headers: dict[str, tuple[str, str]],
    filters: Filters,
    version: str,
) -> Snapshot:
    """A snapshot of a table a page shows (targets, tasks), with the sources its rows cite."""
    return Snapshot(data[list(headers)], filters, version, cited_sources(con, data["source_id"]), headers)


def _headers(snap: Snapshot) -> list[str]:
    i = 0 if snap.filters.lang == "vi" else 1
    return [pair[i] for pair in snap.headers.values()]


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
    """The comment lines that close a CSV snapshot: a blank line, the filters and data version,
    then one line per source cited."""
    rows: list[list[object]] = [[]]
    rows += [[neutralise(f"# {key}"), neutralise(value)] for key, value in snap.about()]
    rows += [
        [neutralise(f"# {s.source_id}"), neutralise(source_line(s))]
        for s in snap.sources.itertuples(index=False)
    ]
    return rows


def _csv_cell(value: object) -> object:
    """Plain numbers (4270, not 4270.0: Excel in a Vietnamese locale misreads the '.0'), neutralised text."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralise(value)


def source_line(s: object) -> str:
    parts = [getattr(s, "issuer", None), getattr(s, "doc_number", None), getattr(s, "title", None)]
    issued, url = getattr(s, "issued_on", None), getattr(s, "url", None)
    if issued is not None and not pd.isna(issued):
        parts.append(str(issued)[:10])
    if url:
        parts.append(url)
    return " — ".join(str(p) for p in parts if p is not None and not pd.isna(p) and str(p))


def _xlsx_value(value: object) -> object:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    return value


def to_xlsx_bytes(snap: Snapshot) -> bytes:
    """Three sheets: data (numbers as numbers), about (filters, version), sources. No formula cells:
    text that starts like a formula is stored as a string value, never interpreted."""
    book = Workbook()
    data = book.active
    data.title = "Dữ liệu" if snap.filters.lang == "vi" else "Data"
    data.append(_headers(snap))
    for cell in data[1]:
        cell.font = Font(bold=True)
    for row in snap.data[list(snap.headers)].itertuples(index=False):
        data.append([_xlsx_value(v) for v in row])
    for cells in data.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "n" and isinstance(cell.value, float):
                cell.number_format = XLSX_NUMBER_FORMAT
    data.freeze_panes = "A2"
    about = book.create_sheet("Thông tin" if snap.filters.lang == "vi" else "About")
    for key, value in snap.about():
        about.append([key, value])
    sources = book.create_sheet("Nguồn" if snap.filters.lang == "vi" else "Sources")
    sources.append(list(snap.sources.columns))
    for row in snap.sources.itertuples(index=False):
        sources.append([None if pd.isna(v) else str(v) for v in row])
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def target_rows(card: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The target scorecard (indicators.progress.target_scorecard) as export rows."""
    suffix = "vi" if lang == "vi" else "en"
    return card.assign(
        indicator=card[f"indicator_{suffix}"], place=card[f"place_{suffix}"], agency=card[f"agency_{suffix}"]
    )


def task_rows(tasks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Tasks with their reported status (indicators.catalog.tasks_with_status) as export rows."""
    suffix = "vi" if lang == "vi" else "en"
    return tasks.assign(agency=tasks[f"agency_{suffix}"], summary=tasks[f"summary_{suffix}"])
