"""Values and rows in words, in the reader's language: numbers with their units and signs, targets as
their documents state them, sources as readers know them, the filters' scope."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from indicators import catalog, formatting
from indicators.filters import Filters
from indicators.formatting import format_change, format_value
from indicators.scope import PlaceScope
from pages import data
from pages.state import lang, tr

# Shape and colour together, so status reads without colour vision too.
STATUS_ICONS = {
    "achieved": "✅",
    "on_track": "🟢",
    "needs_acceleration": "🟠",
    "off_track": "🔴",
    "no_data": "⚪",
}


def status_label(status: str) -> str:
    return f"{STATUS_ICONS[status]} {tr(status)}"


def target_text(row: Any) -> str:
    """A target row's target as its document states it ('≥ 100%', '7–7,5%', 'giảm 2 điểm % mỗi năm')."""
    return formatting.target_text(
        row["comparator"], row["target_value"], row["unit"], lang(), row.get("target_value_high")
    )


def reason_text(reason: str, pace: float | None) -> str:
    """Why a target has its status, in the reader's language (reason keys: indicators.progress)."""
    if pace is None or pd.isna(pace):
        return tr(reason)
    return tr(reason).format(pace=format_value(pace * 100, "%", lang()))


def document_label(row: Any) -> str:
    """A target's or task's document as a reader knows it: its number, else its issuer."""
    for key in ("doc_number", "issuer"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
    return str(row.get("source_id", ""))


def deadline_text(year: object) -> str:
    """The target year, or 'standing' for a target to keep with no deadline."""
    return tr("standing") if year is None or pd.isna(year) else str(int(year))


@st.cache_data(max_entries=4, show_spinner=False)
def _sources_by_id(version: str) -> pd.DataFrame:
    """The sources table indexed once per data version (labels are looked up per cell on a rerun)."""
    return data.source_list().set_index("source_id")


def source_label(source_ids: object) -> str:
    """Sources as a reader knows them ('Chính phủ, 23/NQ-CP'), not by their ids; ';'-joined ids too."""
    return catalog.source_labels(_sources_by_id(str(data.version_path())), source_ids, lang())


def scope_text(f: Filters) -> str:
    """What the filters select, in words: the chosen provinces, else the line's, else all."""
    if f.provinces:
        names = data.places(f.period).set_index("geo_code")["name_vi" if lang() == "vi" else "name_en"]
        return ", ".join(names.get(c, c) for c in f.provinces)
    return tr(f.line) if f.line else tr("provinces_placeholder")


def years_filter_text(f: Filters) -> str:
    """The year filter in words: '2015–2020', 'đến 2015', 'mọi năm'."""
    if f.year_from and f.year_to:
        return f"{f.year_from}–{f.year_to}"
    if f.year_from:
        return f"{tr('from_year')} {f.year_from}"
    if f.year_to:
        return f"{tr('to_year')} {f.year_to}"
    return tr("all_years")


def change_text(value: float, previous: float | None, previous_year: object, unit: str) -> str:
    """'+2.440 triệu USD so với 2015' — the change since the value before, with its unit."""
    if previous is None or pd.isna(previous) or previous_year is None or pd.isna(previous_year):
        return ""
    return f"{format_change(value - previous, unit, lang())} {tr('vs_previous')} {int(previous_year)}"


def value_text(value: float | None, unit: str, comparator: object = "=") -> str:
    """'4.270 triệu USD'; a bound or an approximation keeps its sign: '> 5.000 km', '≈ 30.000 triệu USD'."""
    text = format_value(value, unit, lang())
    sign = formatting.COMPARATOR_SYMBOLS.get(comparator) if isinstance(comparator, str) else None
    return text if sign in (None, "=") or text == "—" else f"{sign} {text}"


def members_text(indicator: str, unit: str, codes: list[str], f: Filters) -> dict[str, str]:
    """For merged provinces (34-province view) without an honest aggregate: their members' own
    latest values, 'Quảng Bình 5% (2022); Quảng Trị 7,71% (2023)', by new province code."""
    merged = [c for c in codes if c.startswith("VN34-")]
    if f.period != "new" or not merged:
        return {}
    rows = data.member_values(indicator, PlaceScope.of(f, merged))
    name = "name_vi" if lang() == "vi" else "name_en"
    return {
        code: "; ".join(
            f"{r[name]} {value_text(r['value'], unit)} ({int(r['year'])})" for _, r in part.iterrows()
        )
        for code, part in rows.groupby("geo_code")
    }


def changes_text(record: dict[str, Any]) -> str:
    """What a staged submission would change, in the reader's language. Records staged before
    the detail was kept carry only the audit log's plain line, shown as it is."""
    detail = record.get("change_detail")
    if not detail:
        return record.get("changes") or ""
    counts = " · ".join(
        f"{tr(f'change_{kind}')} {count_text(n)}" for kind, n in detail["counts"].items() if n
    )
    text = tr("review_changes").format(
        layout=tr(f"layout_{detail['layout']}"), rows=count_text(detail["rows"]), counts=counts
    )
    listed = [f"{key}: {old} → {new}" for key, old, new in detail["changed"]]
    if detail["more_changed"]:
        listed.append(tr("review_more_changed").format(n=count_text(detail["more_changed"])))
    return text + (f" ({'; '.join(listed)})" if listed else "")


def count_text(n: int) -> str:
    """A count in the reader's language (1.234 in Vietnamese, 1,234 in English)."""
    return formatting.format_number(n, lang(), 0)


def audit_table(log: pd.DataFrame) -> pd.DataFrame:
    """Audit lines (the `audit_log` columns) as a table in the reader's language: the action
    worded, the time to the minute (UTC, as the header says)."""
    return pd.DataFrame(
        {
            tr("col_at"): log["acted_at"].astype("string").str[:16].str.replace("T", " "),
            tr("col_action"): log["action"].map(lambda a: tr(f"audit_action_{a}")),
            tr("col_submission"): log["submission_id"],
            tr("col_agency"): log["agency_code"],
            tr("col_user"): log["user_name"],
            tr("col_rows"): log["rows"],
            tr("submit_preview"): log["changes"].fillna(""),
            tr("col_reason"): log["reason"].fillna(""),
            "sha256": log["sha256"],
            tr("data_version"): log["version"].fillna(""),
        }
    )
