"""Snapshots of what a view shows, as CSV (UTF-8 with BOM, OWASP-neutralised text) or XLSX
(numbers as numbers, a sheet with the filters, the data version and every source cited)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from indicators.crosswalk import observations_sql
from indicators.filters import Filters
from indicators.formatting import XLSX_NUMBER_FORMAT
from indicators.series import PERIOD_PREFIX, border_province_codes

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

HEADERS = {
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


@dataclass
class Snapshot:
    data: pd.DataFrame  # columns = HEADERS keys
    filters: Filters
    version: str
    sources: pd.DataFrame  # source_id, title, issuer, doc_number, issued_on, url

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
    used = sorted({s for ids in data["source_id"] for s in str(ids).split(";")})
    sources = con.execute(
        "SELECT source_id, title, issuer, doc_number, issued_on, url, kind FROM sources "
        "WHERE list_contains($ids, source_id) ORDER BY source_id",
        {"ids": used},
    ).df()
    return Snapshot(data, filters, version, sources)


def _headers(lang: str) -> list[str]:
    i = 0 if lang == "vi" else 1
    return [HEADERS[c][i] for c in HEADERS]


def to_csv_bytes(snap: Snapshot) -> bytes:
    """UTF-8 with BOM (Excel shows Vietnamese), text cells neutralised, numbers left as numbers.
    The filters, data version and sources follow the data as comment lines (`# …`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers(snap.filters.lang))
    for row in snap.data[list(HEADERS)].itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else neutralise(v) for v in row])
    writer.writerow([])
    for key, value in snap.about():
        writer.writerow([neutralise(f"# {key}"), neutralise(value)])
    for s in snap.sources.itertuples(index=False):
        writer.writerow([neutralise(f"# {s.source_id}"), neutralise(_source_line(s))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _source_line(s: object) -> str:
    parts = [getattr(s, "issuer", None), getattr(s, "doc_number", None), getattr(s, "title", None)]
    issued, url = getattr(s, "issued_on", None), getattr(s, "url", None)
    if issued is not None and not pd.isna(issued):
        parts.append(str(issued)[:10])
    if url:
        parts.append(url)
    return " — ".join(str(p) for p in parts if p is not None and not pd.isna(p) and str(p))


def to_xlsx_bytes(snap: Snapshot) -> bytes:
    """Three sheets: data (numbers as numbers), about (filters, version), sources. No formula cells:
    text that starts like a formula is stored as a string value, never interpreted."""
    book = Workbook()
    data = book.active
    data.title = "Dữ liệu" if snap.filters.lang == "vi" else "Data"
    data.append(_headers(snap.filters.lang))
    for cell in data[1]:
        cell.font = Font(bold=True)
    value_col = list(HEADERS).index("value") + 1
    for row in snap.data[list(HEADERS)].itertuples(index=False):
        data.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
    for cells in data.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # text like "=1+1" must stay text
                cell.data_type = "s"
        cells[value_col - 1].number_format = XLSX_NUMBER_FORMAT
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
