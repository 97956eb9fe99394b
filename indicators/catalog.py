"""Reference lookups for the pages: sources, tasks with their latest status, targets of an
indicator, observed years, and the map layers (province outlines, gates, economic zones)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from indicators.domain import PERIOD_PREFIX
from indicators.formatting import fold


def source_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT * FROM sources ORDER BY kind, issued_on NULLS LAST, source_id").df()


def source_kinds(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT kind FROM sources ORDER BY 1").fetchall()]


def observed_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Every year with an observation or with trade flows (the range of the year filter)."""
    rows = con.execute(
        "SELECT year FROM observations UNION SELECT DISTINCT year FROM trade_monthly ORDER BY 1"
    ).fetchall()
    return [int(r[0]) for r in rows]


def tasks_with_status(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every assigned task with its latest reported status ('no_report' when none was loaded), its
    document (number, issuer, title), its group's name, whose plan it is (`geo_code`, and
    `for_border_provinces` for the resolution's tasks of every border province) and, where the 2025
    reorganisation moved the work, the successor agency."""
    return con.execute(
        """
        WITH latest AS (
            SELECT * FROM task_status
            QUALIFY row_number() OVER (PARTITION BY task_id ORDER BY reported_on DESC) = 1
        )
        SELECT t.task_id, t.source_id, coalesce(s.doc_number, t.source_id) AS document,
               s.issuer AS doc_issuer, s.title AS doc_title, t.clause, t.task_group,
               g.name_vi AS group_vi, g.name_en AS group_en, t.geo_code, t.for_border_provinces,
               t.agency_vi, t.agency_en, t.agency_successor_vi, t.agency_successor_en,
               t.summary_vi, t.summary_en, coalesce(l.status, 'no_report') AS status, l.reported_on
        FROM resolution_tasks t JOIN sources s USING (source_id) LEFT JOIN latest l USING (task_id)
        LEFT JOIN task_groups g USING (task_group)
        ORDER BY s.issued_on, t.rowid  -- document order, as the CSV lists the clauses
        """
    ).df()


# ---------------------------------------------------------------- agencies and task search

# A new agency starts after ", " or " và " / " and " only where the next words name an agency:
# "Bộ Công an và Bộ Quốc phòng" is two agencies, "Bộ Kế hoạch và Đầu tư" and
# "Bộ Lao động, Thương binh và Xã hội" are one.
_AGENCY_HEADS = (
    "Bộ ",
    "Sở ",
    "Ban ",
    "Công an ",
    "Ngân hàng ",
    "UBND ",
    "Ủy ban ",
    "Uỷ ban ",
    "Văn phòng ",
    "Tổng cục ",
    "Cục ",
    "Ministry ",
    "Department ",
    "Provincial ",
    "Committee ",
    "Vietnam Bank ",
    "Office ",
    "General Department ",
)
_AGENCY_SPLIT = re.compile(
    r"\s*(?:,|;|\s(?:và|and))\s+(?=(?:" + "|".join(re.escape(h) for h in _AGENCY_HEADS) + "))"
)


def split_agencies(text: object) -> list[str]:
    """The individual agencies of an assignment ("Bộ Công an và Bộ Quốc phòng" → both)."""
    if not isinstance(text, str) or not text.strip():
        return []
    return [part.strip() for part in _AGENCY_SPLIT.split(text.strip()) if part.strip()]


def agency_key(name: str) -> str:
    """A spelling-tolerant key: no diacritics, case or punctuation ('Bộ Lao động – Thương binh và
    Xã hội' and 'Bộ Lao động, Thương binh và Xã hội' are the same agency)."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(_without_notes(name))).split())


def _without_notes(name: str) -> str:
    """'Bộ Nội vụ (lao động, việc làm)' → 'Bộ Nội vụ': the agency, without what part of it."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip() or name


def task_agencies(vi: object, en: object) -> list[tuple[str, str]]:
    """(Vietnamese, English) name of each agency of an assignment, paired in order; an assignment
    whose two languages do not split alike stays one agency."""
    parts_vi, parts_en = split_agencies(vi), split_agencies(en)
    if len(parts_vi) != len(parts_en):
        parts_vi = [vi.strip()] if isinstance(vi, str) and vi.strip() else []
        parts_en = [en.strip()] if isinstance(en, str) and en.strip() else [*parts_vi]
        if len(parts_en) != len(parts_vi):
            parts_en = [*parts_vi]
    return list(zip(parts_vi, parts_en, strict=True))


_SHARED_WORDS = ("bo", "nganh", "co quan", "so", "ban")


def is_shared_assignment(agency_vi: object) -> bool:
    """An assignment to every relevant ministry or department at once ("Các bộ, ngành có liên
    quan …", "Bộ trưởng, Thủ trưởng cơ quan ngang bộ …", "Các sở, ban, ngành …"), not to localities."""
    if not isinstance(agency_vi, str):
        return False
    key = agency_key(agency_vi)
    if not (key.startswith("cac ") or key.startswith("bo truong")):
        return False
    words = f" {key} "
    return any(f" {w} " in words for w in _SHARED_WORDS)


def agency_directory(tasks: pd.DataFrame) -> pd.DataFrame:
    """Every individual agency named by the tasks (as assigned, or as the successor after the 2025
    merger): key, name_vi, name_en, n_tasks, successor (True when only a successor name)."""
    found: dict[str, dict[str, object]] = {}
    for row in tasks.itertuples(index=False):
        pairs = [(p, False) for p in task_agencies(row.agency_vi, row.agency_en)]
        pairs += [(p, True) for p in task_agencies(row.agency_successor_vi, row.agency_successor_en)]
        seen_here: set[str] = set()
        for (vi, en), is_successor in pairs:
            key = agency_key(vi)
            vi, en = _without_notes(vi), _without_notes(en)
            entry = found.setdefault(
                key, {"key": key, "name_vi": vi, "name_en": en, "n_tasks": 0, "successor": True}
            )
            entry["successor"] = bool(entry["successor"]) and is_successor
            if key not in seen_here:
                entry["n_tasks"] = int(entry["n_tasks"]) + 1  # type: ignore[arg-type]
                seen_here.add(key)
    frame = pd.DataFrame(found.values(), columns=["key", "name_vi", "name_en", "n_tasks", "successor"])
    return frame.sort_values("name_vi", key=lambda s: s.map(agency_key)).reset_index(drop=True)


@dataclass(frozen=True)
class TaskQuery:
    """What the tasks page filters on (all optional): documents by source id, agencies by
    `agency_key`, group numbers (0 = no group), status codes and free text."""

    documents: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    groups: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    text: str = ""
    shared: bool = True  # also the tasks given to "every relevant ministry / department"


def task_keys(row: object) -> set[str]:
    """The agency keys a task answers to: its own agencies and their successors."""
    keys = {agency_key(vi) for vi, _ in task_agencies(row.agency_vi, row.agency_en)}  # type: ignore[attr-defined]
    keys |= {
        agency_key(vi)
        for vi, _ in task_agencies(row.agency_successor_vi, row.agency_successor_en)  # type: ignore[attr-defined]
    }
    return keys


def filter_tasks(tasks: pd.DataFrame, q: TaskQuery) -> pd.DataFrame:
    """The tasks matching every given criterion. An agency matches a task it shares with others
    ("Bộ Quốc phòng" finds "Bộ Công an và Bộ Quốc phòng"), a task moved to it by the 2025 merger,
    and (with `shared`) a task given to every relevant ministry or department of a document it has
    tasks in. Text matches clause, agency, group and task text, ignoring case and diacritics
    ("quoc phong" finds "Quốc phòng")."""
    keep = pd.Series(True, index=tasks.index)
    if q.documents:
        keep &= tasks["source_id"].isin(q.documents)
    if q.groups:
        groups = tasks["task_group"].map(lambda g: 0 if pd.isna(g) else int(g))
        keep &= groups.isin(q.groups)
    if q.statuses:
        keep &= tasks["status"].isin(q.statuses)
    if q.agencies:
        wanted = set(q.agencies)
        own = pd.Series(
            [bool(task_keys(r) & wanted) for r in tasks.itertuples(index=False)], index=tasks.index
        )
        if q.shared:
            docs = set(tasks.loc[own, "source_id"])
            own |= tasks["agency_vi"].map(is_shared_assignment) & tasks["source_id"].isin(docs)
        keep &= own
    if q.text.strip():
        needles = fold(q.text).split()
        columns = [
            c
            for c in (
                "clause",
                "document",
                "agency_vi",
                "agency_en",
                "agency_successor_vi",
                "agency_successor_en",
                "summary_vi",
                "summary_en",
                "group_vi",
                "group_en",
            )
            if c in tasks
        ]
        haystack = tasks[columns].fillna("").astype(str).agg(" ".join, axis=1).map(fold)
        keep &= haystack.map(lambda h: all(n in h for n in needles))
    return tasks[keep]


# ---------------------------------------------------------------- issuers and source labels

# Vietnamese issuers (and common prefixes of them) → English names.
ISSUERS_EN: dict[str, str] = {
    "Chính phủ": "Government of Viet Nam",
    "Thủ tướng Chính phủ": "Prime Minister",
    "Quốc hội": "National Assembly",
    "Ủy ban Thường vụ Quốc hội": "National Assembly Standing Committee",
    "Văn phòng Chính phủ": "Government Office",
    "Tổng cục Thống kê": "General Statistics Office",
    "Cục Thống kê": "Statistics Office",
    "Tổng cục Hải quan": "General Department of Customs",
    "Cục Hải quan": "Customs Department",
    "Bộ Công Thương": "Ministry of Industry and Trade",
    "Bộ Kế hoạch và Đầu tư": "Ministry of Planning and Investment",
    "Bộ Tài chính": "Ministry of Finance",
    "Bộ Ngoại giao": "Ministry of Foreign Affairs",
    "Bộ Quốc phòng": "Ministry of National Defence",
    "Bộ Công an": "Ministry of Public Security",
    "Bộ Nội vụ": "Ministry of Home Affairs",
    "Bộ Y tế": "Ministry of Health",
    "Bộ Xây dựng": "Ministry of Construction",
    "Bộ Giao thông vận tải": "Ministry of Transport",
    "Bộ Giáo dục và Đào tạo": "Ministry of Education and Training",
    "Bộ Khoa học và Công nghệ": "Ministry of Science and Technology",
    "Bộ Thông tin và Truyền thông": "Ministry of Information and Communications",
    "Bộ Nông nghiệp và Phát triển nông thôn": "Ministry of Agriculture and Rural Development",
    "Bộ Nông nghiệp và Môi trường": "Ministry of Agriculture and Environment",
    "Bộ Tài nguyên và Môi trường": "Ministry of Natural Resources and Environment",
    "Bộ Văn hóa, Thể thao và Du lịch": "Ministry of Culture, Sports and Tourism",
    "Bộ Lao động, Thương binh và Xã hội": "Ministry of Labour, Invalids and Social Affairs",
    "Bộ Dân tộc và Tôn giáo": "Ministry of Ethnic and Religious Affairs",
    "Ủy ban Dân tộc": "Committee for Ethnic Minority Affairs",
    "Ngân hàng Nhà nước Việt Nam": "State Bank of Viet Nam",
    "Ngân hàng Chính sách xã hội": "Vietnam Bank for Social Policies",
    "Sở Công Thương": "Department of Industry and Trade",
    "Sở Kế hoạch và Đầu tư": "Department of Planning and Investment",
    "Sở Tài chính": "Department of Finance",
    "Phòng Quản lý thương mại": "Trade Management Division",
    "Tạp chí Cộng sản": "Communist Review",
    "Thông tấn xã Việt Nam": "Vietnam News Agency",
    "Thời báo Tài chính Việt Nam": "Vietnam Financial Times",
    "Báo Công Thương": "Industry and Trade Newspaper",
    "Wikipedia tiếng Việt": "Vietnamese Wikipedia",
    "Phòng Thương mại và Công nghiệp Việt Nam": "Vietnam Chamber of Commerce and Industry",
    "UBND tỉnh": "Provincial People's Committee",
}
# "UBND tỉnh Lạng Sơn" → "Lạng Sơn Provincial People's Committee" and the like: (pattern, English).
_ISSUER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) tỉnh (?P<p>[^(,;]+?)\s*$"),
        "{p} Provincial People's Committee",
    ),
    (
        re.compile(r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) (?:thành phố|TP\.?) (?P<p>[^(,;]+?)\s*$"),
        "{p} City People's Committee",
    ),
    (re.compile(r"^Sở (?P<d>.+?) tỉnh (?P<p>[^(,;]+?)\s*$"), "{p} Department of {d}"),
    (re.compile(r"^Ban Quản lý Khu kinh tế tỉnh (?P<p>[^(,;]+?)\s*$"), "{p} Economic Zone Authority"),
    (
        re.compile(r"^Cổng thông tin Đảng bộ tỉnh (?P<p>[^(,;]+?)\s*$"),
        "{p} Provincial Party Committee portal",
    ),
    (re.compile(r"^Báo (?P<n>[^(,;]+?)\s*$"), "{n} newspaper"),
)


def _issuer_key(name: str) -> str:
    """Like `agency_key`, but a note in brackets is part of the name ('Tạp chí Cộng sản (tác giả)')."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


_ISSUER_KEYS = {_issuer_key(k): v for k, v in ISSUERS_EN.items()}


def _issuer_en(name: str) -> str | None:
    exact = _ISSUER_KEYS.get(_issuer_key(name))
    if exact is not None:
        return exact
    for pattern, english in _ISSUER_PATTERNS:
        m = pattern.match(name)
        if not m:
            continue
        parts = m.groupdict()
        if "d" in parts:  # "Sở Công Thương tỉnh X": the department's own English name
            department = _issuer_en(f"Sở {parts['d']}")
            if department is None:
                continue
            parts["d"] = department.removeprefix("Department of ")
        return english.format(**parts)
    return None


def issuer_name(issuer: object, lang: str, issuer_en: object = None) -> str:
    """An issuer as the reader's language names it. English: the sources table's `issuer_en` where
    it has one, else the known English name of a Vietnamese issuer ("Chính phủ" → "Government of
    Viet Nam", "UBND tỉnh Lạng Sơn" → "Lạng Sơn Provincial People's Committee"), part by part for
    "A - B" and "A (detail)"; an issuer already in English, or unknown, is returned as it is."""
    if not isinstance(issuer, str) or not issuer.strip():
        return ""
    issuer = issuer.strip()
    if lang == "vi":
        return issuer
    if isinstance(issuer_en, str) and issuer_en.strip():
        return issuer_en.strip()
    whole = _issuer_en(issuer)
    if whole is not None:
        return whole
    head, paren, rest = issuer.partition(" (")
    if paren:  # "Tạp chí Cộng sản (Chu Văn Tuấn, …)" → "Communist Review (Chu Văn Tuấn, …)"
        inner = rest[:-1] if rest.endswith(")") else rest
        inner_en = _issuer_en(inner) or inner
        return f"{issuer_name(head, lang)} ({inner_en})"
    if " - " in issuer:  # "Phòng Quản lý thương mại - Sở Công Thương"
        parts = [_issuer_en(p) for p in issuer.split(" - ")]
        if all(parts):
            return ", ".join(p for p in parts if p)
    return issuer


def source_label(source: Mapping[str, object], lang: str, with_title: bool = False) -> str:
    """A source as a reader knows it: issuer and document number ("Chính phủ, 23/NQ-CP"), or issuer
    and year where it has no number; `with_title` adds the title."""
    issuer = issuer_name(source.get("issuer"), lang, source.get("issuer_en"))
    number = source.get("doc_number")
    detail = number if isinstance(number, str) and number.strip() else None
    issued = source.get("issued_on")
    if detail is None and issued is not None and not pd.isna(issued):  # type: ignore[call-overload]
        try:
            detail = str(pd.Timestamp(issued).year)  # type: ignore[arg-type]
        except (ValueError, TypeError):
            detail = None
    label = ", ".join(x for x in (issuer, detail) if x)
    title = source.get("title")
    if with_title and isinstance(title, str) and title:
        label = f"{label} — {title}" if label else title
    return label or str(source.get("source_id") or "")


def source_labels(sources: pd.DataFrame, source_ids: object, lang: str, with_title: bool = False) -> str:
    """Readable labels for a value's source ids (';'-joined where it has several), from the
    sources table (`source_list`); an id not in the table stays as it is."""
    if not isinstance(source_ids, str) or not source_ids.strip():
        return ""
    table = sources.set_index("source_id") if "source_id" in sources.columns else sources
    labels = []
    for sid in dict.fromkeys(s.strip() for s in source_ids.split(";") if s.strip()):
        if sid in table.index:
            row = {"source_id": sid, **table.loc[sid].to_dict()}
            labels.append(source_label(row, lang, with_title))
        else:
            labels.append(sid)
    return "; ".join(labels)


def targets_for(con: duckdb.DuckDBPyConnection, indicator: str, geo_codes: list[str]) -> pd.DataFrame:
    """The targets of an indicator for the places, with what a chart needs to draw each one as what
    it is (a level, a range, one year's plan, or a rate of change that is no level at all)."""
    return con.execute(
        """
        SELECT t.target_id, t.target_type, t.comparator, t.target_value, t.target_value_high,
               t.target_year, t.baseline_year, t.geo_code, t.source_id, t.clause, i.unit
        FROM targets t JOIN indicators i USING (indicator_code)
        WHERE t.indicator_code = $i AND list_contains($g, t.geo_code)
        ORDER BY t.target_year NULLS LAST, t.target_id
        """,
        {"i": indicator, "g": geo_codes},
    ).df()


def related_indicators(con: duckdb.DuckDBPyConnection, indicator: str) -> pd.DataFrame:
    """The other indicators of the same series group (another standard or definition of the same
    thing), with the group's break note: shown beside, never joined to, the indicator's line."""
    return con.execute(
        """
        SELECT o.indicator_code, o.name_vi, o.name_en, o.break_note_vi, o.break_note_en
        FROM indicators i JOIN indicators o
          ON o.series_group = i.series_group AND o.indicator_code <> i.indicator_code AND o.unit = i.unit
        WHERE i.indicator_code = $i
        ORDER BY o.indicator_code
        """,
        {"i": indicator},
    ).df()


def province_outlines(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """GeoJSON outline, names and border lines of every province of the period."""
    return con.execute(
        """
        SELECT s.province_code AS geo_code, p.name_vi, p.name_en, s.geometry_geojson,
               coalesce(list(b.border_line ORDER BY b.border_line) FILTER (b.border_line IS NOT NULL), [])
                   AS border_lines
        FROM province_shapes s JOIN provinces p USING (province_code)
        LEFT JOIN province_borders b USING (province_code)
        WHERE starts_with(s.province_code, $prefix)
        GROUP BY ALL ORDER BY 1
        """,
        {"prefix": PERIOD_PREFIX[period]},
    ).df()


def archipelago_outlines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT * FROM archipelagos").df()


def gates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Gates with coordinates and the post-merger province they now lie in."""
    return con.execute(
        """
        SELECT g.*, p.name_vi AS province_vi, p.name_en AS province_en, s.new_code
        FROM border_gates g JOIN provinces p USING (province_code)
        LEFT JOIN province_successions s ON s.old_code = g.province_code
        ORDER BY g.border_line, g.province_code, g.gate_id
        """
    ).df()


def economic_zones(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        """
        SELECT z.*, p.name_vi AS province_vi, p.name_en AS province_en, s.new_code
        FROM economic_zones z JOIN provinces p USING (province_code)
        LEFT JOIN province_successions s ON s.old_code = z.province_code
        ORDER BY z.border_line, z.province_code
        """
    ).df()
