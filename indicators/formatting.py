"""Numbers, percentages and dates in the reader's language (Babel): 4.270 / 5,88% and 02/03/2022 in
Vietnamese, 4,270 / 5.88% and 2 Mar 2022 in English — the same rules for metrics, tables, charts and
XLSX formats; unit and rate words from the message catalogue."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

from babel.numbers import format_decimal

import l10n
from indicators.i18n import t
from l10n import LOCALES, N_

# plotly `separators`: decimal mark then thousands separator.
PLOTLY_SEPARATORS = {"vi": ",.", "en": ".,"}
# XLSX cells keep a language-neutral format; Excel shows it with the reader's own separators.
XLSX_NUMBER_FORMAT = "#,##0.###"


def decimals_for(value: float) -> int:
    """Enough decimals to show what the source stated, at most three."""
    for places in range(4):
        if math.isclose(value, round(value, places), abs_tol=1e-9):
            return places
    return 3


def format_number(value: float | None, lang: str, places: int | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    places = decimals_for(value) if places is None else places
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def format_value(value: float | None, unit: str, lang: str) -> str:
    """A value with its unit as a reader expects it: '5,88%', '4.270 triệu USD'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    number = format_number(value, lang)
    if unit == "%":
        return f"{number}%"
    if unit == "% yoy":
        sign = "+" if value > 0 else ""
        return f"{sign}{number}%"
    return f"{number} {unit_label(unit, lang)}".strip()


def format_change(change: float, unit: str, lang: str) -> str:
    """A signed difference with its unit: '+2.440 triệu USD', '−1,2 điểm %' (a change of a rate is
    in percentage points, never in %)."""
    sign = "+" if change > 0 else "-" if change < 0 else "±"  # ASCII: st.metric reads the direction from it
    number = format_number(abs(change), lang)
    label = t("points", lang) if unit in ("%", "% yoy") else unit_label(unit, lang)
    return f"{sign}{number} {label}".strip()


COMPARATOR_SYMBOLS = {">=": "≥", "<=": "≤", "=": "=", "~": "≈", ">": ">", "<": "<"}
RATE_WORDS = {"reduce_by_per_year": N_("rate_reduce_by"), "increase_by_per_year": N_("rate_increase_by")}


def target_text(comparator: str, value: float, unit: str, lang: str, high: float | None = None) -> str:
    """A target as its document states it: '≥ 100%', '7–7,5%', 'giảm 1–1,5 điểm % mỗi năm',
    'tăng 10% mỗi năm' (a rate of a level is in %, of a rate in percentage points)."""
    has_high = high is not None and not (isinstance(high, float) and math.isnan(high))
    if comparator in RATE_WORDS:
        label = t("points", lang) if comparator == "reduce_by_per_year" and unit in ("%", "% yoy") else "%"
        if comparator == "reduce_by_per_year" and unit not in ("%", "% yoy"):
            label = unit_label(unit, lang)
        amount = format_number(value, lang) + (f"–{format_number(high, lang)}" if has_high else "")
        return f"{t(RATE_WORDS[comparator], lang)} {amount} {label} {t('per_year', lang)}".replace("  ", " ")
    if comparator == "between" and has_high:  # a growth range reads '7–7,5%', without the sign
        return f"{format_number(value, lang)}–{format_value(high, '%' if unit == '% yoy' else unit, lang)}"
    return f"{COMPARATOR_SYMBOLS.get(comparator, comparator)} {format_value(value, unit, lang)}"


def unit_label(unit: str, lang: str) -> str:
    """A unit after a number as the reader words it ('triệu USD'); none after a count ('26')."""
    return "" if unit == "count" else l10n.unit_word(unit, lang)


def format_day(day: dt.date | None, lang: str) -> str:
    """02/03/2022 in Vietnamese, '2 Mar 2022' in English (l10n.DAY_PATTERNS); '—' for no date."""
    if day is None or (isinstance(day, float) and math.isnan(day)):
        return "—"
    return l10n.format_day(day, lang)


def fold(text: object) -> str:
    """Text for matching as a reader types it: no case, no diacritics, đ as d ("Quốc phòng" and
    "quoc phong" fold alike)."""
    if not isinstance(text, str):
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def year_runs(years: list[int]) -> str:
    """2015, 2017–2021, 2023: runs of consecutive years joined."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
