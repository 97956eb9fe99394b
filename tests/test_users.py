"""Accounts, agencies, staging, approval and the audit trail (items 1, 2, 4 and 8 of issue 10), in
temporary folders (BORDER_DATA_DIR, BORDER_USERS, BORDER_DB): never the repository's data/."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest
import yaml

from etl import audit, staging, users
from etl.build import REFERENCE_DIR, build
from etl.contracts import AUDIT_LOG
from indicators.audit import audit_log, latest_approval
from indicators.db import connect, resolved_warehouse
from indicators.export import snapshot, to_csv_bytes, to_xlsx_bytes
from indicators.filters import Filters

ROOT = Path(__file__).resolve().parent.parent
HEADER = "indicator_code,geo_code,year,value,unit,source_id,note\n"
GOOD_ROW = "trade_through_province,VN63-20,2024,5123,million USD,vtcnews-2026-01-16,test\n"
OTHER_PROVINCE_ROW = "trade_through_province,VN63-01,2024,5123,million USD,vtcnews-2026-01-16,test\n"
PASSWORDS = {"sct": "sct-password-1", "btc": "btc-password-1", "steve": "steward-password-1"}


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary data folder, accounts file and warehouse, built from the real reference data."""
    data = tmp_path / "data"
    (data / "inbox").mkdir(parents=True)
    monkeypatch.setenv("BORDER_DATA_DIR", str(data))
    monkeypatch.setenv("BORDER_USERS", str(data / "users.yaml"))
    monkeypatch.setenv("BORDER_DB", str(data / "warehouse.duckdb"))
    build(data / "warehouse.duckdb", REFERENCE_DIR, data / "inbox")
    users.add_user("sct", "submitter", "SCT-LS", PASSWORDS["sct"])
    users.add_user("btc", "submitter", "BTC", PASSWORDS["btc"])
    users.add_user("steve", "steward", None, PASSWORDS["steve"])
    return data


def run_cli(
    *args: str, stdin: str = "", env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env_extra or {})},
        timeout=120,
    )


def served_bytes(data: Path) -> bytes:
    return resolved_warehouse(data / "warehouse.duckdb").read_bytes()


def served_value(data: Path, geo: str = "VN63-20", year: int = 2024) -> float | None:
    con = connect(data / "warehouse.duckdb")
    try:
        row = con.execute(
            "SELECT value FROM observations WHERE indicator_code = 'trade_through_province' "
            "AND geo_code = $g AND year = $y",
            {"g": geo, "y": year},
        ).fetchall()
    finally:
        con.close()
    return row[0][0] if row else None


# --------------------------------------------------------------------------- accounts (item 1)


def test_cli_add_list_remove_reads_the_password_from_stdin(tmp_path: Path) -> None:
    path = tmp_path / "accounts" / "users.yaml"
    extra = {"BORDER_USERS": str(path)}
    added = run_cli(
        "users",
        "add",
        "sct.ls",
        "--role",
        "submitter",
        "--agency",
        "SCT-LS",
        stdin="a-long-secret\n",
        env_extra=extra,
    )
    assert added.returncode == 0, added.stderr
    assert "a-long-secret" not in added.stdout + added.stderr
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    stored = config["credentials"]["usernames"]["sct.ls"]
    assert (
        stored["password"].startswith("$2b$")
        and stored["roles"] == ["submitter"]
        and stored["agency"] == "SCT-LS"
    )
    assert "a-long-secret" not in path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o077 == 0, "the accounts file is private to its owner"
    assert config["cookie"]["expiry_days"] == 1.0 and len(config["cookie"]["key"]) >= 32

    listed = run_cli("users", "list", env_extra=extra)
    assert listed.stdout.split() == ["sct.ls", "submitter", "SCT-LS"]
    assert "$2b$" not in listed.stdout + listed.stderr

    assert run_cli("users", "remove", "sct.ls", env_extra=extra).returncode == 0
    assert run_cli("users", "list", env_extra=extra).stdout.strip() == ""
    assert run_cli("users", "remove", "sct.ls", env_extra=extra).returncode == 1


def test_cli_refuses_unknown_agency_short_password_and_a_password_argument(tmp_path: Path) -> None:
    extra = {"BORDER_USERS": str(tmp_path / "users.yaml")}
    unknown = run_cli(
        "users",
        "add",
        "x1",
        "--role",
        "submitter",
        "--agency",
        "NOPE",
        stdin="long-enough\n",
        env_extra=extra,
    )
    assert unknown.returncode == 2 and "unknown agency code 'NOPE'" in unknown.stderr
    no_agency = run_cli("users", "add", "x1", "--role", "submitter", stdin="long-enough\n", env_extra=extra)
    assert no_agency.returncode == 2 and "--agency" in no_agency.stderr
    short = run_cli("users", "add", "x1", "--role", "steward", stdin="short\n", env_extra=extra)
    assert short.returncode == 2 and "password" in short.stderr
    as_argument = run_cli(
        "users", "add", "x1", "--role", "steward", "--password", "long-enough", env_extra=extra
    )
    assert as_argument.returncode == 2  # argparse: no such option
    assert not (tmp_path / "users.yaml").exists()


def test_user_names_are_checked(tmp_path: Path) -> None:
    for bad in ("../etc", "Admin", "a b", "x", ""):
        with pytest.raises(users.UserError):
            users.add_user(bad, "steward", None, "long-enough", tmp_path / "u.yaml")


def test_default_accounts_file_is_under_data_and_git_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BORDER_USERS", raising=False)
    monkeypatch.delenv("BORDER_DATA_DIR", raising=False)
    assert users.users_path() == ROOT / "data" / "users.yaml"
    for path in ("data/users.yaml", "data/staging/x.csv", "data/audit.jsonl"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert ignored.returncode == 0, f"{path} must be git-ignored"


def test_session_cookie_expires_after_a_day(env: Path) -> None:
    settings = users.authenticator_settings()
    assert settings is not None
    assert settings["cookie_expiry_days"] == 1.0
    assert settings["cookie_name"] == users.COOKIE_NAME


def test_agencies_reference_names_the_resolution_and_plan_agencies(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT agency_code, name_vi, kind, geo_code, source_id FROM agencies").fetchall()
    names = {r[1] for r in rows}
    for wanted in (
        "Bộ Công Thương",
        "Bộ Tài chính",
        "UBND tỉnh Lạng Sơn",
        "Sở Công Thương Lạng Sơn",
        "Sở Tài chính Lạng Sơn",
        "Sở Nông nghiệp và Môi trường Lạng Sơn",
    ):
        assert wanted in names
    places = {r[0] for r in con.execute("SELECT province_code FROM provinces").fetchall()} | {"VN"}
    for code, _, kind, geo, source in rows:
        assert geo in places, code
        assert (kind == "ministry") == (geo == "VN"), code
        assert source


# --------------------------------------------------------------------------- checks and scope (items 2, 8)


def test_check_names_file_row_and_column_and_previews(env: Path) -> None:
    bad = staging.check_upload(
        (HEADER + GOOD_ROW.replace("5123", "5.123")).encode(), "so-cong-thuong.csv", "SCT-LS"
    )
    assert not bad.ok
    assert [(p.file, p.row, p.column) for p in bad.problems] == [("so-cong-thuong.csv", 2, "value")]

    good = staging.check_upload((HEADER + GOOD_ROW).encode(), "so-cong-thuong.csv", "SCT-LS")
    assert good.ok, good.problems
    assert good.rows == 1 and good.layout == "observations"
    assert good.preview[["key", "old", "new", "change"]].values.tolist() == [
        ["trade_through_province · VN63-20 · 2024", "", "5123", "new"]
    ]
    assert good.changes() == {
        "layout": "observations",
        "rows": 1,
        "counts": {"new": 1, "changed": 0, "unchanged": 0, "added": 0},
        "changed": [],
        "more_changed": 0,
    }
    assert good.summary() == "observations: 1 rows; new 1; changed 0; unchanged 0; added 0"
    published = "trade_through_province,VN63-20,2021,4270,million USD,tccs-langson-2022,\n"
    same = staging.check_upload((HEADER + published).encode(), "x.csv", "SCT-LS")
    assert not same.ok  # a plain duplicate of a published value is refused, with how to revise it
    assert [(p.row, p.column) for p in same.problems] == [(2, "year")]


def test_a_submitter_cannot_submit_for_another_agency(env: Path) -> None:
    sct = users.get_user("sct")
    assert sct is not None
    check = staging.check_upload((HEADER + OTHER_PROVINCE_ROW).encode(), "x.csv", "SCT-LS")
    assert [(p.row, p.column) for p in check.problems] == [(2, "geo_code")]
    with pytest.raises(staging.SubmissionError):
        staging.submit((HEADER + OTHER_PROVINCE_ROW).encode(), "x.csv", sct)
    # the same province after the merger is still its own; a ministry may submit any place
    assert staging.check_upload((HEADER + OTHER_PROVINCE_ROW).encode(), "x.csv", "BTC").ok
    # a submitter cannot pose as another agency: submit() takes the agency from the accounts file
    forged = users.User("sct", "submitter", "BTC")
    with pytest.raises(staging.SubmissionError):
        staging.submit((HEADER + OTHER_PROVINCE_ROW).encode(), "x.csv", forged)
    assert staging.submissions() == []


def test_a_submitter_cannot_publish_or_reject(env: Path) -> None:
    sct = users.get_user("sct")
    record = staging.submit((HEADER + GOOD_ROW).encode(), "x.csv", sct)
    before = served_bytes(env)
    with pytest.raises(staging.SubmissionError):
        staging.approve(record["id"], sct)
    with pytest.raises(staging.SubmissionError):
        staging.approve(record["id"], users.User("sct", "steward", None))  # the role is read from the file
    with pytest.raises(staging.SubmissionError):
        staging.reject(record["id"], sct, "no")
    assert staging.load(record["id"])["status"] == "pending"
    assert served_bytes(env) == before


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("big.csv", (HEADER + GOOD_ROW * 200_000).encode(), "MB"),
        ("report.pdf", b"%PDF-1.7 binary", "CSV, XLSX"),
        ("report.xlsx", b"%PDF-1.7 binary", "PDF"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("table.xlsx", b"just text, not a workbook", "XLSX"),
        ("empty.csv", b"   ", "empty"),
    ],
)
def test_oversize_and_non_tabular_uploads_are_refused_with_a_message(
    env: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, says: str
) -> None:
    monkeypatch.setenv("BORDER_MAX_UPLOAD_MB", "1")
    check = staging.check_upload(data, name, "SCT-LS")
    assert not check.ok and says in check.problems[0].message
    with pytest.raises(staging.SubmissionError):
        staging.submit(data, name, users.get_user("sct"))
    assert not (env / "staging").exists() or not any((env / "staging").iterdir())


def test_the_default_upload_limit_is_20_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BORDER_MAX_UPLOAD_MB", raising=False)
    assert staging.max_upload_bytes() == 20 * 2**20


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.csv", "/tmp/evil.csv", "..\\..\\win.csv", "a/../../b.csv", "\x00x.csv", "CON.csv"],
)
def test_file_names_from_users_never_become_paths(env: Path, name: str) -> None:
    record = staging.submit((HEADER + GOOD_ROW).encode(), name, users.get_user("sct"))
    files = sorted(p.name for p in (env / "staging").iterdir() if not p.name.startswith("."))
    assert files == [f"{record['id']}.csv", f"{record['id']}.json"]
    assert "/" not in record["original_name"] and "\\" not in record["original_name"]
    assert not Path("/tmp/evil.csv").exists()
    with pytest.raises(staging.SubmissionError):
        staging.load("../" + record["id"])  # ids from the browser are never paths either
    staging.approve(record["id"], users.get_user("steve"))
    assert [p.name for p in (env / "inbox").iterdir()] == [f"web-{record['id']}-SCT-LS.csv"]


def test_two_submissions_at_once_do_not_interfere(env: Path) -> None:
    rows = {
        "sct": HEADER + GOOD_ROW,
        "btc": HEADER + OTHER_PROVINCE_ROW,
    }
    results: dict[str, dict] = {}
    errors: list[BaseException] = []

    def send(name: str) -> None:
        try:
            results[name] = staging.submit(rows[name].encode(), "same-name.csv", users.get_user(name))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=send, args=(n,)) for n in rows for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    records = staging.submissions()
    assert len(records) == 6 and len({r["id"] for r in records}) == 6
    for record in records:
        data = staging.staged_file(record).read_bytes()
        assert data == rows[record["user"]].encode()
        assert staging.load(record["id"]) == record
    submitted = [line for line in audit.read() if line["action"] == "submitted"]
    assert len(submitted) == 6


def test_rejected_and_failed_submissions_change_nothing_served(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sct, steve = users.get_user("sct"), users.get_user("steve")
    before = served_bytes(env)
    rejected = staging.submit((HEADER + GOOD_ROW).encode(), "x.csv", sct)
    with pytest.raises(staging.SubmissionError):
        staging.reject(rejected["id"], steve, "   ")  # a reason is required
    staging.reject(rejected["id"], steve, "Số liệu chưa được lãnh đạo ký")
    assert staging.load(rejected["id"])["status"] == "rejected"
    assert served_bytes(env) == before and not any((env / "inbox").iterdir())

    failing = staging.submit((HEADER + GOOD_ROW).encode(), "y.csv", sct)

    def broken_build(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("etl.build.build", broken_build)
    with pytest.raises(staging.SubmissionError):
        staging.approve(failing["id"], steve)
    record = staging.load(failing["id"])
    assert record["status"] == "pending" and "disk full" in record["error"]
    assert served_bytes(env) == before and not any((env / "inbox").iterdir())
    assert [line["action"] for line in audit.read()][-1] == "approve_failed"


def test_a_build_that_refuses_the_file_leaves_it_pending(env: Path) -> None:
    sct, steve = users.get_user("sct"), users.get_user("steve")
    record = staging.submit((HEADER + GOOD_ROW).encode(), "x.csv", sct)
    # meanwhile the same figure reached the inbox by another way: the build refuses the duplicate
    (env / "inbox" / "other.csv").write_text(HEADER + GOOD_ROW, encoding="utf-8")
    before = served_bytes(env)
    with pytest.raises(staging.SubmissionError) as refused:
        staging.approve(record["id"], steve)
    assert refused.value.problems
    assert staging.load(record["id"])["status"] == "pending"
    assert served_bytes(env) == before
    assert sorted(p.name for p in (env / "inbox").iterdir()) == ["other.csv"]


# --------------------------------------------------------------------------- approval and audit (items 2, 4)


def test_approval_publishes_and_the_audit_trail_survives_rebuilds(env: Path) -> None:
    sct, steve = users.get_user("sct"), users.get_user("steve")
    record = staging.submit((HEADER + GOOD_ROW).encode(), "so-cong-thuong-2024.csv", sct)
    assert served_value(env) is None
    approved = staging.approve(record["id"], steve)
    assert approved["status"] == "approved" and approved["decided_by"] == "steve"
    assert served_value(env) == 5123

    build(env / "warehouse.duckdb", REFERENCE_DIR, env / "inbox")  # a later rebuild, e.g. from the CLI
    con = connect(env / "warehouse.duckdb")
    try:
        log = audit_log(con)
        assert list(log["action"])[::-1] == ["submitted", "approved"]
        approval = log[log["action"] == "approved"].iloc[0]
        assert approval["user_name"] == "steve" and approval["agency_code"] == "SCT-LS"
        assert approval["sha256"] == record["sha256"] and approval["rows"] == 1
        assert "new 1" in approval["changes"]
        assert record["id"] in latest_approval(con)
        assert set(log.columns) == set(AUDIT_LOG.column_names)
        snap = snapshot(con, Filters(provinces=("VN63-20",)), "v")
        text = to_csv_bytes(snap).decode("utf-8-sig")
        assert f"{record['id']} · SCT-LS · steve" in text
        assert "$2b$" not in text and not any(p in text for p in PASSWORDS.values())
        assert b"$2b$" not in to_xlsx_bytes(snap)
    finally:
        con.close()
    lines = [json.loads(line) for line in (env / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["action"] for line in lines] == ["submitted", "approved"]
    assert lines[1]["version"]


def test_a_rollback_withdraws_an_approved_submission_for_good(env: Path) -> None:
    sct, steve = users.get_user("sct"), users.get_user("steve")
    record = staging.submit((HEADER + GOOD_ROW).encode(), "so-cong-thuong-2024.csv", sct)
    staging.approve(record["id"], steve)
    assert served_value(env) == 5123
    done = run_cli("rollback", "--db", str(env / "warehouse.duckdb"), "--inbox", str(env / "inbox"))
    assert done.returncode == 0, done.stderr
    assert served_value(env) is None and record["id"] in done.stdout
    withdrawn = staging.load(record["id"])
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["reason"] == f"→ {resolved_warehouse(env / 'warehouse.duckdb').stem}"
    assert not any((env / "inbox").iterdir()) and (env / "withdrawn" / staging.inbox_name(record)).is_file()
    build(env / "warehouse.duckdb", REFERENCE_DIR, env / "inbox")  # the next build leaves it out
    assert served_value(env) is None
    con = connect(env / "warehouse.duckdb")
    try:
        assert list(audit_log(con)["action"])[::-1] == ["submitted", "approved", "withdrawn"]
    finally:
        con.close()


def test_no_password_or_hash_in_the_staging_area_or_audit(env: Path) -> None:
    record = staging.submit((HEADER + GOOD_ROW).encode(), "x.csv", users.get_user("sct"))
    staging.approve(record["id"], users.get_user("steve"))
    hashes = [
        r["password"]
        for r in yaml.safe_load((env / "users.yaml").read_text())["credentials"]["usernames"].values()
    ]
    for path in [*(env / "staging").iterdir(), env / "audit.jsonl"]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not any(h in text for h in hashes) and not any(p in text for p in PASSWORDS.values())


def test_audit_frame_is_typed_when_empty(tmp_path: Path) -> None:
    frame = audit.audit_frame(path=tmp_path / "none.jsonl")
    con = duckdb.connect()
    con.register("f", frame)
    types = dict(con.execute("DESCRIBE SELECT * FROM f").fetchall()[i][:2] for i in range(len(frame.columns)))
    assert types["rows"] == "BIGINT" and types["acted_at"] == "VARCHAR"


def test_task_status_from_a_province_only_for_its_own_tasks(env: Path) -> None:
    header = "task_id,reported_on,status,source_id,note\n"
    tasks = list(
        csv.DictReader(io.StringIO((REFERENCE_DIR / "resolution_tasks.csv").read_text(encoding="utf-8")))
    )
    own = next(t["task_id"] for t in tasks if t["geo_code"] == "VN63-20")
    ministry = next(
        t["task_id"] for t in tasks if t["geo_code"] == "VN" and t["for_border_provinces"] == "false"
    )
    good = staging.check_upload(
        f"{header}{own},2025-11-10,in_progress,kh88-2022,\n".encode(), "t.csv", "SCT-LS"
    )
    assert good.ok, good.problems
    assert good.layout == "task_status" and list(good.preview["change"]) == ["new"]
    bad = staging.check_upload(f"{header}{ministry},2025-11-10,done,nq23-2022,\n".encode(), "t.csv", "SCT-LS")
    assert [(p.row, p.column) for p in bad.problems] == [(2, "task_id")]
