"""The benchmark's results as text: the machine it ran on, a summary table against the targets
(one column per size), the per-page detail of the largest size and of the readers through a
rebuild, in Markdown."""

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


def _pandas(result: Result, show: Callable[[Result], str]) -> str:
    """A pandas-way cell: its figure, or "not run" where the size was beyond it."""
    return "not run" if "pandas_skipped" in result else show(result)


def _rebuild(result: Result, way: str) -> str:
    whole = _get(result, "rebuild", way, "round")
    if not whole:
        return "—"
    return (
        f"× {whole['ratio']:.2f} ({_s(whole['idle_p95_s'])} → {_s(whole['rebuild_p95_s'])}; "
        f"median × {whole['median_ratio']:.2f}; {_get(result, 'rebuild', way, 'rebuilds')} rebuilds)"
    )


def _first_visit(result: Result) -> str:
    """Where the slowest first visit went, in seconds since navigation."""
    pages = _get(result, "browser", "pages")
    visits = _get(result, "browser", "first_visits")
    if not pages or not visits:
        return "—"
    name = max(pages, key=lambda n: pages[n]["cold_s"])
    v = visits.get(name, {})
    fetched = v.get("plotly_js_fetch")
    plotly = (
        f"plotly.js {(v.get('plotly_js_bytes') or 0) / 2**20:.1f} MB fetched in {_s(fetched)}"
        if fetched is not None
        else "no plotly.js fetched"
    )
    return (
        f"{name}: connected {_s(v.get('connected'))}, script done {_s(v.get('script_done'))}, "
        f"chart drawn {_s(v.get('chart_drawn'))}; {plotly}; longest main-thread task "
        f"{_s(v.get('longest_task'))}"
    )


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
    (
        "synthetic build",
        "≥ 1 M rows/s (≥ 2 M at 100 M)",
        lambda r: f"{_get(r, 'build', 'rows_per_s') or 0:,.0f} rows/s",
    ),
    (
        "peak build memory (RSS of the build process)",
        "≤ 8 GB at 100 M",
        lambda r: _mb(_get(r, "build", "peak_rss_mb")),
    ),
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
        "page scripts during a rebuild ÷ idle: p95 of a run of every page (build giving way)",
        "≤ 1.5×",
        lambda r: _rebuild(r, "giving_way"),
    ),
    (
        "… the same, build not giving way (nice 0, every core)",
        "",
        lambda r: _rebuild(r, "not_giving_way"),
    ),
    (
        "browser settle, warm p95 (worst page)",
        "≤ 1.5 s",
        lambda r: _worst(_get(r, "browser", "pages"), "warm_p95_s", _s),
    ),
    (
        "browser settle, first visit (worst page)",
        "≤ 1.5 s",
        lambda r: _worst(_get(r, "browser", "pages"), "cold_s", _s),
    ),
    ("… where that first visit went", "", _first_visit),
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
        lambda r: " / ".join(
            [
                *(_ms(_get(r, e, "cold_s")) for e in ("rollup", "fact-scan")),
                _pandas(r, lambda r: _ms(_get(r, "pandas", "cold_s"))),
            ]
        ),
    ),
    (
        "… pandas ÷ rollup",
        "",
        lambda r: _pandas(r, lambda r: _ratio(_get(r, "pandas", "cold_s"), _get(r, "rollup", "cold_s"))),
    ),
    (
        "Gates queries per filter change (median)",
        "",
        lambda r: " / ".join(
            [
                *(_ms(_get(r, e, "filter_change_median_s")) for e in ("rollup", "fact-scan")),
                _pandas(r, lambda r: _ms(_get(r, "pandas", "filter_change_median_s"))),
            ]
        ),
    ),
    (
        "… pandas ÷ rollup",
        "",
        lambda r: _pandas(
            r,
            lambda r: _ratio(
                _get(r, "pandas", "filter_change_median_s"), _get(r, "rollup", "filter_change_median_s")
            ),
        ),
    ),
    (
        "peak memory of the querying process: rollup / pandas",
        "",
        lambda r: (
            f"{_mb(_get(r, 'rollup', 'peak_rss_mb'))} / "
            + _pandas(r, lambda r: _mb(_get(r, "pandas", "peak_rss_mb")))
        ),
    ),
    (
        "… pandas ÷ rollup",
        "",
        lambda r: _pandas(
            r, lambda r: _ratio(_get(r, "pandas", "peak_rss_mb"), _get(r, "rollup", "peak_rss_mb"))
        ),
    ),
    (
        "CSV of the same rows, pandas `to_csv`",
        "",
        lambda r: _pandas(r, lambda r: _s(_get(r, "pandas", "csv_s"))),
    ),
    (
        "same answers (turnover by line) in all three",
        "",
        lambda r: {True: "yes", False: "NO"}.get(_get(r, "same_answers"), "—"),
    ),
]


def summary_table(results: dict[int, Result]) -> str:
    sizes = sorted(results)
    lines = [
        "| measure | target (at 10 M unless said) | " + " | ".join(_size(n) for n in sizes) + " |",
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


def rebuild_table(result: Result) -> str:
    """Per page: warm p95 idle, during rebuilds giving way and not, and the ratios."""
    polite = _get(result, "rebuild", "giving_way", "pages") or {}
    greedy = _get(result, "rebuild", "not_giving_way", "pages") or {}
    lines = [
        "| page | idle p95 | rebuild giving way: p95, ratio | idle p95 | rebuild not giving way: p95, ratio |",
        "|---|---|---|---|---|",
    ]
    for name in polite:
        a, b = polite[name], greedy.get(name, {})
        lines.append(
            f"| {name} | {_ms(a['idle_p95_s'])} | {_ms(a['rebuild_p95_s'])}, × {a['ratio']:.2f} | "
            f"{_ms(b.get('idle_p95_s'))} | {_ms(b.get('rebuild_p95_s'))}, × {b.get('ratio', 0):.2f} |"
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
    for rows in sorted(results):
        if _get(results[rows], "rebuild", "giving_way"):
            rounds = _get(results[rows], "rebuild", "rounds")
            parts += [
                f"## Page scripts while {_size(rows)} rows are rebuilt ({rounds} warm runs per page each way)",
                rebuild_table(results[rows]),
            ]
    if notes:
        parts += ["## Notes", "\n".join(f"- {n}" for n in notes)]
    return "\n\n".join(parts) + "\n"
