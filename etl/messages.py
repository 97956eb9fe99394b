"""Every message `etl` prints about an input, in the reader's language (Vietnamese by default).

The texts are in the product's one gettext catalogue (`l10n`, locale/*/LC_MESSAGES/messages.po);
`etl` reads it directly, not through the dashboard's `indicators.i18n`, since it sits before
`indicators/` in the one-way flow.

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

import l10n
from etl.contracts import UNITS
from l10n import DEFAULT_LANG, LANGS, N_

_LANG: ContextVar[str] = ContextVar("etl_message_language", default=DEFAULT_LANG)

# Human words of a column's `pattern_help` (etl/contracts.py holds the English): its message.
PATTERN_HELP_IDS = {
    "a two-letter ISO 3166-1 country code such as CN, LA or KH": N_("pattern_iso_country"),
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
    for code in UNITS:
        if key in (code.lower(), *(l10n.unit_word(code, lang).lower() for lang in LANGS)):
            return code
    return None


def unit_word(code: str, lang: str | None = None) -> str:
    """A unit code in the reader's words ('million USD' → 'triệu USD'): the dashboard's words,
    except that a count is named ('số lượng'), where the dashboard shows a bare number."""
    return l10n.unit_word(code, lang or current())


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
    template = l10n.message(key, lang or current())
    return template.format(**params) if params else template


def number(value: float) -> str:
    """A number inside a message, as the file should hold it (plain notation: 4270, 5.88)."""
    return f"{value:g}"


def day(value: dt.date, lang: str | None = None) -> str:
    """A date inside a message, in the reader's locale (02/03/2022, 2 Mar 2022)."""
    return l10n.format_day(value, lang or current())


def pattern_help(english: str) -> str:
    if not english:
        return text("pattern_default")
    message_id = PATTERN_HELP_IDS.get(english)
    return text(message_id) if message_id else english
