"""The bench's arithmetic for readers through a rebuild (bench/rebuild.py)."""

from __future__ import annotations

import pytest

from bench.rebuild import round_totals, slowdown, whole_rounds


def test_round_totals_add_each_round_across_pages() -> None:
    assert round_totals({"a": [1.0, 2.0], "b": [0.5, 0.25]}) == [1.5, 2.25]


def test_slowdown_per_page() -> None:
    idle = {"a": [0.1] * 19 + [0.2], "b": [0.1] * 20}
    during = {"a": [0.1] * 18 + [0.3, 0.4], "b": []}
    result = slowdown(idle, during)
    assert set(result) == {"a"}  # a page with no run during a rebuild has no ratio
    assert result["a"]["idle_p95_s"] == 0.1  # nearest rank: the 19th of 20
    assert result["a"]["ratio"] == pytest.approx(3.0)


def test_whole_rounds() -> None:
    idle = {"a": [1.0] * 20, "b": [1.0] * 20}
    during = {"a": [1.5] * 20, "b": [1.5] * 20}
    assert whole_rounds(idle, during)["ratio"] == pytest.approx(1.5)
    assert whole_rounds(idle, during)["median_ratio"] == pytest.approx(1.5)
