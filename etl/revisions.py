"""Corrections, not only additions: replay the revisions departments submit, keeping what they replace.

A row of the submission template with `revision` = true (and a `revision_reason`) replaces the value
already held for its key (indicator_code, geo_code, year) — from the reference data or an earlier
inbox file. The replaced value is kept in `observation_revisions`; the new one becomes the current
observation with `revised` = true. A plain row (revision blank or false) for a key that already has
a value stays a duplicate and is refused with how to revise it (`etl.validate.duplicate_keys`).

Replay order, the same on every build because the inbox files are kept:
1. every plain value (the reference data, then the inbox files) is the base;
2. the revision rows apply over it in the order the build reads the inbox: by file name, then row.
So one correction never depends on the order; two corrections of one figure apply in file-name order
(name files so they sort as received, e.g. `2025-11-20-so-cong-thuong.xlsx`). Modification times
are not used: copying a folder or cloning a repository changes them.
A revision of a key that has no value yet is simply its first value (nothing to keep).
"""

from __future__ import annotations

import pandas as pd

from etl.contracts import OBSERVATIONS
from etl.messages import text as msg
from etl.problems import Problem

KEY = list(OBSERVATIONS.key)
# The warehouse table of replaced values: one row per value a revision replaced, oldest first.
HISTORY_COLUMNS = [
    "indicator_code",
    "geo_code",
    "year",
    "revision_order",  # 1 = the first value of the key, 2 = the first revision's value, …
    "value",
    "comparator",
    "status",
    "source_id",
    "clause",
    "note",
    "from_file",  # where the replaced value came from: reference/observations.csv or inbox/FILE
    "replaced_by_file",  # the inbox file whose revision replaced it
    "replaced_by_row",
    "new_value",  # the value that replaced it
    "revision_reason",  # the reason the replacing row gave
]


def _origin(row: pd.Series) -> str:
    name = str(row["_file"])
    return f"inbox/{name}" if isinstance(row.get("_unit"), str) else f"reference/{name}"


def replay(observations: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """(every row, each marked `_superseded` or `revised`; the history of replaced values; problems).

    All rows stay in the first frame so every one of them is still checked (sources, ranges …);
    the caller keeps the rows not superseded as the current observations."""
    frame = observations.copy()
    if "revision" not in frame:
        frame["revision"] = False
    if "revision_reason" not in frame:
        frame["revision_reason"] = None
    is_revision = frame["revision"].map(lambda v: v is True).to_numpy()
    frame["_superseded"] = False
    frame["revised"] = False
    problems: list[Problem] = []
    history: list[dict[str, object]] = []

    current: dict[tuple, int] = {}  # key → index of the row holding its value now
    for index in frame.index[~is_revision]:
        current.setdefault(tuple(frame.loc[index, KEY]), index)  # later plain rows: duplicates
    order: dict[tuple, int] = {}
    seen_in_file: dict[tuple, int] = {}
    for index in frame.index[is_revision]:
        row = frame.loc[index]
        key = tuple(row[KEY])
        reason = row["revision_reason"]
        if not (isinstance(reason, str) and reason.strip()):
            problems.append(
                Problem(
                    str(row["_file"]), int(row["_row"]), "revision_reason", msg("revision_reason_missing")
                )
            )
            frame.loc[index, "_superseded"] = True  # refused anyway; keep it out of the duplicate check
            continue
        file_key = (row["_file"], *key)
        if file_key in seen_in_file:
            first = frame.loc[seen_in_file[file_key]]
            label = ", ".join(f"{k}={row[k]}" for k in KEY)
            where = f"{first['_file']}:{first['_row']}"
            problems.append(
                Problem(
                    str(row["_file"]),
                    int(row["_row"]),
                    "year",
                    msg("revision_twice", label=label, where=where),
                )
            )
            frame.loc[index, "_superseded"] = True
            continue
        seen_in_file[file_key] = index
        previous = current.get(key)
        current[key] = index
        if previous is None:
            continue  # a first value, flagged as a revision: nothing to keep
        old = frame.loc[previous]
        order[key] = order.get(key, 0) + 1
        frame.loc[previous, "_superseded"] = True
        frame.loc[index, "revised"] = True
        history.append(
            {
                **{k: old[k] for k in KEY},
                "revision_order": order[key],
                "value": old["value"],
                "comparator": old["comparator"],
                "status": old["status"],
                "source_id": old["source_id"],
                "clause": old["clause"],
                "note": old["note"],
                "from_file": _origin(old),
                "replaced_by_file": str(row["_file"]),
                "replaced_by_row": int(row["_row"]),
                "new_value": row["value"],
                "revision_reason": reason.strip(),
            }
        )
    frame["_superseded"] = frame["_superseded"].astype(bool)
    frame["revised"] = frame["revised"].astype(bool)
    return frame, history_frame(history), problems


def history_frame(records: list[dict[str, object]] | None = None) -> pd.DataFrame:
    """The history rows with the warehouse table's columns and types (also when empty)."""
    frame = pd.DataFrame.from_records(records or [], columns=HISTORY_COLUMNS)
    for column in ("year", "revision_order", "replaced_by_row"):
        frame[column] = frame[column].astype("int64")
    for column in ("value", "new_value"):
        frame[column] = frame[column].astype("float64")
    return frame
