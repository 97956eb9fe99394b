"""Write the XLSX submission template departments fill in: Vietnamese headers, instructions in
Vietnamese beside English (both from the message catalogue), drop-down lists of the valid
indicator, province and source codes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from etl.contracts import SUBMISSION, UNITS
from etl.messages import text, unit_word
from indicators.domain import COUNTRY, MAX_YEAR, MIN_YEAR
from l10n import LANGS, N_

# The data sheet's header: each column's message, shown in Vietnamese beside the column's code.
HEADER_IDS = {
    "indicator_code": N_("col_indicator_code"),
    "geo_code": N_("col_geo_code"),
    "year": N_("year"),
    "value": N_("value"),
    "unit": N_("unit"),
    "source_id": N_("col_source_id"),
    "note": N_("note"),
    "revision": N_("col_revision"),
    "revision_reason": N_("revision_reason"),
}

# The guide sheet: a title in Vietnamese, then each line in Vietnamese beside its English.
TITLE_ID = N_("template_title")
INSTRUCTION_IDS = (
    N_("template_how"),
    N_("template_step_1"),
    N_("template_step_2"),
    N_("template_step_3"),
    N_("template_step_4"),
    N_("template_step_5"),
    N_("template_step_5a"),
    N_("template_step_5b"),
    N_("template_step_6"),
    N_("template_step_7"),
)

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
    guide.append([text(TITLE_ID, "vi"), ""])
    guide.append(["", ""])
    for message_id in INSTRUCTION_IDS:
        guide.append([text(message_id, "vi"), text(message_id, "en")])
    guide["A1"].font = Font(bold=True, size=14)
    guide["A3"].font = guide["B3"].font = Font(bold=True)
    guide.column_dimensions["A"].width = guide.column_dimensions["B"].width = 90
    for row in guide.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    data = book.create_sheet("Dữ liệu", 1)
    data.append([f"{text(HEADER_IDS[c], 'vi')} ({c})" for c in SUBMISSION.column_names])
    for cell in data[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    data.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (30, 16, 8, 14, 14, 22, 40, 12, 40), strict=True):
        data.column_dimensions[letter].width = width
    for row in range(2, max_rows + 2):
        data.cell(row, 4).number_format = "#,##0.##"

    indicators = frames["indicators"][["indicator_code", "name_vi", "name_en", "unit"]]
    places = frames["provinces"][["province_code", "name_vi", "name_en", "valid_from", "valid_to"]]
    country = pd.DataFrame(
        [{"province_code": COUNTRY, "name_vi": text("country", "vi"), "name_en": text("country", "en")}]
    )
    places = pd.concat([country, places], ignore_index=True).rename(columns={"province_code": "geo_code"})
    sources = frames["sources"][["source_id", "title", "issuer", "doc_number", "issued_on"]]
    n_ind = _list_sheet(book, "Chỉ tiêu", indicators)
    n_geo = _list_sheet(book, "Địa bàn", places)
    n_src = _list_sheet(book, "Nguồn", sources)
    # the units as the dashboard shows them, Vietnamese first then English: either is accepted
    unit_words = list(dict.fromkeys(unit_word(u, lang) for lang in LANGS for u in UNITS))
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
