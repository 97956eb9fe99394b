"""`python -m indicators export …`: the same snapshot the dashboard's download gives;
`python -m indicators report …`: the annual implementation report (DOCX, Decree 30/2020 layout);
`python -m indicators scorecard …`: the one-page printable target scorecard (PDF)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indicators.db import connect, resolved_warehouse, warehouse_meta, warehouse_path
from indicators.domain import BORDER_LINES, MAX_YEAR, MIN_YEAR, PERIODS
from indicators.export import snapshot, to_csv_bytes, to_xlsx_bytes
from indicators.filters import Filters
from l10n import DEFAULT_LANG, LANGS


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m indicators")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="write a CSV or XLSX snapshot")
    e.add_argument("--db", type=Path, default=None)
    e.add_argument("--province", action="append", default=[], metavar="CODE")
    e.add_argument("--line", choices=BORDER_LINES)
    e.add_argument("--from", dest="year_from", type=int)
    e.add_argument("--to", dest="year_to", type=int)
    e.add_argument("--indicator")
    e.add_argument("--period", choices=PERIODS, default="old")
    e.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    e.add_argument("--out", type=Path, required=True)
    for name, suffix, text in (
        ("report", ".docx", "write the annual implementation report (DOCX)"),
        ("scorecard", ".pdf", "write the one-page target scorecard (PDF)"),
    ):
        r = sub.add_parser(name, help=text)
        r.add_argument("--year", type=int, required=True)
        where = r.add_mutually_exclusive_group()
        where.add_argument("--province", metavar="CODE")
        where.add_argument("--line", choices=BORDER_LINES)
        r.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
        r.add_argument("--db", type=Path, default=None)
        r.add_argument("--out", type=Path, required=True, help=f"FILE{suffix}")
    args = p.parse_args(argv)
    if args.command in ("report", "scorecard"):
        return _document(p, args)
    if args.out.suffix.lower() not in (".csv", ".xlsx"):
        p.error("--out must end in .csv or .xlsx")
    path = args.db or warehouse_path()
    con = connect(path)
    known = {r[0] for r in con.execute("SELECT province_code FROM provinces").fetchall()}
    unknown = [c for c in args.province if c not in known]
    if unknown:
        p.error(f"unknown province code(s): {', '.join(unknown)}")
    filters = Filters(
        provinces=tuple(args.province),
        line=args.line,
        year_from=args.year_from,
        year_to=args.year_to,
        indicator=args.indicator,
        lang=args.lang,
        period=args.period,
    )
    snap = snapshot(con, filters, warehouse_meta(con)["version"])
    data = to_csv_bytes(snap) if args.out.suffix.lower() == ".csv" else to_xlsx_bytes(snap)
    args.out.write_bytes(data)
    print(f"Wrote {len(snap.data)} rows from {resolved_warehouse(path).name} to {args.out}")
    return 0


def _document(p: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """The report (DOCX) or the scorecard (PDF) for a year and a province, a line or the country."""
    from indicators import report  # matplotlib and python-docx load only for these commands

    suffix = ".docx" if args.command == "report" else ".pdf"
    if args.out.suffix.lower() != suffix:
        p.error(f"--out must end in {suffix}")
    if not MIN_YEAR <= args.year <= MAX_YEAR:
        p.error(f"--year must be between {MIN_YEAR} and {MAX_YEAR}")
    path = args.db or warehouse_path()
    con = connect(path)
    build = report.report_docx if args.command == "report" else report.scorecard_pdf
    try:
        data = build(con, args.year, province=args.province, line=args.line, lang=args.lang)
    except ValueError as problem:  # an unknown province code
        p.error(str(problem))
    args.out.write_bytes(data)
    print(f"Wrote the {args.year} {args.command} from {resolved_warehouse(path).name} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
