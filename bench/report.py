"""The benchmark's results as text: the machine it ran on, a summary table against the targets
(one column per size) and the per-page detail of the largest size, in Markdown."""

from __future__ import annotations

import os
import platform
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench.measure import available_memory_gb

Result = dict[str, Any]


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    total = next(
        line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "cpu": f"{cpu} × {os.cpu_count()}",
        "memory": f"{int(total.split()[1]) / 2**20:.1f} GB ({available_memory_gb():.1f} GB available at start)",
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": ", ".join(
            f"{p} {version(p)}" for p in ("duckdb", "streamlit", "pandas", "pyarrow", "plotly")
        ),
        "load": "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


def _size(rows: int) -> str:
    return f"{rows // 1_000_000} M" if rows >= 1_000_000 else f"{rows // 1000} k"


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.0f} ms"


def _s(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:,.2f} s"


def _mb(mb: float | None) -> str:
    return "—" if mb is None else f"{mb:,.0f} MB"


def _ratio(slow: float | None, fast: float | None) -> str:
    return "—" if slow is None or not fast else f"× {slow / fast:,.0f}"


def _worst(pages: dict[str, dict[str, float]] | None, key: str, show: Callable[[float], str]) -> str:
    if not pages:
        return "—"
    name, timing = max(pages.items(), key=lambda item: item[1][key])
    return f"{show(timing[key])} ({name})"


def _get(result: Result, *path: str) -> Any:
    for key in path:
        if not isinstance(result, dict) or key not in result:
            return None
        result = result[key]
    return result


ROWS: list[tuple[str, str, Callable[[Result], str]]] = [
    ("synthetic build", "≥ 1,000,000 rows/s", lambda r: f"{_get(r, 'build', 'rows_per_s') or 0:,.0f} rows/s"),
    (
        "… build time, file size",
        "",
        lambda r: f"{_s(_get(r, 'build', 'seconds'))}, {_mb(_get(r, 'build', 'file_mb'))}",
    ),
    ("rollup rows (trade_monthly)", "≈ 300 k max", lambda r: f"{_get(r, 'build', 'rollup_rows') or 0:,}"),
    ("page script, warm p95 (worst page)", "≤ 250 ms", lambda r: _worst(_get(r, "pages"), "warm_p95_s", _ms)),
    ("page script, cold (worst page)", "≤ 1.5 s", lambda r: _worst(_get(r, "pages"), "cold_s", _s)),
    (
        "Gates script warm p95 / cold",
        "",
        lambda r: (
            f"{_ms(_get(r, 'pages', 'gates', 'warm_p95_s'))} / {_ms(_get(r, 'pages', 'gates', 'cold_s'))}"
        ),
    ),
    (
        "browser settle, warm p95 (worst page)",
        "≤ 1.5 s",
        lambda r: _worst(_get(r, "browser", "pages"), "warm_p95_s", _s),
    ),
    (
        "browser settle, first visit (worst page)",
        "",
        lambda r: _worst(_get(r, "browser", "pages"), "cold_s", _s),
    ),
    (
        "browser, Gates filter change (median)",
        "",
        lambda r: _s(_get(r, "browser", "gates_filter_change_median_s")),
    ),
    ("app process peak RSS", "≤ 1 GB", lambda r: _mb(_get(r, "browser", "app_peak_rss_mb"))),
    (
        "CSV snapshot of ~1 M filtered rows",
        "≤ 3 s",
        lambda r: (
            f"{_s(_get(r, 'rollup', 'csv_s'))} ({_get(r, 'rollup', 'csv_rows') or 0:,} rows, "
            f"{_mb(_get(r, 'rollup', 'csv_mb'))})"
        ),
    ),
    (
        "Gates queries cold: rollup / fact scan / pandas",
        "",
        lambda r: " / ".join(_ms(_get(r, e, "cold_s")) for e in ("rollup", "fact-scan", "pandas")),
    ),
    ("… pandas ÷ rollup", "", lambda r: _ratio(_get(r, "pandas", "cold_s"), _get(r, "rollup", "cold_s"))),
    (
        "Gates queries per filter change (median)",
        "",
        lambda r: " / ".join(
            _ms(_get(r, e, "filter_change_median_s")) for e in ("rollup", "fact-scan", "pandas")
        ),
    ),
    (
        "… pandas ÷ rollup",
        "",
        lambda r: _ratio(
            _get(r, "pandas", "filter_change_median_s"), _get(r, "rollup", "filter_change_median_s")
        ),
    ),
    (
        "peak memory of the querying process: rollup / pandas",
        "",
        lambda r: f"{_mb(_get(r, 'rollup', 'peak_rss_mb'))} / {_mb(_get(r, 'pandas', 'peak_rss_mb'))}",
    ),
    (
        "… pandas ÷ rollup",
        "",
        lambda r: _ratio(_get(r, "pandas", "peak_rss_mb"), _get(r, "rollup", "peak_rss_mb")),
    ),
    ("CSV of the same rows, pandas `to_csv`", "", lambda r: _s(_get(r, "pandas", "csv_s"))),
    (
        "same answers (turnover by line) in all three",
        "",
        lambda r: {True: "yes", False: "NO"}.get(_get(r, "same_answers"), "—"),
    ),
]


def summary_table(results: dict[int, Result]) -> str:
    sizes = sorted(results)
    lines = [
        "| measure | target (at 10 M) | " + " | ".join(_size(n) for n in sizes) + " |",
        "|---|---|" + "---|" * len(sizes),
    ]
    for label, target, show in ROWS:
        lines.append(f"| {label} | {target} | " + " | ".join(show(results[n]) for n in sizes) + " |")
    return "\n".join(lines)


def pages_table(result: Result) -> str:
    pages = _get(result, "pages") or {}
    browser = _get(result, "browser", "pages") or {}
    lines = [
        "| page | script cold | script warm median | script warm p95 | browser first visit | browser warm p95 |",
        "|---|---|---|---|---|---|",
    ]
    for name in pages or browser:
        script, seen = pages.get(name, {}), browser.get(name, {})
        lines.append(
            f"| {name} | {_ms(script.get('cold_s'))} | {_ms(script.get('warm_median_s'))} | "
            f"{_ms(script.get('warm_p95_s'))} | {_s(seen.get('cold_s'))} | {_s(seen.get('warm_p95_s'))} |"
        )
    return "\n".join(lines)


def markdown(results: dict[int, Result], about: dict[str, str], notes: list[str]) -> str:
    largest = max(results)
    parts = [
        "## Machine",
        "\n".join(f"- {key}: {value}" for key, value in about.items()),
        "## Summary",
        summary_table(results),
        f"## Pages at {_size(largest)} rows",
        pages_table(results[largest]),
    ]
    if notes:
        parts += ["## Notes", "\n".join(f"- {n}" for n in notes)]
    return "\n\n".join(parts) + "\n"
