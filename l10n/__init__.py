"""The one translation catalogue: every message the product shows or writes, looked up by its
symbolic id in the gettext catalogue `locale/<lang>/LC_MESSAGES/messages.mo` (compiled from the
.po files by `make setup`), and dates in the reader's locale through Babel.

Both `etl` (its refusals, the submission template) and `indicators`/`pages` (the dashboard, the
exports, the report) read it, so it sits beside them rather than inside either. A message id missing
from the catalogue raises `MissingMessage` when `STRICT_ENV` is set (the tests set it); otherwise
it is logged once and the id is shown, so a stale .mo never takes a page down.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.support import Translations

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LOCALES = {"vi": "vi_VN", "en": "en_US"}
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
STRICT_ENV = "BEM_STRICT_MESSAGES"
# A language is named in its own words whatever the reader's language (a switch, not a translation).
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
# CLDR date patterns: 02/03/2022 in Vietnamese, 2 Mar 2022 in English.
DAY_PATTERNS = {"vi": "dd/MM/y", "en": "d MMM y"}


def N_(message_id: str) -> str:  # noqa: N802 — gettext's name for "mark for extraction, translate later"
    """`message_id` itself: marks an id the code composes or looks up later, so extraction finds it."""
    return message_id


# Unit codes of the warehouse → the message naming them; a unit without one is written as its code
# (%, km, ha read alike in both languages).
UNIT_IDS = {
    "million USD": N_("unit_million_usd"),
    "bn VND": N_("unit_bn_vnd"),
    "million VND": N_("unit_million_vnd"),
    "% yoy": N_("unit_pct_yoy"),
    "count": N_("count_unit"),
}

_log = logging.getLogger(__name__)


class MissingMessage(KeyError):
    """A message id the catalogue of a language does not hold (or holds with an empty text)."""


@cache
def catalogue(lang: str) -> Translations:
    """The compiled catalogue of `lang`, loaded once per process."""
    if lang not in LANGS:
        raise ValueError(f"no catalogue for language {lang!r}; known: {', '.join(LANGS)}")
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise FileNotFoundError(f"{mo} is missing: run `make setup` (it compiles locale/*.po)")
    return Translations.load(str(LOCALE_DIR), [lang], DOMAIN)


@cache
def _reported(message_id: str, lang: str) -> None:
    _log.warning("message %r has no %s text in %s", message_id, lang, LOCALE_DIR)


def message(message_id: str, lang: str) -> str:
    """The text of `message_id` in `lang`. Ids are symbolic (`page_overview`), never their own
    text, so gettext answering with the id means the catalogue has no text for it."""
    text = catalogue(lang).gettext(message_id)
    if text != message_id:
        return text
    if os.environ.get(STRICT_ENV):
        raise MissingMessage(
            f"{message_id!r} has no {lang} text in locale/{lang}/LC_MESSAGES/{DOMAIN}.po "
            "(added there? then `make setup` compiles it)"
        )
    _reported(message_id, lang)
    return message_id


def has_message(message_id: str, lang: str) -> bool:
    """Whether the catalogue of `lang` has a text for `message_id` (a code may have none)."""
    return bool(message_id) and catalogue(lang).gettext(message_id) != message_id


def unit_word(unit: str, lang: str) -> str:
    """A unit code in the reader's words ('million USD' → 'triệu USD'), else the code itself."""
    message_id = UNIT_IDS.get(unit)
    return message(message_id, lang) if message_id else unit


def format_day(day: dt.date, lang: str) -> str:
    """A date in the reader's locale: 02/03/2022 in Vietnamese, 2 Mar 2022 in English."""
    return format_date(day, format=DAY_PATTERNS[lang], locale=LOCALES[lang])
