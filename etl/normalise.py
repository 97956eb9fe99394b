"""Turn one raw cell (text from CSV, or a typed value from an Excel cell) into a canonical value.

Each parser returns the clean value or raises `ValueError` with a message a data steward can act
on; `etl.validate` turns those into `FILE:ROW: column: message` problems.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from etl.contracts import UNITS
from etl.messages import canonical_unit, unit_word
from etl.messages import text as msg

# Spaces Excel and Word like to leave behind.
_ODD_SPACES = re.compile(r"[\u00a0\u2007\u202f\u200b\ufeff\t]")
# Control characters (other than newline) have no place in a cell and break XLSX exports.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# 4.270 or 1.234.567: a dot every three digits reads as a Vietnamese thousands separator.
DOTTED_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")
_VI_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
FORMULA_PREFIXES = ("=", "+", "-", "@")


def clean_text(value: object) -> str:
    """NFC, odd spaces made plain, trimmed; None and NaN become ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    return _CONTROL.sub("", _ODD_SPACES.sub(" ", text)).strip()


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet would run as a formula (OWASP CSV injection), numbers aside."""
    if not text or text[0] not in FORMULA_PREFIXES or _PLAIN_NUMBER.match(text):
        return False
    return not (text[0] in "+-" and text[1:2] in ("", " "))  # "- a bullet" is prose


def parse_number(value: object, strict: bool = True) -> float:
    """A number from a numeric cell, or from text in plain notation (4270, 5.88).

    `strict` (every submission) refuses text such as 4.270 that Vietnamese and English read
    differently; the curated reference tables, written in plain notation, are read with it off.
    """
    if isinstance(value, bool):
        raise ValueError(msg("not_number", text=value))
    if isinstance(value, (int, float)):  # a numeric Excel cell: unambiguous
        number = float(value)
    else:
        shown = clean_text(value)
        text = shown.replace(" ", "")
        if text.endswith("%"):
            raise ValueError(msg("percent_sign", text=text))
        if "," in text:
            raise ValueError(msg("ambiguous_comma", text=text, help=msg("number_help")))
        if strict and DOTTED_THOUSANDS.match(text):
            raise ValueError(msg("ambiguous_dotted", text=text, help=msg("number_help")))
        if not _PLAIN_NUMBER.match(text):
            raise ValueError(msg("not_number", text=shown))
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(msg("not_finite", text=value))
    return number


def parse_int(value: object) -> int:
    number = parse_number(value)
    if not number.is_integer():
        raise ValueError(msg("not_whole", text=clean_text(value)))
    return int(number)


_TRUE = {"true", "yes", "1", "có", "đúng", "x"}
_FALSE = {"false", "no", "0", "không", "sai"}


def parse_bool(value: object) -> bool:
    text = clean_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(msg("not_bool", text=text))


def parse_unit(value: object) -> str:
    """A unit as the template shows it in either language ('triệu USD' or 'million USD') → its
    code in the warehouse ('million USD')."""
    text = clean_text(value)
    code = canonical_unit(text)
    if code is None:
        choices = ", ".join(f"'{unit_word(unit)}'" for unit in UNITS)
        raise ValueError(msg("unknown_unit", text=text, choices=choices))
    return code


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(value)
    if match := _VI_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(msg("bad_date_dmy", text=text)) from None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(msg("bad_date", text=text)) from None
