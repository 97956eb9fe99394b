"""Web submissions: check an upload, stage it, and let a steward approve (build and publish) or
reject it. Nothing staged is ever served or read by a build until it is approved.

    check_upload(data, name, agency)  the same checks as `python -m etl check` (etl.build.collect, over
                                      the reference data, the inbox and this file), the agency rule
                                      below, and a preview against the published warehouse
    submit(data, name, user)          checks again, then saves the bytes under a server-made name in
                                      `staging/` with a JSON record (status `pending`)
    approve(id, steward)              copies the file into the inbox and runs `etl.build.build`, the
                                      same atomic build and publish as the command line; on failure
                                      the copy is removed, nothing served changes, the submission
                                      stays pending with the error
    reject(id, steward, reason)       marks it rejected; nothing served changes

**What an agency may submit** (the rows must belong to it): a *ministry* (`geo_code` VN) may submit
for any place; a *province* or *province department* only for its province — its `geo_code` and the
same province across the 1 July 2025 merger (`province_successions`, both ways) — that is:
observations whose `geo_code` is one of those; task-status reports of tasks of that province's plan
or of the resolution's tasks for every border province; customs files of gates in that province.
A list of sources may come with any submission.

The uploader's file name is kept only as text for display: every path is made by the server.
Every action is appended to the audit trail (etl/audit.py). Folders are read from the environment
at call time: `BORDER_DATA_DIR` (staging/, inbox/), `BORDER_DB` (the served warehouse).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from etl import audit
from etl.problems import FILE_LEVEL, InvalidInput, Problem
from etl.users import User, agencies, get_user
from indicators.domain import COUNTRY

SUFFIXES = (".csv", ".xlsx", ".parquet")
STATUSES = ("pending", "approved", "rejected", "withdrawn")  # withdrawn: undone by a rollback
MAX_CHANGES_LISTED = 20


class SubmissionError(Exception):
    """A refused upload or action, with the problems to show (file:row:column)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


def staging_dir() -> Path:
    return audit.data_dir() / "staging"


def inbox_dir() -> Path:
    return audit.data_dir() / "inbox"


def max_upload_bytes() -> int:
    return int(float(os.environ.get("BORDER_MAX_UPLOAD_MB") or 20) * 2**20)


def warehouse() -> Path:
    from indicators.db import warehouse_path

    return warehouse_path()


# --------------------------------------------------------------------------- names and bytes


def display_name(name: object) -> str:
    """The uploader's file name as harmless text: its last part only, NFC, no control characters,
    at most 80 characters. It is shown and recorded, never used to build a path."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()
    return text[:80] or "upload"


def _suffix(name: str) -> str:
    return Path(display_name(name)).suffix.lower()


def refuse_upload(data: bytes, name: str) -> str | None:
    """Why an upload is not even read (size, type, content that is not a table); None if it may be."""
    limit = max_upload_bytes()
    if len(data) > limit:
        return f"tệp quá lớn ({len(data) / 2**20:.1f} MB > {limit // 2**20} MB) / the file is larger than {limit // 2**20} MB"
    if not data.strip():
        return "tệp rỗng / the file is empty"
    suffix = _suffix(name)
    if suffix not in SUFFIXES:
        return "chỉ nhận tệp CSV, XLSX hoặc Parquet / only CSV, XLSX or Parquet files are accepted"
    if data.startswith(b"%PDF"):
        return (
            "đây là tệp PDF, không phải bảng số liệu / a PDF is not a table: send the template as CSV or XLSX"
        )
    if suffix == ".xlsx" and not data.startswith(b"PK\x03\x04"):
        return "không phải tệp XLSX / not an XLSX workbook"
    if suffix == ".parquet" and not data.startswith(b"PAR1"):
        return "không phải tệp Parquet / not a Parquet file"
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if suffix == ".csv" and not utf16 and b"\x00" in data[:65536]:
        return "tệp nhị phân, không phải CSV / binary content, not a CSV text file"
    return None


def new_id() -> str:
    """A submission id made by the server: UTC time and random hex, e.g. 20261202T184500123456-1a2b3c4d."""
    return f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}"


ID_PATTERN = re.compile(r"\d{8}T\d{12}-[0-9a-f]{8}")


def _record_path(submission_id: str) -> Path:
    if not ID_PATTERN.fullmatch(submission_id):  # ids come back from the browser: never a path part
        raise SubmissionError(f"no submission '{submission_id[:40]}'")
    return staging_dir() / f"{submission_id}.json"


# --------------------------------------------------------------------------- the check


@dataclass
class Check:
    """The outcome of checking one upload: problems (file:row:column), the rows it holds and what
    they would change in the published warehouse."""

    name: str  # the uploader's file name, as text
    layout: str = ""  # observations | task_status | sources | trade_flows
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PREVIEW_COLUMNS))
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [(p.file, p.row, p.column, p.message) for p in self.problems],
            columns=["file", "row", "column", "message"],
        )

    def changes(self) -> dict[str, Any]:
        """What the upload would change, as data (the review page words it in the reader's
        language): rows per kind of change and the first changed values."""
        counts = self.preview["change"].value_counts() if len(self.preview) else pd.Series(dtype=int)
        changed = self.preview[self.preview["change"] == "changed"]
        return {
            "layout": self.layout,
            "rows": self.rows,
            "counts": {k: int(counts.get(k, 0)) for k in CHANGE_KINDS},
            "changed": [[r.key, r.old, r.new] for r in changed.head(MAX_CHANGES_LISTED).itertuples()],
            "more_changed": max(len(changed) - MAX_CHANGES_LISTED, 0),
        }

    def summary(self) -> str:
        """The same in one line of plain text, for the audit log."""
        changes = self.changes()
        parts = [f"{self.layout}: {self.rows} rows"]
        parts += [f"{k} {n}" for k, n in changes["counts"].items()]
        listed = [f"{key}: {old} → {new}" for key, old, new in changes["changed"]]
        if changes["more_changed"]:
            listed.append("…")
        return "; ".join(parts) + (f" ({'; '.join(listed)})" if listed else "")


CHANGE_KINDS = ("new", "changed", "unchanged", "added")


PREVIEW_COLUMNS = ["table", "key", "old", "new", "change"]


def _places(agency: dict[str, Any], successions: pd.DataFrame) -> set[str] | None:
    """The place codes an agency may submit for: None for any (a ministry); else its province and
    the same province across the 2025 merger (its successor, or the members it was formed from)."""
    if agency["kind"] == "ministry" or agency["geo_code"] == COUNTRY:
        return None
    own = agency["geo_code"]
    pairs = list(successions[["old_code", "new_code"]].itertuples(index=False, name=None))
    return {own} | {new for old, new in pairs if old == own} | {old for old, new in pairs if new == own}


def scope_problems(
    agency_code: str, frames: dict[str, pd.DataFrame], name: str, trade: Any = None
) -> list[Problem]:
    """Rows of the file `name` that do not belong to the agency (see the module's rule)."""
    agency = agencies().get(agency_code)
    if agency is None:
        return [Problem(name, 0, FILE_LEVEL, f"cơ quan không xác định / unknown agency '{agency_code}'")]
    places = _places(agency, frames["province_successions"])
    if places is None:
        return []
    allowed = ", ".join(sorted(places))
    problems = []
    obs = frames["observations"]
    for row in obs[obs["_file"] == name].to_dict("records"):
        if row["geo_code"] not in places:
            problems.append(
                Problem(
                    name,
                    int(row["_row"]),
                    "geo_code",
                    f"'{row['geo_code']}' không thuộc địa bàn của {agency_code} ({allowed}) / "
                    f"not a place of agency {agency_code} ({allowed})",
                )
            )
    tasks = frames["resolution_tasks"].set_index("task_id")
    status = frames["task_status"]
    for row in status[status["_file"] == name].to_dict("records"):
        if row["task_id"] not in tasks.index:
            continue  # already refused as an unknown task
        task = tasks.loc[row["task_id"]]
        if task["geo_code"] not in places and not bool(task["for_border_provinces"]):
            problems.append(
                Problem(
                    name,
                    int(row["_row"]),
                    "task_id",
                    f"'{row['task_id']}' không phải nhiệm vụ của {agency_code} / not a task of agency {agency_code}",
                )
            )
    if trade is not None:
        gates = dict(
            zip(frames["border_gates"]["gate_id"], frames["border_gates"]["province_code"], strict=True)
        )
        for i, gate in enumerate(trade.column("gate_id").to_pylist()):
            if gates.get(gate) not in places:
                problems.append(
                    Problem(
                        name,
                        i + 2,
                        "gate_id",
                        f"'{gate}' không thuộc địa bàn của {agency_code} / not a gate of agency {agency_code}",
                    )
                )
                if len(problems) >= 200:
                    break
    return problems


def _layout_of(path: Path) -> str:
    from etl.build import _layout, _read_column_wise
    from etl.contracts import TRADE_FLOWS
    from etl.read import read_table

    if _read_column_wise(path):
        return "trade_flows"
    raw, _ = read_table(path)
    table = _layout(raw.header) if raw is not None else None
    if table is None:
        return ""
    if table is TRADE_FLOWS:
        return "trade_flows"
    return "observations" if table.name == "submission" else table.name


def _fmt(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"  # every digit the department sent (":g" kept six: 13191.51 → 13191.5)
    return str(value)


def preview(frames: dict[str, pd.DataFrame], name: str, layout: str, trade: Any = None) -> pd.DataFrame:
    """What the file's rows would do to the published warehouse: new, changed (old → new),
    unchanged; customs rows are added (summed by gate and year)."""
    from indicators.db import WarehouseMissing, connect

    rows: list[dict[str, object]] = []
    try:
        con = connect(warehouse())
    except WarehouseMissing:
        con = None
    try:
        if layout == "observations":
            mine = frames["observations"][frames["observations"]["_file"] == name]
            published = {}
            if con is not None and len(mine):
                found = con.execute(
                    "SELECT indicator_code, geo_code, year, value FROM observations "
                    "WHERE list_contains($codes, indicator_code)",
                    {"codes": sorted(set(mine["indicator_code"]))},
                ).fetchall()
                published = {(i, g, int(y)): v for i, g, y, v in found}
            for r in mine.itertuples():
                key = (r.indicator_code, r.geo_code, int(r.year))
                old = published.get(key)
                change = (
                    "new" if old is None else ("unchanged" if float(old) == float(r.value) else "changed")
                )
                rows.append(
                    {
                        "table": layout,
                        "key": " · ".join(map(str, key)),
                        "old": _fmt(old),
                        "new": _fmt(r.value),
                        "change": change,
                    }
                )
        elif layout in ("task_status", "sources"):
            mine = frames[layout][frames[layout]["_file"] == name]
            key_cols = ["task_id", "reported_on"] if layout == "task_status" else ["source_id"]
            shown = "status" if layout == "task_status" else "title"
            published = {}
            if con is not None and len(mine):
                found = con.execute(f"SELECT {', '.join(key_cols)}, {shown} FROM {layout}").fetchall()
                published = {tuple(str(v) for v in r[:-1]): r[-1] for r in found}
            for r in mine.to_dict("records"):
                key = tuple(str(r[c]) for c in key_cols)
                old = published.get(key)
                change = "new" if old is None else ("unchanged" if str(old) == str(r[shown]) else "changed")
                rows.append(
                    {
                        "table": layout,
                        "key": " · ".join(key),
                        "old": _fmt(old),
                        "new": _fmt(r[shown]),
                        "change": change,
                    }
                )
        elif layout == "trade_flows" and trade is not None:
            frame = trade.select(["gate_id", "year", "value_usd"]).to_pandas()
            for (gate, year), part in frame.groupby(["gate_id", "year"]):
                rows.append(
                    {
                        "table": layout,
                        "key": f"{gate} · {year} ({len(part)} rows)",
                        "old": "",
                        "new": f"{part['value_usd'].sum():,.0f} USD",
                        "change": "added",
                    }
                )
    finally:
        if con is not None:
            con.close()
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


def check_file(path: Path, shown_name: str, agency_code: str, lang: str = "vi") -> Check:
    """Check a file already saved under a server-made name; problems name `shown_name`."""
    from etl.build import REFERENCE_DIR, collect, inbox_files

    data = path.read_bytes()
    result = Check(shown_name, sha256=hashlib.sha256(data).hexdigest())
    layout = _layout_of(path)
    result.layout = layout
    try:
        inputs = collect(REFERENCE_DIR, [*inbox_files(inbox_dir()), path], lang=lang)
    except InvalidInput as error:
        result.problems = [
            dataclasses.replace(p, file=shown_name) if p.file == path.name else p for p in error.problems
        ]
        return result
    trade = inputs.trade_flows[-1] if layout == "trade_flows" and inputs.trade_flows else None
    if layout in ("observations", "task_status", "sources"):
        result.rows = int((inputs.frames[layout]["_file"] == path.name).sum())
    elif trade is not None:
        result.rows = trade.num_rows
    problems = scope_problems(agency_code, inputs.frames, path.name, trade)
    result.problems = [dataclasses.replace(p, file=shown_name) for p in problems]
    result.preview = preview(inputs.frames, path.name, layout, trade)
    return result


def check_upload(data: bytes, name: str, agency_code: str, lang: str = "vi") -> Check:
    """Every check of an upload, on a private copy under a server-made name (removed after)."""
    shown = display_name(name)
    refused = refuse_upload(data, name)
    if refused:
        return Check(
            shown, problems=[Problem(shown, 0, FILE_LEVEL, refused)], sha256=hashlib.sha256(data).hexdigest()
        )
    with tempfile.TemporaryDirectory(prefix="bem-check-") as folder:
        path = Path(folder) / f"upload{_suffix(name)}"
        path.write_bytes(data)
        return check_file(path, shown, agency_code, lang)


# --------------------------------------------------------------------------- records


def _write_json(path: Path, record: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(3)}.tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def load(submission_id: str) -> dict[str, Any]:
    path = _record_path(submission_id)
    if not path.exists():
        raise SubmissionError(f"no submission '{submission_id}'")
    return json.loads(path.read_text(encoding="utf-8"))


def submissions(
    status: str | None = None, agency: str | None = None, user: str | None = None
) -> list[dict[str, Any]]:
    """Submission records, newest first, optionally by status, agency or submitter."""
    folder = staging_dir()
    if not folder.exists():
        return []
    records = []
    for path in folder.glob("*.json"):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if status and record.get("status") != status:
            continue
        if agency and record.get("agency") != agency:
            continue
        if user and record.get("user") != user:
            continue
        records.append(record)
    return sorted(records, key=lambda r: r["id"], reverse=True)


def staged_file(record: dict[str, Any]) -> Path:
    return staging_dir() / f"{record['id']}{record['suffix']}"


def submit(data: bytes, name: str, user: User) -> dict[str, Any]:
    """Check the upload again (never trust an earlier check) and stage it as pending."""
    current = get_user(user.name)
    if current is None or not current.is_submitter or not current.agency:
        raise SubmissionError(
            "chỉ người nộp của một cơ quan mới được nộp / only an agency's submitter may submit"
        )
    check = check_upload(data, name, current.agency)
    if not check.ok:
        raise SubmissionError("tệp chưa đạt kiểm tra / the file did not pass the checks", check.problems)
    if check.rows == 0:
        raise SubmissionError("tệp không có dòng số liệu nào / the file has no rows")
    folder = staging_dir()
    folder.mkdir(parents=True, exist_ok=True)
    submission_id = new_id()
    suffix = _suffix(name)
    target = folder / f"{submission_id}{suffix}"
    tmp = folder / f".{submission_id}.part"
    tmp.write_bytes(data)
    tmp.replace(target)
    record = {
        "id": submission_id,
        "agency": current.agency,
        "user": current.name,
        "submitted_at": audit.now(),
        "sha256": check.sha256,
        "size": len(data),
        "suffix": suffix,
        "original_name": check.name,
        "layout": check.layout,
        "rows": check.rows,
        "changes": check.summary(),
        "change_detail": check.changes(),
        "status": "pending",
        "reason": None,
        "decided_by": None,
        "decided_at": None,
        "version": None,
        "error": None,
    }
    _write_json(_record_path(submission_id), record)
    audit.append(_audit_line("submitted", record, current.name))
    return record


def _audit_line(action: str, record: dict[str, Any], actor: str, **extra: object) -> dict[str, object]:
    return audit.entry(
        action,
        submission_id=record["id"],
        agency_code=record["agency"],
        user_name=actor,
        file_name=f"{record['id']}{record['suffix']}",
        sha256=record["sha256"],
        rows=record["rows"],
        changes=record.get("changes"),
        **extra,
    )


def _steward(actor: User) -> User:
    current = get_user(actor.name)
    if current is None or not current.is_steward:
        raise SubmissionError(
            "chỉ cán bộ quản lý dữ liệu mới được duyệt / only a data steward may approve or reject"
        )
    return current


def _pending(submission_id: str) -> dict[str, Any]:
    record = load(submission_id)
    if record["status"] != "pending":
        raise SubmissionError(f"submission {submission_id} is already {record['status']}")
    return record


def inbox_name(record: dict[str, Any]) -> str:
    return f"web-{record['id']}-{record['agency']}{record['suffix']}"


def approve(submission_id: str, actor: User) -> dict[str, Any]:
    """Copy the staged file into the inbox and build and publish, one approval at a time. On any
    failure the copy is removed, nothing served changes, and the submission stays pending with
    the error (raised as SubmissionError with the build's problems)."""
    from etl.build import REFERENCE_DIR, build

    steward = _steward(actor)
    with audit.locked(staging_dir() / ".approve.lock"):
        record = _pending(submission_id)
        source = staged_file(record)
        if hashlib.sha256(source.read_bytes()).hexdigest() != record["sha256"]:
            raise SubmissionError(f"the staged file of {submission_id} no longer matches its sha256")
        inbox = inbox_dir()
        inbox.mkdir(parents=True, exist_ok=True)
        target = inbox / inbox_name(record)
        tmp = inbox / f".{target.name}.part"
        shutil.copyfile(source, tmp)
        tmp.replace(target)
        line = _audit_line("approved", record, steward.name)
        try:
            result = build(
                warehouse(), REFERENCE_DIR, inbox, extra_tables={"audit_log": audit.audit_frame([line])}
            )
        except BaseException as error:
            target.unlink(missing_ok=True)
            problems = error.problems if isinstance(error, InvalidInput) else []
            message = (
                f"{len(problems)} problem(s): " + "; ".join(map(str, problems[:5]))
                if problems
                else str(error)
            )
            record["error"] = message[:2000]
            _write_json(_record_path(submission_id), record)
            audit.append(_audit_line("approve_failed", record, steward.name, reason=record["error"]))
            if isinstance(error, Exception):
                raise SubmissionError(
                    "xuất bản thất bại, không có gì thay đổi / the build failed; nothing changed", problems
                ) from error
            raise
        line["version"] = result.version.stem
        audit.append(line)
        record |= {
            "status": "approved",
            "decided_by": steward.name,
            "decided_at": line["acted_at"],
            "version": result.version.stem,
            "error": None,
        }
        _write_json(_record_path(submission_id), record)
    return record


def withdraw_approved(inbox_names: list[str], published: str, actor: str) -> list[dict[str, Any]]:
    """After a rollback took their files out of the inbox: the approved submissions behind those
    files (`web-<id>-<agency>.<ext>`) become `withdrawn`, each with an audit line naming the
    version now published; their submitters see it on the submit page. The records changed."""
    names = set(inbox_names)
    changed = []
    with audit.locked(staging_dir() / ".approve.lock"):
        for record in submissions(status="approved"):
            if inbox_name(record) not in names:
                continue
            reason = f"→ {published}"  # the version the rollback restored, in any language
            record |= {
                "status": "withdrawn",
                "reason": reason,
                "decided_by": actor,
                "decided_at": audit.now(),
            }
            _write_json(_record_path(record["id"]), record)
            audit.append(_audit_line("withdrawn", record, actor, reason=reason, version=published))
            changed.append(record)
    return changed


def reject(submission_id: str, actor: User, reason: str) -> dict[str, Any]:
    """Refuse a pending submission with a reason the submitter will read; nothing served changes."""
    steward = _steward(actor)
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise SubmissionError("hãy ghi lý do từ chối / write the reason for the rejection")
    with audit.locked(staging_dir() / ".approve.lock"):
        record = _pending(submission_id)
        record |= {
            "status": "rejected",
            "reason": reason[:1000],
            "decided_by": steward.name,
            "decided_at": audit.now(),
        }
        _write_json(_record_path(submission_id), record)
        audit.append(_audit_line("rejected", record, steward.name, reason=record["reason"]))
    return record
