"""`python -m bench [--sizes N …] [--huge]`: build a synthetic warehouse per size, run every
measurement in its own process (`bench.worker`), print the table and keep the results in
`bench/results/`. `--huge` (`make bench BENCH_HUGE=1`) adds the 100 M-row point."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.measure import available_memory_gb, free_disk_gb
from bench.report import machine, markdown

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SIZES = (100_000, 1_000_000, 10_000_000)
HUGE = 100_000_000
# Readers through a rebuild are measured from this size up, rebuilding as many rows as are served.
REBUILD_FROM = 10_000_000
# A version file is ≈ 3 MB per million rows; the rebuilds keep up to 5 versions beside the served
# one, and DuckDB may spill beside them.
DISK_MB_PER_MILLION = 3 * 6
DISK_SPARE_GB = 2
# The common way holds the whole table in pandas twice over (the cache's pickle and each run's
# copy): about 1.2 GB per million rows here. It is skipped when the machine has less to spare.
PANDAS_GB_PER_MILLION = 1.6


def worker(*args: str) -> dict:
    """Run one `bench.worker` task in a fresh process; its JSON result, or {"error": …}."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.worker", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or not done.stdout.strip():
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        print(f"  ! bench.worker {' '.join(args)} failed:\n{tail}", file=sys.stderr)
        return {"error": tail}
    return json.loads(done.stdout.strip().splitlines()[-1])


def pandas_skipped(rows: int, skip_asked: bool) -> str | None:
    """Why the pandas way is not run at this size, or None when it is."""
    if skip_asked:
        return "left out (--skip-pandas)"
    needed, available = PANDAS_GB_PER_MILLION * rows / 1e6, available_memory_gb()
    if available < needed + 2:
        return (
            f"cannot run: it needs ≈ {needed:,.0f} GB ({PANDAS_GB_PER_MILLION} GB per million rows: the "
            f"DataFrame, st.cache_data's pickle and each run's copy), the machine has {available:.0f} GB free"
        )
    return None


def measure(rows: int, folder: Path, args: argparse.Namespace, notes: list[str]) -> dict:
    db = folder / f"synthetic-{rows}" / "warehouse.duckdb"
    print(f"- {rows:,} rows: build", flush=True)
    result: dict = {"build": worker("build", "--rows", str(rows), "--db", str(db))}
    for engine in ("rollup", "fact-scan", "pandas"):
        if engine == "pandas" and (skipped := pandas_skipped(rows, args.skip_pandas)):
            result["pandas_skipped"] = skipped
            notes.append(f"{rows:,} rows: the pandas way {skipped}.")
            continue
        print(f"- {rows:,} rows: Gates queries, {engine}", flush=True)
        result[engine] = worker("engine", engine, "--db", str(db))
    lines = [result.get(e, {}).get("turnover_by_line") for e in ("rollup", "fact-scan", "pandas")]
    result["same_answers"] = all(line == lines[0] for line in lines if line is not None)
    print(f"- {rows:,} rows: page scripts (AppTest)", flush=True)
    result["pages"] = worker("pages", "--db", str(db), "--runs", str(args.runs))
    if rows >= REBUILD_FROM and not args.skip_rebuild:
        print(f"- {rows:,} rows: page scripts while {rows:,} rows are rebuilt", flush=True)
        result["rebuild"] = worker(
            "rebuild", "--db", str(db), "--rows", str(rows), "--rounds", str(args.runs)
        )
    if not args.skip_browser:
        print(f"- {rows:,} rows: headless Chromium", flush=True)
        result["browser"] = worker("browser", "--db", str(db), "--visits", str(args.visits))
    shutil.rmtree(db.parent, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="N")
    p.add_argument("--runs", type=int, default=20, help="warm script runs per page")
    p.add_argument("--visits", type=int, default=5, help="warm browser visits per page")
    p.add_argument("--skip-browser", action="store_true")
    p.add_argument("--skip-pandas", action="store_true", help="leave out the common (pandas) way")
    p.add_argument("--skip-rebuild", action="store_true", help="leave out readers during a rebuild")
    p.add_argument("--huge", action="store_true", help=f"add the {HUGE:,}-row point (≈ 10 more minutes)")
    args = p.parse_args(argv)
    sizes = sorted({*args.sizes, *([HUGE] if args.huge else [])})
    about = machine()
    started = dt.datetime.now(dt.UTC)
    notes: list[str] = []
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        for rows in sizes:
            needed = DISK_MB_PER_MILLION * rows / 1e6 / 1024 + DISK_SPARE_GB
            if free_disk_gb(Path(folder)) < needed:
                notes.append(
                    f"{rows:,} rows: not measured, needs ≈ {needed:.0f} GB of free disk in {folder}."
                )
                continue
            results[rows] = measure(rows, Path(folder), args, notes)
    about["date"] = f"{started:%Y-%m-%d %H:%M} UTC, {(dt.datetime.now(dt.UTC) - started).seconds // 60} min"
    about["load at the end"] = machine()["load"]
    text = markdown(results, about, notes)
    print("\n" + text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"bench-{started:%Y%m%dT%H%M%S}"
    stem.with_suffix(".md").write_text(text, encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps({"machine": about, "results": results}, indent=2))
    print(f"Results in {stem}.md and .json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
