"""Command line of the ETL: `python -m etl build | check | template | rollback | status | synthetic |
data-model | users`."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from etl import messages, staging
from etl.build import INBOX_DIR, REFERENCE_DIR, BuildResult, build, check_files, collect
from etl.data_model import DATA_MODEL, write
from etl.messages import text as msg
from etl.problems import InvalidInput
from etl.publish import current_version, rollback, withdraw
from etl.resources import lower_priority
from indicators.db import DEFAULT_DB


def _report(error: InvalidInput, lang: str | None = None) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(msg("problems_total", lang or "en", n=len(error.problems)), file=sys.stderr)
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    lower_priority()  # readers of the served warehouse come first
    try:
        result = build(args.db, args.reference, args.inbox, parquet_dir=args.parquet, lang=args.lang)
    except InvalidInput as error:
        return _report(error, args.lang)
    _summary(result, args)
    print("  " + msg("files_accepted", args.lang, n=len(result.files)))
    if result.counts.get("observation_revisions"):
        print("  " + msg("revisions_kept", args.lang, n=result.counts["observation_revisions"]))
    return 0


def _summary(result: BuildResult, args: argparse.Namespace) -> None:
    lang = getattr(args, "lang", "en")
    print(msg("built", lang, version=result.version.name, db=args.db))
    for table, count in result.counts.items():
        print(f"  {table:<22} {count:>10} {msg('rows_word', lang)}")
    if args.parquet:
        print("  " + msg("parquet_written", lang, folder=args.parquet))


def cmd_synthetic(args: argparse.Namespace) -> int:
    if args.rows < 1:
        print("synthetic: --rows must be at least 1", file=sys.stderr)
        return 2
    lower_priority()
    started = time.perf_counter()
    try:
        result = build(args.db, args.reference, synthetic_rows=args.rows, parquet_dir=args.parquet)
    except InvalidInput as error:
        return _report(error)
    seconds = time.perf_counter() - started
    _summary(result, args)
    print(f"  {args.rows:,} synthetic trade rows in {seconds:.1f} s ({args.rows / seconds:,.0f} rows/s)")
    print("  SYNTHETIC DATA: for scale tests only; the dashboard shows a banner on every page.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    report = check_files(args.files, args.reference, lang=args.lang, inbox_dir=args.inbox)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    return 0 if report.ok else 1


def cmd_template(args: argparse.Namespace) -> int:
    from etl.template import write_template

    write_template(args.out, collect(args.reference).frames)
    print(f"Wrote {args.out}")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    rolled_back = current_version(args.db)
    try:
        version = rollback(args.db)
    except LookupError as error:
        print(f"rollback: {error}", file=sys.stderr)
        return 1
    print(f"Rolled back {args.db} → {version.name}")
    if rolled_back is not None:
        moved = withdraw(args.inbox, rolled_back, version)
        for path in moved:
            print(f"  withdrawn from the inbox (the next build leaves it out): {path}")
        for record in staging.withdraw_approved([p.name for p in moved], version.stem, getpass.getuser()):
            print(f"  submission {record['id']} ({record['agency']}) is now withdrawn")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    current = current_version(args.db)
    print(current.name if current else f"{args.db}: not built")
    return 0 if current else 1


def cmd_data_model(args: argparse.Namespace) -> int:
    print(f"Wrote {write(args.out)}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, helptext: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=helptext)
        cmd.add_argument("--reference", type=Path, default=REFERENCE_DIR, help=argparse.SUPPRESS)
        return cmd

    b = add("build", "validate every input and publish a new warehouse version")
    b.add_argument("--db", type=Path, default=DEFAULT_DB)
    b.add_argument("--inbox", type=Path, default=REFERENCE_DIR.parent / "inbox")
    b.add_argument(
        "--lang", choices=messages.LANGS, default=messages.DEFAULT_LANG, help="language of the messages"
    )
    b.add_argument(
        "--parquet", type=Path, metavar="DIR", help="also write a year-partitioned Parquet snapshot"
    )
    b.set_defaults(run=cmd_build)
    c = add("check", "validate submissions without loading them")
    c.add_argument("files", nargs="+", type=Path)
    c.add_argument(
        "--lang", choices=messages.LANGS, default=messages.DEFAULT_LANG, help="language of the messages"
    )
    c.add_argument(
        "--inbox",
        type=Path,
        default=None,
        metavar="DIR",
        help="also read the files already in DIR first (as the next build would), for duplicates and revisions",
    )
    c.set_defaults(run=cmd_check)
    t = add("template", "write the XLSX submission template")
    t.add_argument("--out", type=Path, required=True)
    t.set_defaults(run=cmd_template)
    r = add("rollback", "publish the previous warehouse version; withdraw the inbox files it did not load")
    r.add_argument("--db", type=Path, default=DEFAULT_DB)
    r.add_argument("--inbox", type=Path, default=INBOX_DIR)
    r.set_defaults(run=cmd_rollback)
    s = add("status", "print the published version")
    s.add_argument("--db", type=Path, default=DEFAULT_DB)
    s.set_defaults(run=cmd_status)
    y = add("synthetic", "build a scale-test warehouse: reference data and N synthetic trade rows")
    y.add_argument("--rows", type=int, required=True, metavar="N")
    y.add_argument("--db", type=Path, required=True, help="never the served warehouse by default")
    y.add_argument(
        "--parquet", type=Path, metavar="DIR", help="also write a year-partitioned Parquet snapshot"
    )
    y.set_defaults(run=cmd_synthetic)
    d = add("data-model", "render docs/data-model.md from the data contracts")
    d.add_argument("--out", type=Path, default=DATA_MODEL)
    d.set_defaults(run=cmd_data_model)
    add_users_parser(sub)
    return p


def cmd_users(args: argparse.Namespace) -> int:
    """Accounts of the submission pages; the password comes from a prompt or stdin (etl/users.py)."""
    from etl import users

    try:
        if args.users_command == "add":
            password = users.read_password()
            user = users.add_user(args.name, args.role, args.agency, password)
            print(
                f"Saved {user.name} ({user.role}{', ' + user.agency if user.agency else ''}) in {users.users_path()}"
            )
        elif args.users_command == "list":
            accounts = users.list_users()
            for user in accounts:
                print(f"{user.name}\t{user.role}\t{user.agency or ''}")
            if not accounts:
                print(f"no accounts in {users.users_path()}", file=sys.stderr)
        elif not users.remove_user(args.name):
            print(f"users: no account called '{args.name}'", file=sys.stderr)
            return 1
        else:
            print(f"Removed {args.name}")
    except users.UserError as error:
        print(f"users: {error}", file=sys.stderr)
        return 2
    return 0


def add_users_parser(sub: argparse._SubParsersAction) -> None:
    u = sub.add_parser("users", help="accounts for the submission pages (password from a prompt or stdin)")
    commands = u.add_subparsers(dest="users_command", required=True)
    a = commands.add_parser("add", help="create an account or replace its password, role and agency")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=("submitter", "steward"))
    a.add_argument("--agency", metavar="CODE", help="agency_code from data/reference/agencies.csv")
    commands.add_parser("list", help="list accounts: name, role, agency (never a password or hash)")
    r = commands.add_parser("remove", help="delete an account")
    r.add_argument("name")
    u.set_defaults(run=cmd_users)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
