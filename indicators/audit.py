"""The audit trail of the reporting cycle as the published warehouse holds it (`audit_log`, loaded
by every build from data/audit.jsonl — see etl/audit.py): for the Sources page and exports."""

from __future__ import annotations

import duckdb
import pandas as pd

COLUMNS = [
    "acted_at",
    "action",
    "submission_id",
    "agency_code",
    "user_name",
    "file_name",
    "sha256",
    "rows",
    "changes",
    "reason",
    "version",
]


def _has_audit(con: duckdb.DuckDBPyConnection) -> bool:
    ((found,),) = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit_log'"
    ).fetchall()
    return bool(found)


def audit_log(con: duckdb.DuckDBPyConnection, limit: int = 500) -> pd.DataFrame:
    """The latest `limit` audit lines, newest first (empty for a warehouse built before the log)."""
    if not _has_audit(con):
        return pd.DataFrame(columns=COLUMNS)
    return con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM audit_log ORDER BY acted_at DESC, submission_id DESC LIMIT $n",
        {"n": limit},
    ).df()


def latest_approval(con: duckdb.DuckDBPyConnection) -> str:
    """'<submission> · <agency> · approved by <steward> · <time> · sha256 <first 16>' of the newest
    approval in this version, or '' when there is none."""
    if not _has_audit(con):
        return ""
    rows = con.execute(
        "SELECT submission_id, agency_code, user_name, acted_at, sha256 FROM audit_log "
        "WHERE action = 'approved' ORDER BY acted_at DESC, submission_id DESC LIMIT 1"
    ).fetchall()
    if not rows:
        return ""
    ((submission, agency, steward, at, sha),) = rows
    return f"{submission} · {agency} · {steward} · {at} · sha256 {str(sha)[:16]}"
