"""Given rows, expect results: filters from URLs, progress status, the crosswalk, number formats."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from indicators.domain import LANGS
from indicators.filters import Filters, parse_filters
from indicators.formatting import format_day, format_number, format_value
from indicators.progress import (
    METHOD,
    assess,
    assess_annual,
    assess_rate,
    observed_rate,
    target_scorecard,
    trend_arrow,
)
from indicators.series import indicator_series, latest_comparison

CODES = {"old": {"VN63-20", "VN63-04"}, "new": {"VN34-20"}}
INDICATORS = {"trade_through_province"}


def test_filters_round_trip_through_the_url() -> None:
    f = Filters(
        provinces=("VN63-20", "VN63-04"),
        line="china",
        year_from=2015,
        year_to=2021,
        indicator="trade_through_province",
        lang="en",
        period="old",
    )
    parsed = parse_filters(f.query_params(), CODES, INDICATORS)
    assert parsed.filters == f and parsed.ignored == []


def test_defaults_leave_the_url_empty() -> None:
    assert Filters().query_params() == {}


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"province": ["20' OR 1=1 --"]}, [("province", "20' OR 1=1 --")]),
        ({"province": ["VN34-20"]}, [("province", "VN34-20")]),  # a new code in the old period
        ({"line": "mars"}, [("line", "mars")]),
        ({"from": "2021", "to": "2015"}, [("to", "2015")]),
        ({"from": "1066"}, [("from", "1066")]),
        ({"lang": "fr"}, [("lang", "fr")]),
        ({"indicator": "nope"}, [("indicator", "nope")]),
    ],
)
def test_unknown_values_are_ignored_and_listed(params: dict, ignored: list) -> None:
    parsed = parse_filters(params, CODES, INDICATORS)
    assert parsed.ignored == ignored
    assert parsed.filters.lang in ("vi", "en") and parsed.filters.period in ("old", "new")


def test_province_codes_follow_the_chosen_period() -> None:
    parsed = parse_filters({"province": "VN34-20", "period": "new"}, CODES, INDICATORS)
    assert parsed.filters.provinces == ("VN34-20",) and not parsed.ignored


@pytest.mark.parametrize(
    ("args", "status"),
    [
        ((">=", 100, 2025, 80, 2020, None, None), "no_data"),
        ((">=", 100, 2025, 80, 2020, 100, 2023), "achieved"),
        ((">=", 100, 2025, 80, 2020, 92, 2023), "on_track"),  # 60% of the way, 60% of the time
        ((">=", 100, 2025, 80, 2020, 86, 2023), "needs_acceleration"),  # 30% vs 60%: pace 0.5
        ((">=", 100, 2025, 80, 2020, 82, 2023), "off_track"),
        ((">=", 100, 2025, 80, 2020, 70, 2023), "off_track"),  # moved away
        ((">=", 100, 2025, 80, 2020, 99, 2025), "off_track"),  # deadline reached unmet
        (("<=", 5, 2025, 10, 2020, 7, 2023), "on_track"),  # lower is the goal
        ((">=", 100, None, None, None, 98, 2023), "off_track"),  # standing target not kept
        ((">=", 100, 2025, None, None, 90, 2023), "no_data"),  # one value, no baseline
        (("~", 1000, 2025, 0, 2021, 960, 2024), "achieved"),  # "about 1,000": within 5%
        (("~", 1000, 2025, 0, 2021, 900, 2024), "on_track"),  # 90% of the way, 75% of the time
    ],
)
def test_progress_status(args: tuple, status: str) -> None:
    assert assess(*args).status == status


@pytest.mark.parametrize(
    ("args", "status"),
    [
        # "7 - 7,5%" growth (higher is better): met from 7 up, exceeding the top is still met
        ((("between", 7, 2024, 5, 2020, 7.2, 2023), {"target_high": 7.5}), "achieved"),
        ((("between", 7, 2024, 5, 2020, 9.0, 2023), {"target_high": 7.5}), "achieved"),
        ((("between", 7, 2024, 5, 2020, 6.0, 2024), {"target_high": 7.5}), "off_track"),
        # a range on a lower-is-better indicator is met from its top down
        (
            (("between", 2, 2025, 9, 2020, 2.8, 2024), {"target_high": 3, "higher_is_better": False}),
            "achieved",
        ),
        (
            (((">", 10, 2025, 5, 2020, 10, 2024), {})),
            "on_track",
        ),  # 10 is not "over 10": on pace, not achieved
    ],
)
def test_level_ranges_and_strict_comparators(args: tuple, status: str) -> None:
    positional, named = args
    assert assess(*positional, **named).status == status


@pytest.mark.parametrize(
    ("args", "status"),
    [
        ((">=", 3800, 4975), "achieved"),  # Lạng Sơn 2023: declared trade 130.9% of plan
        ((">=", 2500, 2225), "off_track"),  # imports 89% of plan
        ((">=", 2500, None), "no_data"),  # the plan year not published yet
    ],
)
def test_annual_plan_targets_judge_their_own_year(args: tuple, status: str) -> None:
    assert assess_annual(*args).status == status


@pytest.mark.parametrize(
    ("points", "status", "pace"),
    [
        ([(2022, 4.03), (2023, 2.93), (2024, 1.93)], "on_track", 1.05),  # country: −1.05 points a year vs ≥ 1
        ([(2021, 5.2), (2025, 1.0)], "achieved", 1.05),  # the final year is in: achieved
        ([(2022, 4.0), (2024, 3.0)], "needs_acceleration", 0.5),  # −0.5 a year against 1: half the pace
        ([(2022, 4.0), (2025, 3.7)], "off_track", 0.1),  # period over, a tenth of the pace
        ([(2022, 4.0), (2023, 4.4)], "off_track", -0.4),  # rose: moved away
        ([(2023, 2.93)], "no_data", None),  # one value: no rate
        ([(2019, 9.0), (2020, 8.0)], "no_data", None),  # values outside the period do not count
    ],
)
def test_rate_targets_compare_the_average_yearly_change(
    points: list, status: str, pace: float | None
) -> None:
    result = assess_rate("reduce_by_per_year", 1.0, 2021, 2025, points)
    assert result.status == status
    assert (result.pace is None and pace is None) or result.pace == pytest.approx(pace)


def test_increase_by_per_year_is_compound() -> None:
    assert observed_rate("increase_by_per_year", [(2021, 100.0), (2023, 121.0)]) == pytest.approx(10.0)
    assert (
        assess_rate("increase_by_per_year", 10, 2021, 2026, [(2021, 100.0), (2023, 121.0)]).status
        == "on_track"
    )


def test_the_method_is_written_in_every_language_of_the_dashboard() -> None:
    assert set(METHOD) == set(LANGS)


def test_trend_arrow() -> None:
    assert trend_arrow(5, 4) == "↑" and trend_arrow(4, 5) == "↓" and trend_arrow(4, 4) == "→"
    assert trend_arrow(4, None) == ""


@pytest.mark.parametrize(
    ("value", "unit", "lang", "text"),
    [
        (4270, "million USD", "vi", "4.270 triệu USD"),
        (4270, "million USD", "en", "4,270 million USD"),
        (5.88, "%", "vi", "5,88%"),
        (5.88, "%", "en", "5.88%"),
        (10649.6, "bn VND", "vi", "10.649,6 tỷ đồng"),
        (52, "% yoy", "en", "+52%"),
        (-3.5, "% yoy", "vi", "-3,5%"),
        (26, "count", "vi", "26"),
        (None, "%", "vi", "—"),
    ],
)
def test_values_are_formatted_per_language(value: float | None, unit: str, lang: str, text: str) -> None:
    assert format_value(value, unit, lang) == text


def test_numbers_and_days() -> None:
    assert format_number(30000, "vi") == "30.000" and format_number(30000, "en") == "30,000"
    assert format_day(dt.date(2022, 3, 2), "vi") == "02/03/2022"


@pytest.fixture
def tiny() -> duckdb.DuckDBPyConnection:
    """Given: two old provinces merged into one new one, and one that stayed as it was."""
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE provinces AS SELECT * FROM (VALUES
            ('VN63-44', 'Quảng Bình', 'Quang Binh'), ('VN63-45', 'Quảng Trị', 'Quang Tri'),
            ('VN63-20', 'Lạng Sơn', 'Lang Son'), ('VN34-44', 'Quảng Trị', 'Quang Tri'),
            ('VN34-20', 'Lạng Sơn', 'Lang Son')) t(province_code, name_vi, name_en);
        CREATE TABLE province_successions AS SELECT * FROM (VALUES
            ('VN63-44', 'VN34-44'), ('VN63-45', 'VN34-44'), ('VN63-20', 'VN34-20')) t(old_code, new_code);
        CREATE TABLE indicators AS SELECT * FROM (VALUES
            ('trade', 'million USD', true), ('poverty', '%', false)) t(indicator_code, unit, higher_is_better);
        CREATE TABLE observations AS SELECT * FROM (VALUES
            ('trade', 'VN63-44', 2023, 100.0, '=', 'reported', 'a', NULL, NULL),
            ('trade', 'VN63-45', 2023, 50.0, '=', 'reported', 'b', NULL, NULL),
            ('trade', 'VN63-45', 2022, 40.0, '=', 'reported', 'b', NULL, NULL),
            ('poverty', 'VN63-44', 2023, 5.0, '=', 'reported', 'a', NULL, NULL),
            ('poverty', 'VN63-45', 2023, 7.0, '=', 'reported', 'a', NULL, NULL),
            ('poverty', 'VN63-20', 2023, 6.0, '=', 'reported', 'a', NULL, NULL),
            ('poverty', 'VN63-20', 2021, 8.0, '=', 'reported', 'a', NULL, NULL),
            ('poverty', 'VN', 2023, 3.0, '=', 'reported', 'a', NULL, NULL))
            t(indicator_code, geo_code, year, value, comparator, status, source_id, clause, note);
    """)
    return con


def test_new_period_sums_money_only_when_every_member_reports(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = indicator_series(tiny, "trade", ["VN34-44"], "new")
    assert rows[["year", "value", "crosswalk", "status"]].values.tolist() == [
        [2023, 150.0, "summed", "derived"]
    ]
    assert rows["source_id"].iloc[0] == "a;b"  # both sources carried


def test_new_period_never_sums_shares_of_merged_provinces(tiny: duckdb.DuckDBPyConnection) -> None:
    assert indicator_series(tiny, "poverty", ["VN34-44"], "new").empty
    mapped = indicator_series(tiny, "poverty", ["VN34-20"], "new")
    assert mapped["crosswalk"].unique().tolist() == ["mapped"] and sorted(mapped["year"]) == [2021, 2023]


def test_latest_comparison_ranks_by_direction(tiny: duckdb.DuckDBPyConnection) -> None:
    table = latest_comparison(tiny, "poverty", ["VN", "VN63-44", "VN63-45", "VN63-20"], "old")
    ranks = dict(zip(table["geo_code"], table["rank"], strict=True))
    assert (
        ranks["VN63-44"] == 1 and ranks["VN63-45"] == 3 and pd.isna(ranks["VN"])
    )  # lower poverty ranks first
    lang_son = table[table["geo_code"] == "VN63-20"].iloc[0]
    assert lang_son["change"] == -2.0 and lang_son["previous_year"] == 2021


def test_scorecard_on_the_real_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    card = target_scorecard(con)
    assert len(card) >= 3 and set(card["status"]) <= {
        "achieved",
        "on_track",
        "needs_acceleration",
        "off_track",
        "no_data",
    }
    assert card["clause"].notna().all() and card["doc_number"].notna().any()
