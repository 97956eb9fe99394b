"""The build's share of the machine (etl/resources.py): defaults, overrides and refusals."""

from __future__ import annotations

import pytest

from etl.resources import build_config, build_memory_limit, build_niceness, build_threads


def test_threads_leave_one_core_to_readers() -> None:
    assert build_threads({}, cores=2) == 1
    assert build_threads({}, cores=8) == 7
    assert build_threads({}, cores=1) == 1


def test_threads_from_the_environment() -> None:
    assert build_threads({"BORDER_BUILD_THREADS": "3"}, cores=2) == 3
    with pytest.raises(ValueError, match="BORDER_BUILD_THREADS"):
        build_threads({"BORDER_BUILD_THREADS": "0"})
    with pytest.raises(ValueError, match="whole number"):
        build_threads({"BORDER_BUILD_THREADS": "two"})


def test_memory_is_a_quarter_of_the_machine_unless_given() -> None:
    assert build_memory_limit({}, total_bytes=24 * 2**30) == "6144MB"
    assert build_memory_limit({}, total_bytes=2**29) == "256MB"  # never less than 256 MB
    assert build_memory_limit({"BORDER_BUILD_MEMORY": "2GB"}) == "2GB"


def test_niceness_defaults_to_ten_and_zero_leaves_it() -> None:
    assert build_niceness({}) == 10
    assert build_niceness({"BORDER_BUILD_NICE": "0"}) == 0
    with pytest.raises(ValueError):
        build_niceness({"BORDER_BUILD_NICE": "-5"})


def test_config_is_what_duckdb_accepts() -> None:
    import duckdb

    config = build_config({"BORDER_BUILD_THREADS": "1", "BORDER_BUILD_MEMORY": "512MB"})
    with duckdb.connect(config=config) as con:
        threads, memory = con.execute(
            "SELECT current_setting('threads'), current_setting('memory_limit')"
        ).fetchall()[0]
    assert threads == 1
    assert memory == "488.2 MiB"  # DuckDB reads MB as 10^6 bytes and shows MiB
