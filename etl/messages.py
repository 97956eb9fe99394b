"""Every message `etl` prints about an input, in Vietnamese (the default) and English, in one place.

`etl` is the only writer and sits before `indicators/` in the one-way flow, so it keeps its own
catalogue instead of importing the dashboard's (`indicators/i18n.py`); the keys do not overlap.

The language is chosen once per check or build, at the entry point (`collect(..., lang=)`,
`check_files(..., lang=)`, `python -m etl check --lang en`), and held in a context variable for
the duration, so the parsers deep inside (`etl.normalise`, `etl.validate`) word their refusals in
the reader's language without every function carrying a `lang` argument. A context variable is
per thread (and per asyncio task): two web sessions checking files at once do not mix languages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from indicators.domain import DEFAULT_LANG, LANGS

_LANG: ContextVar[str] = ContextVar("etl_message_language", default=DEFAULT_LANG)

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- reading a file (etl/read.py)
    "cannot_read": ("không đọc được tệp: {reason}", "cannot be read: {reason}"),
    "empty": ("tệp rỗng", "is empty"),
    "too_large": ("lớn hơn {mb} MB", "is larger than {mb} MB"),
    "pdf": (
        "là tệp PDF, không phải CSV hay XLSX: xuất bảng ra CSV UTF-8 hoặc XLSX",
        "is a PDF, not a CSV or XLSX file: export the table as CSV UTF-8 or XLSX",
    ),
    "unsupported_type": (
        "có kiểu tệp '{suffix}' không được nhận: dùng .csv (UTF-8) hoặc .xlsx",
        "has an unsupported type '{suffix}': use .csv (UTF-8) or .xlsx",
    ),
    "binary": (
        "là tệp nhị phân, không phải văn bản CSV: xuất bảng ra CSV UTF-8 hoặc XLSX",
        "is binary, not CSV text: export the table as CSV UTF-8 or XLSX",
    ),
    "not_utf8": (
        "không phải văn bản UTF-8 (Windows-1258 hay TCVN3?): trong Excel chọn Lưu thành (Save As) › CSV UTF-8",
        "is not UTF-8 text (Windows-1258 or TCVN3?): in Excel choose Save As › CSV UTF-8",
    ),
    "bad_csv": ("không phải CSV hợp lệ: {error}", "is not valid CSV: {error}"),
    "no_header": ("không có dòng tiêu đề", "has no header row"),
    "bad_xlsx": (
        "không phải sổ tính XLSX đọc được ({kind})",
        "is not a readable XLSX workbook ({kind})",
    ),
    "sheet_empty": ("trang tính '{sheet}' trống", "sheet '{sheet}' is empty"),
    "bad_parquet": ("không phải tệp Parquet đọc được ({kind})", "is not a readable Parquet file ({kind})"),
    # ---------------------------------------------------------------- one cell (etl/normalise.py)
    "number_help": (
        "ghi số thuần: dấu chấm thập phân, không có dấu phân cách hàng nghìn, vd. 4270 hoặc 1234.5 "
        "(hoặc nhập vào ô kiểu số)",
        "write a plain number with a dot for decimals and no thousands separator, e.g. 4270 or 1234.5",
    ),
    "percent_sign": (
        "'{text}': bỏ dấu % và ghi số theo đơn vị của chỉ tiêu (5.88)",
        "'{text}': drop the % sign and write the number in the indicator's unit (5.88)",
    ),
    "ambiguous_comma": (
        "'{text}' không rõ nghĩa (dấu phẩy): {help}",
        "'{text}' is ambiguous (comma): {help}",
    ),
    "ambiguous_dotted": (
        "'{text}' không rõ nghĩa: tiếng Việt đọc dấu chấm là phân cách hàng nghìn, tiếng Anh là dấu thập phân; {help}",
        "'{text}' is ambiguous: a thousands separator in Vietnamese, a decimal point in English; {help}",
    ),
    "not_number": ("'{text}' không phải là số", "'{text}' is not a number"),
    "not_finite": ("'{text}' không phải là số hữu hạn", "'{text}' is not a finite number"),
    "not_whole": ("'{text}' không phải là số nguyên", "'{text}' is not a whole number"),
    "not_bool": (
        "'{text}' không phải đúng/sai: ghi true hoặc false (có/không)",
        "'{text}' is not true/false",
    ),
    "bad_date_dmy": ("'{text}' không phải là ngày (dd/mm/yyyy)", "'{text}' is not a date (dd/mm/yyyy)"),
    "bad_date": (
        "'{text}' không phải là ngày: ghi YYYY-MM-DD hoặc dd/mm/yyyy",
        "'{text}' is not a date: write YYYY-MM-DD or dd/mm/yyyy",
    ),
    "not_code": (
        "'{text}' không phải là mã (mã không có dấu cách)",
        "'{text}' is not a code (codes have no spaces)",
    ),
    "unknown_unit": (
        "'{text}' không phải đơn vị trong mẫu; dùng một trong: {choices}",
        "'{text}' is not a unit of the template; use one of: {choices}",
    ),
    # ---------------------------------------------------------------- contracts (etl/validate.py)
    "required_empty": ("bắt buộc nhưng đang để trống", "is required but empty"),
    "formula": (
        "'{text}' trông như công thức bảng tính; hãy ghi chữ thường",
        "'{text}' looks like a spreadsheet formula; write plain text",
    ),
    "not_one_of": ("'{value}' không thuộc danh sách: {choices}", "'{value}' is not one of: {choices}"),
    "not_pattern": ("'{value}' không phải {help}", "'{value}' is not {help}"),
    "pattern_default": ("đúng dạng quy định", "in the expected form"),
    "below_minimum": ("{value} nhỏ hơn mức tối thiểu {minimum}", "{value} is below the minimum {minimum}"),
    "above_maximum": ("{value} lớn hơn mức tối đa {maximum}", "{value} is above the maximum {maximum}"),
    "unknown_column": (
        "cột không có trong mẫu; các cột của mẫu: {expected}",
        "unknown column; expected: {expected}",
    ),
    "column_twice": ("cột xuất hiện hai lần", "column appears twice"),
    "column_missing": ("thiếu cột bắt buộc", "required column is missing"),
    "overflow": ("{n} ô có dữ liệu nằm ngoài cột cuối cùng", "{n} cell(s) beyond the last column"),
    "duplicate": ("trùng khoá ({label}); đã có ở {where}", "duplicate key ({label}); first at {where}"),
    "duplicate_revise": (
        "trùng khoá ({label}); đã có ở {where} — nếu đây là số liệu điều chỉnh (vd. số chính thức "
        "thay số sơ bộ), ghi revision = true và nêu lý do ở cột revision_reason",
        "duplicate key ({label}); first at {where} — to correct that value (e.g. an official figure "
        "replacing a preliminary one), set revision = true and give a revision_reason",
    ),
    "revision_twice": (
        "điều chỉnh hai lần cùng khoá ({label}) trong một tệp; lần đầu ở {where}",
        "revised twice in one file ({label}); first at {where}",
    ),
    "revision_reason_missing": (
        "bắt buộc khi revision = true: ghi lý do điều chỉnh (vd. số chính thức thay số sơ bộ)",
        "required when revision is true: say why the value is revised (e.g. official figure replaces preliminary)",
    ),
    "unknown_code": ("không có {column} '{value}' trong danh mục", "unknown {column} '{value}'"),
    "geo_not_in_year": (
        "'{geo}' không tồn tại năm {year} (hiệu lực {start}–{end}); dùng mã tỉnh của thời kỳ đó",
        "'{geo}' did not exist in {year} (valid {start}–{end}); use the province code of that period",
    ),
    "year_not_ended": (
        "năm {year} chưa kết thúc (hôm nay {today}): chỉ nộp số liệu của năm đã kết thúc; số ước tính "
        "trong năm không nộp qua mẫu này",
        "{year} has not ended (today is {today}): submit figures only for years that have ended; "
        "in-year estimates are not taken through this template",
    ),
    "task_report_in_future": (
        "ngày báo cáo {day} chưa tới (hôm nay {today})",
        "report date {day} is in the future (today is {today})",
    ),
    "source_after_value": (
        "giá trị ({status}) năm {year} dẫn nguồn '{source}' ban hành ngày {issued} — một nguồn không thể nêu "
        "giá trị của năm sau ngày ban hành (dự báo hay mục tiêu thuộc targets.csv; nếu không, dẫn nguồn muộn hơn "
        "có báo cáo giá trị này)",
        "{status} value for {year} cites '{source}', issued on {issued} — a source cannot state a value for a "
        "year after it was issued (a forecast or a target belongs in targets.csv; otherwise cite the later "
        "source that reports it)",
    ),
    "wrong_unit": (
        "'{declared}' nhưng {indicator} tính bằng '{unit}'",
        "'{declared}' but {indicator} is in '{unit}'",
    ),
    "below_unit": (
        "{value} nhỏ hơn {low} đối với đơn vị '{unit}'",
        "{value} is below {low} for unit '{unit}'",
    ),
    "above_unit": (
        "{value} lớn hơn {high} đối với đơn vị '{unit}'",
        "{value} is above {high} for unit '{unit}'",
    ),
    "target_rate_type": (
        "'{kind}' nhưng '{comparator}' là tốc độ: ghi rate",
        "'{kind}' but '{comparator}' is a rate: write rate",
    ),
    "target_not_rate": (
        "'{comparator}' không phải tốc độ ({choices})",
        "'{comparator}' is not a rate ({choices})",
    ),
    "target_range_top": (
        "mục tiêu 'between' cần mức trên của khoảng",
        "a 'between' target needs the top of its range",
    ),
    "target_top_unused": (
        "chỉ khoảng hoặc tốc độ mới có mức trên, không phải '{comparator}'",
        "only a range or a rate has a top, not '{comparator}'",
    ),
    "target_top_below": ("{high} nhỏ hơn target_value", "{high} is below target_value"),
    "target_rate_period": (
        "mục tiêu tốc độ cần thời kỳ: baseline_year và target_year",
        "a rate target needs its period: baseline_year and target_year",
    ),
    # ---------------------------------------------------------------- files (etl/build.py)
    "reference_missing": ("thiếu bảng tham chiếu trong {folder}", "reference table missing from {folder}"),
    "unknown_layout": (
        "không đúng mẫu; dùng mẫu nộp số liệu với các cột: {expected}",
        "unknown layout; use the submission template: {expected}",
    ),
    "too_many_problems": (
        "tổng cộng {total} lỗi; liệt kê {listed} lỗi đầu",
        "{total} problems in all; the first {listed} are listed",
    ),
    # ---------------------------------------------------------------- command line (etl/__main__.py)
    "problems_total": ("{n} lỗi; chưa nạp gì.", "{n} problem(s); nothing was loaded."),
    "check_ok": (
        "Hợp lệ: {files} tệp; trong các tệp đã kiểm tra có {observations} dòng số liệu "
        "({revisions} dòng điều chỉnh), {tasks} dòng báo cáo nhiệm vụ, {sources} nguồn, {trade} dòng hải quan.",
        "OK: {files} file(s) valid; the files checked hold {observations} figure rows "
        "({revisions} revisions), {tasks} task-status rows, {sources} sources and {trade} trade-flow rows.",
    ),
    "built": ("Đã dựng {version} → {db}", "Built {version} → {db}"),
    "rows": ("dòng", "rows"),
    "files_accepted": ("{n} tệp được nhận", "{n} file(s) accepted"),
    "revisions_kept": (
        "{n} giá trị cũ lưu trong lịch sử điều chỉnh (observation_revisions)",
        "{n} earlier value(s) kept in the revision history (observation_revisions)",
    ),
    "parquet_written": ("Ảnh chụp Parquet trong {folder}", "Parquet snapshot in {folder}"),
}

# Human words of a column's `pattern_help` (etl/contracts.py holds the English).
PATTERN_HELP_VI = {
    "a two-letter ISO 3166-1 country code such as CN, LA or KH": (
        "mã nước ISO 3166-1 hai chữ cái in hoa, vd. CN, LA hoặc KH"
    ),
}

# The units as the template and the dashboard show them in each language (the same words as
# indicators/formatting.py's UNIT_LABELS; a test keeps the two alike). Both are accepted in a file.
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "million USD": ("triệu USD", "million USD"),
    "bn VND": ("tỷ đồng", "bn VND"),
    "million VND": ("triệu đồng", "million VND"),
    "%": ("%", "%"),
    "% yoy": ("% so với năm trước", "% on previous year"),
    "count": ("số lượng", "count"),
    "km": ("km", "km"),
    "ha": ("ha", "ha"),
}
# Other spellings seen in departments' files, lower-case.
_UNIT_SPELLINGS = {
    "triệu usd": "million USD",
    "triệu đô la mỹ": "million USD",
    "tr usd": "million USD",
    "tr. usd": "million USD",
    "million usd": "million USD",
    "usd million": "million USD",
    "tỷ đồng": "bn VND",
    "tỉ đồng": "bn VND",
    "tỷ vnd": "bn VND",
    "tỉ vnd": "bn VND",
    "bn vnd": "bn VND",
    "billion vnd": "bn VND",
    "triệu đồng": "million VND",
    "tr đồng": "million VND",
    "triệu vnd": "million VND",
    "million vnd": "million VND",
    "phần trăm": "%",
    "percent": "%",
    "%": "%",
    "% yoy": "% yoy",
    "% so với năm trước": "% yoy",
    "% so với cùng kỳ": "% yoy",
    "%/năm": "% yoy",
    "% on previous year": "% yoy",
    "% year on year": "% yoy",
    "số lượng": "count",
    "count": "count",
    "cái": "count",
    "km": "km",
    "ha": "ha",
    "hecta": "ha",
    "héc ta": "ha",
}


def canonical_unit(text: str) -> str | None:
    """The warehouse's unit code for a unit as written in either language ('triệu USD' →
    'million USD'), or None when it is none of them. Case and spaces do not matter."""
    key = " ".join(text.lower().split())
    if key in _UNIT_SPELLINGS:
        return _UNIT_SPELLINGS[key]
    for code, (vi, en) in UNIT_WORDS.items():
        if key in (code.lower(), vi.lower(), en.lower()):
            return code
    return None


def unit_word(code: str, lang: str | None = None) -> str:
    """A unit code in the reader's words ('million USD' → 'triệu USD')."""
    pair = UNIT_WORDS.get(code)
    if pair is None:
        return code
    return pair[0] if (lang or current()) == "vi" else pair[1]


def current() -> str:
    """The language messages are worded in now."""
    return _LANG.get()


def check_lang(lang: str | None) -> str:
    """`lang` if it is one we speak, else the default (Vietnamese)."""
    return lang if lang in LANGS else DEFAULT_LANG


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Word every message in `lang` until the block ends (None keeps the current language)."""
    if lang is None:
        yield current()
        return
    token = _LANG.set(check_lang(lang))
    try:
        yield _LANG.get()
    finally:
        _LANG.reset(token)


def text(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message `key` in `lang` (default: the current language), its {placeholders} filled."""
    vi, en = MESSAGES[key]
    template = vi if (lang or current()) == "vi" else en
    return template.format(**params) if params else template


def number(value: float) -> str:
    """A number inside a message, as the file should hold it (plain notation: 4270, 5.88)."""
    return f"{value:g}"


def day(value: dt.date, lang: str | None = None) -> str:
    """A date inside a message: dd/mm/yyyy in Vietnamese, ISO in English."""
    return value.strftime("%d/%m/%Y") if (lang or current()) == "vi" else value.isoformat()


def pattern_help(english: str) -> str:
    if not english:
        return text("pattern_default")
    return PATTERN_HELP_VI.get(english, english) if current() == "vi" else english
