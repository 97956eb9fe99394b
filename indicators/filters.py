"""The view's filters (`province`, `line`, `from`, `to`, `indicator`, `lang`, `period`), parsed from
a query string and checked against the known codes. Unknown values are dropped and reported,
never raised; nothing from the URL reaches SQL except as a checked, bound parameter."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from indicators.domain import BORDER_LINES, MAX_YEAR, MIN_YEAR, PERIODS
from l10n import DEFAULT_LANG, LANGS


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What a view selects: provinces (of the period's geography), a border line, a year span, an
    indicator, the language and the geography (63 provinces before 1 July 2025, or 34 after)."""

    provinces: tuple[str, ...] = ()
    line: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    indicator: str | None = None
    lang: str = DEFAULT_LANG
    period: str = "old"

    def query_params(self) -> dict[str, str | list[str]]:
        """The URL form: only what differs from the defaults."""
        params: dict[str, str | list[str]] = {}
        if self.provinces:
            params["province"] = list(self.provinces)
        for key, value in (
            ("line", self.line),
            ("from", self.year_from),
            ("to", self.year_to),
            ("indicator", self.indicator),
        ):
            if value is not None:
                params[key] = str(value)
        if self.lang != DEFAULT_LANG:
            params["lang"] = self.lang
        if self.period != "old":
            params["period"] = self.period
        return params


@dataclass
class ParsedFilters:
    filters: Filters
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (parameter, value) dropped


def _values(params: Mapping[str, object], key: str) -> list[str]:
    raw = params.get(key)
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    out = []
    for item in items:
        out += [part.strip() for part in str(item).split(",") if part.strip()]
    return out


def _year(text: str) -> int | None:
    if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR:
        return int(text)
    return None


def parse_filters(
    params: Mapping[str, object],
    province_codes: Mapping[str, Collection[str]],
    indicator_codes: Collection[str],
) -> ParsedFilters:
    """Filters from query parameters; every value not in the known codes is ignored and listed.

    `province_codes` maps each period to its codes: a province must belong to the chosen period.
    """
    ignored: list[tuple[str, str]] = []

    def one(key: str, allowed: Collection[str]) -> str | None:
        values = _values(params, key)
        for value in values[1:]:
            ignored.append((key, value))
        if values and values[0] in allowed:
            return values[0]
        if values:
            ignored.append((key, values[0]))
        return None

    lang = one("lang", LANGS) or DEFAULT_LANG
    period = one("period", PERIODS) or "old"
    line = one("line", BORDER_LINES)
    indicator = one("indicator", indicator_codes)
    provinces = []
    for code in _values(params, "province"):
        if code in province_codes.get(period, ()) and code not in provinces:
            provinces.append(code)
        else:
            ignored.append(("province", code))
    years = {}
    for key in ("from", "to"):
        values = _values(params, key)
        years[key] = _year(values[0]) if values else None
        if values and years[key] is None:
            ignored.append((key, values[0]))
    year_from, year_to = years["from"], years["to"]
    if year_from and year_to and year_from > year_to:
        ignored.append(("to", str(year_to)))
        year_to = None
    filters = Filters(
        provinces=tuple(provinces),
        line=line,
        year_from=year_from,
        year_to=year_to,
        indicator=indicator,
        lang=lang,
        period=period,
    )
    return ParsedFilters(filters, ignored)
