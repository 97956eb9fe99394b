"""Small helpers every measurement shares: a wall clock, percentiles, peak memory, free memory and disk."""

from __future__ import annotations

import resource
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def timed(run: Callable[[], T]) -> tuple[T, float]:
    """`run()`'s result and its wall time in seconds."""
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def p95(samples: list[float]) -> float:
    """The 95th percentile (nearest rank): with 20 samples, the second slowest."""
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def own_peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of another live process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no VmHWM for process {pid}")


def available_memory_gb() -> float:
    """MemAvailable of the machine, in GB."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 2**20
    raise LookupError("no MemAvailable in /proc/meminfo")


def free_disk_gb(folder: Path) -> float:
    return shutil.disk_usage(folder).free / 2**30
