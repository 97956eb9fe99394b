"""Given pre-merger values, expect the 34-province view: sums for additive units, population
weights for per-person values, household counts for household rates, the 63↔34 counterparts,
and the members' own values where no honest aggregate exists."""

from __future__ import annotations

import duckdb
import pytest

from indicators.crosswalk import counterparts, member_values
from indicators.scope import PlaceScope
from indicators.series import indicator_series
from tests.given import with_observation_marts

NEW_QUANG_TRI = PlaceScope(places=("VN34-44",), period="new")
PAIRS = [("VN63-44", "VN34-44"), ("VN63-45", "VN34-44"), ("VN63-20", "VN34-20")]


@pytest.fixture
def merged() -> duckdb.DuckDBPyConnection:
    """Given: Quảng Bình and Quảng Trị merged into Quảng Trị (34), with rates, counts, population."""
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE provinces AS SELECT * FROM (VALUES
            ('VN63-44', 'Quảng Bình', 'Quang Binh'), ('VN63-45', 'Quảng Trị', 'Quang Tri'),
            ('VN34-44', 'Quảng Trị', 'Quang Tri')) t(province_code, name_vi, name_en);
        CREATE TABLE province_successions AS SELECT * FROM (VALUES
            ('VN63-44', 'VN34-44'), ('VN63-45', 'VN34-44')) t(old_code, new_code);
        CREATE TABLE indicators AS SELECT * FROM (VALUES
            ('grdp_per_capita', 'million VND'), ('population_avg', 'count'),
            ('poor_household_rate_2022_2025', '%'), ('poor_households_count_2022_2025', 'count'),
            ('grdp_growth', '% yoy')) t(indicator_code, unit);
        CREATE TABLE observations AS SELECT * FROM (VALUES
            ('grdp_per_capita', 'VN63-44', 2022, 60.0, 'p'), ('grdp_per_capita', 'VN63-45', 2022, 50.0, 'p'),
            ('population_avg', 'VN63-44', 2022, 300.0, 'g'), ('population_avg', 'VN63-45', 2022, 100.0, 'g'),
            ('poor_household_rate_2022_2025', 'VN63-44', 2023, 5.0, 'a'),
            ('poor_household_rate_2022_2025', 'VN63-45', 2023, 10.0, 'b'),
            ('poor_households_count_2022_2025', 'VN63-44', 2023, 10.0, 'a'),
            ('poor_households_count_2022_2025', 'VN63-45', 2023, 30.0, 'b'),
            ('grdp_growth', 'VN63-44', 2023, 7.0, 'p'), ('grdp_growth', 'VN63-45', 2022, 6.0, 'p'))
            t(indicator_code, geo_code, year, value, source_id);
        ALTER TABLE observations ADD COLUMN comparator VARCHAR DEFAULT '=';
        ALTER TABLE observations ADD COLUMN status VARCHAR DEFAULT 'reported';
        ALTER TABLE observations ADD COLUMN clause VARCHAR;
        ALTER TABLE observations ADD COLUMN note VARCHAR;
    """)
    return with_observation_marts(con)


def test_per_person_values_are_weighted_by_population(merged: duckdb.DuckDBPyConnection) -> None:
    row = indicator_series(merged, "grdp_per_capita", NEW_QUANG_TRI).iloc[0]
    assert row["value"] == pytest.approx((60 * 300 + 50 * 100) / 400)  # = total GRDP ÷ population
    assert (row["crosswalk"], row["status"], row["source_id"]) == ("weighted", "derived", "g;p")


def test_household_rates_come_from_the_members_counts(merged: duckdb.DuckDBPyConnection) -> None:
    """200 households at 5% and 300 at 10%: 40 poor of 500 is 8%, not the plain mean 7.5%."""
    row = indicator_series(merged, "poor_household_rate_2022_2025", NEW_QUANG_TRI).iloc[0]
    assert row["value"] == pytest.approx(8.0) and row["crosswalk"] == "from_counts"


def test_growth_of_a_merged_province_is_not_combined_but_its_members_are_shown(
    merged: duckdb.DuckDBPyConnection,
) -> None:
    assert indicator_series(merged, "grdp_growth", NEW_QUANG_TRI).empty
    members = member_values(merged, "grdp_growth", NEW_QUANG_TRI)
    assert members[["member_code", "year", "value"]].values.tolist() == [
        ["VN63-44", 2023, 7.0],
        ["VN63-45", 2022, 6.0],
    ]


def test_no_weight_no_aggregate(merged: duckdb.DuckDBPyConnection) -> None:
    merged.execute(
        "DELETE FROM observations WHERE indicator_code = 'population_avg' AND geo_code = 'VN63-45'"
    )
    assert indicator_series(with_observation_marts(merged), "grdp_per_capita", NEW_QUANG_TRI).empty


@pytest.mark.parametrize(
    ("codes", "to_period", "expected"),
    [
        (["VN63-20", "VN63-44"], "new", ["VN34-20", "VN34-44"]),
        (["VN63-44", "VN63-45"], "new", ["VN34-44"]),  # two members, one successor
        (["VN34-44"], "old", ["VN63-44", "VN63-45"]),
        (["VN"], "new", ["VN"]),
    ],
)
def test_counterparts_across_the_merger(codes: list[str], to_period: str, expected: list[str]) -> None:
    assert counterparts(PAIRS, codes, to_period) == expected
