"""`python -m indicators export …`: the same snapshot the dashboard's download gives."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indicators.db import connect, resolved_warehouse, warehouse_meta, warehouse_path
from indicators.export import snapshot, to_csv_bytes, to_xlsx_bytes
from indicators.filters import LANGS, LINES, PERIODS, Filters


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m indicators")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="write a CSV or XLSX snapshot")
    e.add_argument("--db", type=Path, default=None)
    e.add_argument("--province", action="append", default=[], metavar="CODE")
    e.add_argument("--line", choices=LINES)
    e.add_argument("--from", dest="year_from", type=int)
    e.add_argument("--to", dest="year_to", type=int)
    e.add_argument("--indicator")
    e.add_argument("--period", choices=PERIODS, default="old")
    e.add_argument("--lang", choices=LANGS, default="vi")
    e.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    if args.out.suffix.lower() not in (".csv", ".xlsx"):
        p.error("--out must end in .csv or .xlsx")
    path = args.db or warehouse_path()
    con = connect(path)
    known = {r[0] for r in con.execute("SELECT province_code FROM provinces").fetchall()}
    unknown = [c for c in args.province if c not in known]
    if unknown:
        p.error(f"unknown province code(s): {', '.join(unknown)}")
    filters = Filters(
        tuple(args.province), args.line, args.year_from, args.year_to, args.indicator, args.lang, args.period
    )
    snap = snapshot(con, filters, warehouse_meta(con)["version"])
    data = to_csv_bytes(snap) if args.out.suffix.lower() == ".csv" else to_xlsx_bytes(snap)
    args.out.write_bytes(data)
    print(f"Wrote {len(snap.data)} rows from {resolved_warehouse(path).name} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
