"""How much of the machine a build may take, so that readers of the dashboard on the same machine
keep their speed while a new version is built: DuckDB threads and memory for the build's
connections, and a lower OS priority for the build commands (never for a reader's process).

- `BORDER_BUILD_THREADS` — DuckDB threads of a build (default: every core but one, at least one);
- `BORDER_BUILD_MEMORY` — DuckDB `memory_limit` of a build, a DuckDB size such as `4GB` (default:
  a quarter of the machine's memory; beyond it DuckDB spills to a `.tmp` folder beside the file);
- `BORDER_BUILD_NICE` — how much `python -m etl build | synthetic` lower their own priority
  (default 10; 0 leaves it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

THREADS_ENV = "BORDER_BUILD_THREADS"
MEMORY_ENV = "BORDER_BUILD_MEMORY"
NICE_ENV = "BORDER_BUILD_NICE"
DEFAULT_NICE = 10
DEFAULT_MEMORY_SHARE = 0.25


def _whole_number(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise ValueError(f"{name}={raw!r}: expected at least {minimum}")
    return value


def build_threads(env: Mapping[str, str] = os.environ, cores: int | None = None) -> int:
    """DuckDB threads for a build: `BORDER_BUILD_THREADS`, else every core but one (at least one),
    leaving a core to the dashboard's script runs."""
    cores = cores or os.cpu_count() or 1
    return _whole_number(env, THREADS_ENV, max(1, cores - 1), 1)


def machine_memory_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def build_memory_limit(env: Mapping[str, str] = os.environ, total_bytes: int | None = None) -> str:
    """DuckDB `memory_limit` for a build: `BORDER_BUILD_MEMORY` as given, else a quarter of the
    machine's memory in whole MB (DuckDB's own default, 80 %, would leave readers little)."""
    given = env.get(MEMORY_ENV, "").strip()
    if given:
        return given
    total = total_bytes or machine_memory_bytes()
    return f"{max(256, int(total * DEFAULT_MEMORY_SHARE / 2**20))}MB"


def build_config(env: Mapping[str, str] = os.environ) -> dict[str, str | int]:
    """The DuckDB config of every connection a build opens."""
    return {"threads": build_threads(env), "memory_limit": build_memory_limit(env)}


def build_niceness(env: Mapping[str, str] = os.environ) -> int:
    """How much a build command lowers its priority: `BORDER_BUILD_NICE`, else 10."""
    return _whole_number(env, NICE_ENV, DEFAULT_NICE, 0)


def lower_priority(env: Mapping[str, str] = os.environ) -> int:
    """Lower this process's OS priority by `build_niceness`; the niceness it now has.

    Call it before DuckDB starts its threads: on Linux niceness is per thread, and only threads
    created afterwards inherit it."""
    return os.nice(build_niceness(env))
