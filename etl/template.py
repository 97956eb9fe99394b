"""Write the XLSX submission template departments fill in: Vietnamese headers and instructions,
drop-down lists of the valid indicator, province and source codes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from etl.contracts import SUBMISSION, UNITS
from etl.messages import UNIT_WORDS
from indicators.domain import COUNTRY, MAX_YEAR, MIN_YEAR

HEADERS_VI = {
    "indicator_code": "Mã chỉ tiêu",
    "geo_code": "Mã địa bàn",
    "year": "Năm",
    "value": "Giá trị",
    "unit": "Đơn vị",
    "source_id": "Mã nguồn",
    "note": "Ghi chú",
    "revision": "Điều chỉnh",
    "revision_reason": "Lý do điều chỉnh",
}

INSTRUCTIONS = [
    ("Mẫu nộp số liệu — Theo dõi Kinh tế Biên giới (Nghị quyết 23/NQ-CP)", ""),
    ("", ""),
    ("Cách điền", "How to fill in"),
    (
        "1. Mỗi dòng ở trang «Dữ liệu» là một số liệu: một chỉ tiêu, một địa bàn, một năm.",
        "1. Each row of the «Dữ liệu» sheet is one figure: one indicator, one place, one year.",
    ),
    (
        "2. Mã chỉ tiêu, mã địa bàn và mã nguồn chọn trong danh sách (trang «Chỉ tiêu», «Địa bàn», «Nguồn»).",
        "2. Pick indicator, place and source codes from the lists (sheets «Chỉ tiêu», «Địa bàn», «Nguồn»).",
    ),
    (
        "3. Địa bàn trước 01/7/2025 dùng mã VN63-xx; từ 01/7/2025 dùng mã VN34-xx; cả nước là VN.",
        "3. Before 1 July 2025 use VN63-xx codes; from 1 July 2025 VN34-xx; the whole country is VN.",
    ),
    (
        "4. Giá trị là số thuần theo đơn vị của chỉ tiêu: nhập trong ô số; nếu gõ chữ, dùng dấu chấm "
        "thập phân và không có dấu phân cách hàng nghìn (4270, 5.88). «4.270» hoặc «1.234,5» bị từ chối vì mơ hồ.",
        "4. The value is a plain number in the indicator's unit: type it in a number cell; as text use a dot "
        "for decimals and no thousands separator (4270, 5.88). «4.270» or «1.234,5» is refused as ambiguous.",
    ),
    (
        "5. Tiền USD tính bằng triệu USD; tỷ lệ % là số từ 0 đến 100 (5,88% → 5.88). Đơn vị ghi bằng tiếng "
        "Việt hay tiếng Anh đều được (triệu USD = million USD, tỷ đồng = bn VND, triệu đồng = million VND).",
        "5. USD amounts are in million USD; a % share is a number from 0 to 100 (5.88% → 5.88). Units may be "
        "written in Vietnamese or English (triệu USD = million USD, tỷ đồng = bn VND, triệu đồng = million VND).",
    ),
    (
        "5a. Chỉ nộp số liệu của năm đã kết thúc: số liệu năm hiện tại (hay năm sau) bị từ chối; số ước "
        "tính trong năm không nộp qua mẫu này.",
        "5a. Submit figures only for years that have ended: a figure for the current year (or later) is "
        "refused; in-year estimates are not taken through this template.",
    ),
    (
        "5b. Điều chỉnh số đã nộp (vd. số chính thức thay số sơ bộ): ghi lại dòng với giá trị mới, cột "
        "«Điều chỉnh» = true và nêu «Lý do điều chỉnh». Số cũ được lưu trong lịch sử, trang Tỉnh & tuyến "
        "biên giới ghi «đã điều chỉnh». Không ghi true thì dòng trùng bị từ chối. Để trống = false.",
        "5b. To correct a figure already sent (e.g. official replacing preliminary): send the row again with the "
        "new value, «Điều chỉnh» (revision) = true and a «Lý do điều chỉnh» (revision_reason). The old value is "
        "kept as history; the Provinces page marks it revised. Without true a repeated row is refused as a "
        "duplicate. Blank = false.",
    ),
    (
        "6. Kiểm tra trước khi nộp: python -m etl check <tệp> (thêm --lang en cho tiếng Anh). Mỗi lỗi ghi rõ "
        "TỆP:DÒNG: cột: lỗi gì.",
        "6. Check before sending: python -m etl check <file>. Each error names FILE:ROW: column: what is wrong.",
    ),
    (
        "7. Không chèn công thức; không đổi tên cột; không thêm cột.",
        "7. No formulas; do not rename or add columns.",
    ),
]

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def _list_sheet(book: Workbook, title: str, frame: pd.DataFrame) -> int:
    sheet = book.create_sheet(title)
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        sheet.append([None if pd.isna(v) else v for v in row])
    for letter, width in zip("ABCDEF", (18, 40, 40, 14, 14, 14), strict=False):
        sheet.column_dimensions[letter].width = width
    return len(frame) + 1


def write_template(out: Path, frames: dict[str, pd.DataFrame], max_rows: int = 2000) -> None:
    """Write the submission template with code lists taken from the reference tables."""
    book = Workbook()
    guide = book.active
    guide.title = "Hướng dẫn"
    for vi, en in INSTRUCTIONS:
        guide.append([vi, en])
    guide["A1"].font = Font(bold=True, size=14)
    guide["A3"].font = guide["B3"].font = Font(bold=True)
    guide.column_dimensions["A"].width = guide.column_dimensions["B"].width = 90
    for row in guide.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    data = book.create_sheet("Dữ liệu", 1)
    data.append([f"{HEADERS_VI[c]} ({c})" for c in SUBMISSION.column_names])
    for cell in data[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    data.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (30, 16, 8, 14, 14, 22, 40, 12, 40), strict=True):
        data.column_dimensions[letter].width = width
    for row in range(2, max_rows + 2):
        data.cell(row, 4).number_format = "#,##0.##"

    indicators = frames["indicators"][["indicator_code", "name_vi", "name_en", "unit"]]
    places = frames["provinces"][["province_code", "name_vi", "name_en", "valid_from", "valid_to"]]
    country = pd.DataFrame([{"province_code": COUNTRY, "name_vi": "Cả nước", "name_en": "Viet Nam"}])
    places = pd.concat([country, places], ignore_index=True).rename(columns={"province_code": "geo_code"})
    sources = frames["sources"][["source_id", "title", "issuer", "doc_number", "issued_on"]]
    n_ind = _list_sheet(book, "Chỉ tiêu", indicators)
    n_geo = _list_sheet(book, "Địa bàn", places)
    n_src = _list_sheet(book, "Nguồn", sources)
    # the units as the dashboard shows them, Vietnamese first then English: either is accepted
    unit_words = list(dict.fromkeys([*(UNIT_WORDS[u][0] for u in UNITS), *(UNIT_WORDS[u][1] for u in UNITS)]))
    units = book.create_sheet("Đơn vị")
    for word in unit_words:
        units.append([word])
    units.column_dimensions["A"].width = 22

    last = max_rows + 1
    for column, formula in (
        ("A", f"='Chỉ tiêu'!$A$2:$A${n_ind}"),
        ("B", f"='Địa bàn'!$A$2:$A${n_geo}"),
        ("E", f"='Đơn vị'!$A$1:$A${len(unit_words)}"),
        ("F", f"='Nguồn'!$A$2:$A${n_src}"),
        ("H", '"true,false"'),
    ):
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
        rule.error = "Chọn mã trong danh sách / pick a code from the list"
        data.add_data_validation(rule)
        rule.add(f"{column}2:{column}{last}")
    year_rule = DataValidation(
        type="whole", operator="between", formula1=str(MIN_YEAR), formula2=str(MAX_YEAR)
    )
    data.add_data_validation(year_rule)
    year_rule.add(f"C2:C{last}")
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
