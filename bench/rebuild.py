"""Readers while the warehouse they read is rebuilt: the same timings taken idle and while
`python -m etl synthetic` rebuilds into the same published path in a parallel process.

A round (one timing per page, say) counts as "during a rebuild" only if the rebuild was still
running and had not yet published when the round ended; rebuilds are started one after another
until enough rounds were counted. After each rebuild publishes, one uncounted round lets the
readers' caches fill for the new version (the first run on a new version is a cold run, whatever
the load), then as many idle rounds are timed as were counted during it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

from bench.measure import median, p95

ROOT = Path(__file__).resolve().parent.parent
Round = Callable[[], dict[str, float]]

# The build taking what it can: every core, at the readers' priority.
GREEDY_BUILD = {"BORDER_BUILD_NICE": "0", "BORDER_BUILD_THREADS": str(os.cpu_count() or 1)}


def rebuild_command(db: Path, rows: int) -> list[str]:
    """The rebuild the readers live through: the ETL command line, as an operator runs it."""
    return [sys.executable, "-m", "etl", "synthetic", "--rows", str(rows), "--db", str(db)]


def _add(samples: dict[str, list[float]], timings: dict[str, float]) -> None:
    for name, seconds in timings.items():
        samples[name].append(seconds)


def paired_rounds(
    db: Path, rows: int, one_round: Round, rounds: int, env: Mapping[str, str] | None = None
) -> tuple[dict[str, list[float]], dict[str, list[float]], int]:
    """`rounds` rounds timed while a rebuild of `db` with `rows` rows runs, as many idle rounds
    right after each rebuild as were counted during it (so both see the same machine, which
    others may be loading), and how many rebuilds that took. `env` is added to the rebuild's."""
    idle: dict[str, list[float]] = defaultdict(list)
    during: dict[str, list[float]] = defaultdict(list)
    counted = rebuilds = 0
    while counted < rounds:
        served = db.resolve()
        rebuild = subprocess.Popen(
            rebuild_command(db, rows),
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        rebuilds += 1
        counted_now = 0
        while rebuild.poll() is None and counted < rounds:
            timings = one_round()
            if rebuild.poll() is None and db.resolve() == served:
                _add(during, timings)
                counted_now += 1
                counted += 1
        _, errors = rebuild.communicate()
        if rebuild.returncode != 0:
            raise RuntimeError(f"rebuild failed ({rebuild.returncode}):\n{errors[-2000:]}")
        one_round()
        for _ in range(counted_now):
            _add(idle, one_round())
    return dict(idle), dict(during), rebuilds


def slowdown(idle: dict[str, list[float]], during: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Per name: p95 idle, p95 during the rebuilds, and their ratio."""
    return {
        name: {
            "idle_p95_s": p95(idle[name]),
            "rebuild_p95_s": p95(during[name]),
            "ratio": p95(during[name]) / p95(idle[name]),
        }
        for name in idle
        if during.get(name)
    }


def round_totals(samples: dict[str, list[float]]) -> list[float]:
    """The time of each whole round (every name's timing of that round added up)."""
    return [sum(timings) for timings in zip(*samples.values(), strict=True)]


def whole_rounds(idle: dict[str, list[float]], during: dict[str, list[float]]) -> dict[str, float]:
    """A reader going through every page: p95 and median of whole rounds, idle and during."""
    idle_rounds, during_rounds = round_totals(idle), round_totals(during)
    return {
        "idle_p95_s": p95(idle_rounds),
        "rebuild_p95_s": p95(during_rounds),
        "ratio": p95(during_rounds) / p95(idle_rounds),
        "median_ratio": median(during_rounds) / median(idle_rounds),
    }


def readers_through_rebuilds(db: Path, rows: int, one_round: Round, rounds: int) -> dict:
    """Idle against during rebuilds that give way (the defaults of etl/resources.py), and against
    during rebuilds that do not (`GREEDY_BUILD`), `rounds` rounds each."""
    one_round()  # every page warm before anything is timed
    result: dict = {"rebuild_rows": rows, "rounds": rounds}
    for name, env in (("giving_way", None), ("not_giving_way", GREEDY_BUILD)):
        idle, during, rebuilds = paired_rounds(db, rows, one_round, rounds, env)
        result[name] = {
            "round": whole_rounds(idle, during),
            "pages": slowdown(idle, during),
            "rebuilds": rebuilds,
        }
    return result
