"""`python -m bench.worker TASK …`: one measurement in a fresh process, printed as one JSON line.

Tasks: `build` (a synthetic warehouse, and the build process's peak memory), `engine` (one way
of answering the Gates page: cold start, filter changes, the CSV snapshot, peak memory), `pages`
(every page's script through AppTest), `rebuild` (the same scripts idle and while the warehouse
is rebuilt in a parallel process) and `browser` (headless Chromium on every page, and the app
process's peak memory).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.measure import median, own_peak_rss_mb, timed


def build(args: argparse.Namespace) -> dict:
    from etl.build import build as build_warehouse

    result, seconds = timed(lambda: build_warehouse(args.db, synthetic_rows=args.rows))
    return {
        "rows": result.counts["trade_flows"],
        "rollup_rows": result.counts["trade_monthly"],
        "seconds": seconds,
        "rows_per_s": result.counts["trade_flows"] / seconds,
        "file_mb": result.version.stat().st_size / 2**20,
        "peak_rss_mb": own_peak_rss_mb(),
    }


def engine(args: argparse.Namespace) -> dict:
    from bench.engines import ENGINES, SCOPES, csv_scope

    scope_for_csv, csv_rows = csv_scope(args.db)
    opened, open_s = timed(lambda: ENGINES[args.name](args.db))
    first, first_s = timed(lambda: opened.answers(SCOPES["all"]))
    changes = {name: timed(lambda s=scope: opened.answers(s))[1] for name, scope in list(SCOPES.items())[1:]}
    data, csv_s = timed(lambda: opened.csv(scope_for_csv))
    return {
        "cold_s": open_s + first_s,
        "filter_change_median_s": median(list(changes.values())),
        "filter_change_max_s": max(changes.values()),
        "csv_s": csv_s,
        "csv_scope": repr(scope_for_csv),
        "csv_rows": csv_rows,
        "csv_mb": len(data) / 2**20,
        "peak_rss_mb": own_peak_rss_mb(),
        "turnover_by_line": {
            str(r.border_line): round(float(r.turnover_musd), 3) for r in first["by_line"].itertuples()
        },
    }


def pages(args: argparse.Namespace) -> dict:
    from bench.app_runs import page_timings

    return page_timings(args.db, args.runs)


def rebuild(args: argparse.Namespace) -> dict:
    from bench.app_runs import pages_through_rebuilds

    return pages_through_rebuilds(args.db, args.rows, args.rounds)


def browser(args: argparse.Namespace) -> dict:
    from bench.browser import browser_timings

    return browser_timings(args.db, args.visits)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.worker")
    sub = p.add_subparsers(dest="task", required=True)
    b = sub.add_parser("build")
    b.add_argument("--rows", type=int, required=True)
    b.set_defaults(run=build)
    e = sub.add_parser("engine")
    e.add_argument("name", choices=("rollup", "fact-scan", "pandas"))
    e.set_defaults(run=engine)
    a = sub.add_parser("pages")
    a.add_argument("--runs", type=int, default=20)
    a.set_defaults(run=pages)
    r = sub.add_parser("rebuild")
    r.add_argument("--rows", type=int, required=True, help="rows of each rebuild")
    r.add_argument("--rounds", type=int, default=20, help="warm runs of every page, idle and during")
    r.set_defaults(run=rebuild)
    w = sub.add_parser("browser")
    w.add_argument("--visits", type=int, default=5)
    w.set_defaults(run=browser)
    for cmd in (b, e, a, r, w):
        cmd.add_argument("--db", type=Path, required=True)
    args = p.parse_args(argv)
    print(json.dumps(args.run(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
