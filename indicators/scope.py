"""What a query looks at, as one object bound as parameters (never pasted as text): `PlaceScope`
for observations (the places, their geography, the years), `TradeScope` for customs trade (the
provinces, border line, geography, years); and the one SQL condition for a span of years."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.domain import PERIOD_PREFIX
from indicators.filters import Filters

PROVINCE_COLUMN = {"old": "province_code", "new": "new_province_code"}  # trade_monthly's, by period


def period_of(column: str) -> str:
    """SQL: the geography ('old' or 'new') a place code belongs to; the country's is 'old' (its
    values are the same in both)."""
    return f"CASE WHEN starts_with({column}, '{PERIOD_PREFIX['new']}') THEN 'new' ELSE 'old' END"


def in_years(column: str = "year") -> str:
    """SQL: `column` within the bound years `$from` and `$to` (either may be NULL: open)."""
    return f"{column} BETWEEN coalesce($from, {column}) AND coalesce($to, {column})"


@dataclass(frozen=True, kw_only=True)
class PlaceScope:
    """Observations of some places (codes of `period`'s geography; 'VN' is the country) in a span
    of years; the geography decides how values of the other one are carried over (crosswalk)."""

    places: tuple[str, ...]
    period: str = "old"
    year_from: int | None = None
    year_to: int | None = None

    @classmethod
    def of(cls, filters: Filters, places: tuple[str, ...] | list[str]) -> PlaceScope:
        return cls(
            places=tuple(places), period=filters.period, year_from=filters.year_from, year_to=filters.year_to
        )

    def params(self) -> dict[str, object]:
        return {
            "places": list(self.places),
            "period": self.period,
            "from": self.year_from,
            "to": self.year_to,
        }


@dataclass(frozen=True, kw_only=True)
class TradeScope:
    """Which trade a view looks at: provinces (codes of the period; empty = all), border line,
    period and years. Its SQL names a column chosen from `PROVINCE_COLUMN`, never user text."""

    provinces: tuple[str, ...] = ()
    line: str | None = None
    period: str = "old"
    year_from: int | None = None
    year_to: int | None = None

    @classmethod
    def of(cls, filters: Filters) -> TradeScope:
        return cls(
            provinces=tuple(filters.provinces),
            line=filters.line,
            period=filters.period,
            year_from=filters.year_from,
            year_to=filters.year_to,
        )

    @property
    def province_column(self) -> str:
        return PROVINCE_COLUMN[self.period]

    def where(self) -> str:
        """The WHERE clause of every rollup query (`t` = trade_monthly)."""
        return f"""
            ($line IS NULL OR t.border_line = $line)
            AND (len($provinces) = 0 OR list_contains($provinces, t.{self.province_column}))
            AND {in_years("t.year")}
        """

    def params(self) -> dict[str, object]:
        return {
            "provinces": list(self.provinces),
            "line": self.line,
            "from": self.year_from,
            "to": self.year_to,
        }
