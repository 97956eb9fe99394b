"""Data contracts: the columns, types, keys, accepted values and relationships of every table.

One `Table` per warehouse table, declared once here and enforced by `etl.validate` on every build
and every `check`. `docs/data-model.md` is rendered from them (`python -m etl data-model`). The
domain's codes and bounds come from `indicators.domain`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from indicators.domain import BORDER_LINES, COUNTRY, MAX_YEAR, MIN_YEAR, PERIOD_PREFIX, PERIODS, SOURCE_KINDS

ColumnType = Literal[
    "text", "code", "int", "number", "bool", "date", "unit", "text_list"
]  # unit: either language

UNITS = ("million USD", "bn VND", "million VND", "%", "% yoy", "count", "km", "ha")
TOPICS = (
    "trade",
    "zones",
    "gates",
    "industry",
    "poverty",
    "economy",
    "budget",
    "social",
    "infrastructure",
    "territory",
)
OBSERVATION_STATUSES = ("reported", "derived", "estimate")
# How a stated value relates to the true one: "=" as printed, ">" a lower bound ("hơn", "trên",
# "over"), "<" an upper bound ("dưới", "under"), "~" approximate ("khoảng", "gần", "about").
OBSERVATION_COMPARATORS = ("=", ">", "<", "~")
# Target comparators: levels (">=", "<=", ">", "<", "=", "~" about), "between" a range from
# target_value to target_value_high ("7 - 7,5%"), and rates of change per year over the period
# baseline_year → target_year: "reduce_by_per_year" (in the indicator's unit, i.e. percentage points
# for a rate in %) and "increase_by_per_year" (in % a year, compound). See indicators/progress.py.
LEVEL_COMPARATORS = (">=", "<=", ">", "<", "=", "~", "between")
RATE_COMPARATORS = ("reduce_by_per_year", "increase_by_per_year")
TARGET_COMPARATORS = (*LEVEL_COMPARATORS, *RATE_COMPARATORS)
# level: reach (or keep, when there is no deadline) a level by target_year, judged by pace;
# annual: a one-year plan figure, judged on the value of target_year itself;
# rate: an average yearly change over baseline_year → target_year (a rate comparator).
TARGET_TYPES = ("level", "annual", "rate")
TRADE_DIRECTIONS = ("export", "import")
TASK_STATUSES = ("not_started", "in_progress", "done", "overdue")

# Allowed range of an observation value by its indicator's unit: (lowest, highest), None = open.
RANGE_BY_UNIT: dict[str, tuple[float | None, float | None]] = {
    "million USD": (0, None),
    "bn VND": (0, None),
    "million VND": (0, None),
    "%": (0, 100),
    "% yoy": (-100, None),
    "count": (0, None),
    "km": (0, None),
    "ha": (0, None),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType = "text"
    required: bool = False
    accepted: tuple[str, ...] | None = None
    references: str | None = None  # "table.column" that must hold this value
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None  # a regular expression the whole value must match
    pattern_help: str = ""  # what a matching value looks like, for the steward
    default: str | None = None  # the value of a blank (or absent) optional cell


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, type_: ColumnType = "text", **kw: object) -> Column:
    return Column(name, type_, **kw)  # type: ignore[arg-type]


SOURCES = Table(
    "sources",
    (
        _c("source_id", "code", required=True),
        _c("title", required=True),
        _c("issuer", required=True),
        _c("doc_number"),
        _c("issued_on", "date"),
        _c("url"),
        _c("kind", "code", required=True, accepted=SOURCE_KINDS),
        _c("note"),
    ),
    key=("source_id",),
    description="Every document, statistic, article or dataset a row cites.",
)

PROVINCES = Table(
    "provinces",
    (
        _c("province_code", "code", required=True),
        _c("gso_code", "code", required=True),
        _c("name_vi", required=True),
        _c("name_en", required=True),
        _c("iso_3166_2", "code"),
        _c("valid_from", "date", required=True),
        _c("valid_to", "date"),
        _c("source_id", "code", required=True, references="sources.source_id"),
    ),
    key=("province_code",),
    description="The 63 provinces before 1 July 2025 (VN63-xx) and the 34 after (VN34-xx).",
)

PROVINCE_SUCCESSIONS = Table(
    "province_successions",
    (
        _c("old_code", "code", required=True, references="provinces.province_code"),
        _c("new_code", "code", required=True, references="provinces.province_code"),
        _c("effective_on", "date", required=True),
        _c("source_id", "code", required=True, references="sources.source_id"),
    ),
    key=("old_code", "new_code"),
    description="The 2025 merger crosswalk, old province → new province.",
)

PROVINCE_BORDERS = Table(
    "province_borders",
    (
        _c("province_code", "code", required=True, references="provinces.province_code"),
        _c("border_line", "code", required=True, accepted=BORDER_LINES),
        _c("length_km", "number", minimum=0),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("note"),
    ),
    key=("province_code", "border_line"),
    description="Which land-border line(s) each border province sits on.",
)

BORDER_GATES = Table(
    "border_gates",
    (
        _c("gate_id", "code", required=True),
        _c("name_vi", required=True),
        _c("province_code", "code", required=True, references="provinces.province_code"),
        _c("border_line", "code", required=True, accepted=BORDER_LINES),
        _c("gate_type", "code", required=True, accepted=("international", "main", "secondary")),
        _c("counterpart_vi"),
        _c("lat", "number", minimum=8, maximum=24),
        _c("lon", "number", minimum=102, maximum=110),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("coord_source_id", "code", references="sources.source_id"),
        _c("note"),
        _c("class_as_of", "date"),  # the date gate_type is known to hold (an upgrade, an opening, a report)
    ),
    key=("gate_id",),
    description="Border gates named by a source, typed per Decree 112/2014 as amended.",
)

ECONOMIC_ZONES = Table(
    "economic_zones",
    (
        _c("zone_id", "code", required=True),
        _c("name_vi", required=True),
        _c("province_code", "code", required=True, references="provinces.province_code"),
        _c("border_line", "code", required=True, accepted=BORDER_LINES),
        _c("is_key_zone", "bool", required=True),
        _c("status", "code", required=True, accepted=("confirmed", "partial")),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("note"),
    ),
    key=("zone_id",),
    description="The border-gate economic zones; key zones per Official letter 1804/TTg-CN.",
)

INDICATORS = Table(
    "indicators",
    (
        _c("indicator_code", "code", required=True),
        _c("name_vi", required=True),
        _c("name_en", required=True),
        _c("unit", required=True, accepted=UNITS),
        _c("higher_is_better", "bool", required=True),
        _c("topic", "code", required=True, accepted=TOPICS),
        _c("definition_vi"),
        _c("definition_en"),
        # indicators that measure one topic across a break of definition (e.g. a new poverty
        # standard) share a series_group; break_note_* says what changed, for charts and tables
        _c("series_group", "code"),
        _c("break_note_vi"),
        _c("break_note_en"),
    ),
    key=("indicator_code",),
    description="What is measured, in which canonical unit; one definition per code.",
)

OBSERVATIONS = Table(
    "observations",
    (
        _c("indicator_code", "code", required=True, references="indicators.indicator_code"),
        _c("geo_code", "code", required=True),
        _c("year", "int", required=True, minimum=MIN_YEAR, maximum=MAX_YEAR),
        _c("value", "number", required=True),
        _c("comparator", "code", accepted=OBSERVATION_COMPARATORS, default="="),
        _c("status", "code", required=True, accepted=OBSERVATION_STATUSES),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("clause"),
        _c("note"),
    ),
    key=("indicator_code", "geo_code", "year"),
    description="One value of one indicator for one place and year, with its source.",
)

TARGETS = Table(
    "targets",
    (
        _c("target_id", "code", required=True),
        _c("indicator_code", "code", required=True, references="indicators.indicator_code"),
        _c("geo_code", "code", required=True),
        _c("target_type", "code", accepted=TARGET_TYPES, default="level"),
        _c("comparator", "code", required=True, accepted=TARGET_COMPARATORS),
        _c("target_value", "number", required=True),
        _c("target_value_high", "number"),  # the top of a range ("7 - 7,5%", "1 - 1,5 điểm %/năm")
        _c("target_year", "int", minimum=MIN_YEAR, maximum=MAX_YEAR),  # blank: standing target
        _c("baseline_value", "number"),
        _c("baseline_year", "int", minimum=MIN_YEAR, maximum=MAX_YEAR),
        _c("agency_vi"),
        _c("agency_en"),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("clause", required=True),
        _c("quote_vi"),
        _c("note"),
    ),
    key=("target_id",),
    description="Quantitative targets with the clause that sets them.",
)

TASK_GROUPS = Table(
    "task_groups",
    (
        _c("task_group", "int", required=True, minimum=1, maximum=5),
        _c("name_vi", required=True),
        _c("name_en", required=True),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("clause"),
    ),
    key=("task_group",),
    description="The five groups of tasks and solutions of Resolution 23/NQ-CP section III, named.",
)

RESOLUTION_TASKS = Table(
    "resolution_tasks",
    (
        _c("task_id", "code", required=True),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("clause", required=True),
        _c("task_group", "int", minimum=1, maximum=5, references="task_groups.task_group"),
        _c("agency_vi", required=True),
        _c("agency_en", required=True),
        _c("summary_vi", required=True),
        _c("summary_en", required=True),
        # whose plan it is: the country (VN) for the resolution, the province for its own plan
        _c("geo_code", "code", required=True),  # checked like observations' geo_code (VN or a province)
        # a resolution task assigned to the border provinces' authorities: every border province has it
        _c("for_border_provinces", "bool", required=True),
        # the agency that holds the task since the 2025 reorganisation (ministries merged 1 Mar 2025,
        # district level ended 1 Jul 2025), beside the original; blank when unchanged or unsourced
        _c("agency_successor_vi"),
        _c("agency_successor_en"),
        _c("successor_source_id", "code", references="sources.source_id"),
        _c("successor_note"),
    ),
    key=("task_id",),
    description="Tasks that Resolution 23 III and Plan 88 III assign to each agency.",
)

TASK_STATUS = Table(
    "task_status",
    (
        _c("task_id", "code", required=True, references="resolution_tasks.task_id"),
        _c("reported_on", "date", required=True),
        _c("status", "code", required=True, accepted=TASK_STATUSES),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("note"),
    ),
    key=("task_id", "reported_on"),
    description="Reported implementation status of a task (a task-status submission).",
)

HS_SECTIONS = Table(
    "hs_sections",
    (
        _c("hs_section", "code", required=True),
        _c("name_vi", required=True),
        _c("name_en", required=True),
        _c("source_id", "code", required=True, references="sources.source_id"),
    ),
    key=("hs_section",),
    description="The 21 sections (I–XXI) of the Harmonized System, in Vietnamese and English.",
)

AGENCY_KINDS = ("ministry", "province_department", "province")

AGENCIES = Table(
    "agencies",
    (
        _c("agency_code", "code", required=True),
        _c("name_vi", required=True),
        _c("name_en", required=True),
        _c("kind", "code", required=True, accepted=AGENCY_KINDS),
        # VN for a ministry; the province's code for a province or its department (see etl/staging.py:
        # what an agency may submit)
        _c(
            "geo_code",
            "code",
            required=True,
            pattern="|".join([COUNTRY, *(rf"{prefix}\d\d" for prefix in PERIOD_PREFIX.values())]),
            pattern_help=f"{COUNTRY} or a province code ({', '.join(p + 'xx' for p in PERIOD_PREFIX.values())})",
        ),
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("note"),
    ),
    key=("agency_code",),
    description="Agencies that report under the resolution and the plans; a submitter belongs to one.",
)

# Reference tables, in load order (a table only references tables before it).
REFERENCE_TABLES: tuple[Table, ...] = (
    SOURCES,
    PROVINCES,
    PROVINCE_SUCCESSIONS,
    PROVINCE_BORDERS,
    BORDER_GATES,
    ECONOMIC_ZONES,
    INDICATORS,
    OBSERVATIONS,
    TARGETS,
    TASK_GROUPS,
    RESOLUTION_TASKS,
    TASK_STATUS,
    HS_SECTIONS,
    AGENCIES,
)
TABLES: dict[str, Table] = {t.name: t for t in REFERENCE_TABLES}

SUBMISSION = Table(
    "submission",
    (
        _c("indicator_code", "code", required=True, references="indicators.indicator_code"),
        _c("geo_code", "code", required=True),
        _c("year", "int", required=True, minimum=MIN_YEAR, maximum=MAX_YEAR),
        _c("value", "number", required=True),
        _c("unit", "unit", required=True, accepted=UNITS),  # 'triệu USD' or 'million USD' alike
        _c("source_id", "code", required=True, references="sources.source_id"),
        _c("note"),
        # a correction of a value already loaded: true with a reason (blank = false); see etl/revisions.py
        _c("revision", "bool"),
        _c("revision_reason"),
    ),
    key=("indicator_code", "geo_code", "year"),
    description="A department's figures, in the submission template; loaded into observations.",
)

TRADE_FLOWS = Table(
    "trade_flows",
    (
        _c("gate_id", "code", required=True, references="border_gates.gate_id"),
        _c("year", "int", required=True, minimum=MIN_YEAR, maximum=MAX_YEAR),
        _c("month", "int", required=True, minimum=1, maximum=12),
        _c("direction", "code", required=True, accepted=TRADE_DIRECTIONS),
        _c("hs_section", "code", required=True, references="hs_sections.hs_section"),
        _c(
            "partner_country",
            "code",
            required=True,
            pattern="[A-Z]{2}",
            pattern_help="a two-letter ISO 3166-1 country code such as CN, LA or KH",
        ),
        _c("value_usd", "number", required=True, minimum=0),
        _c("source_id", "code", required=True, references="sources.source_id"),
    ),
    key=(),  # customs lines: several rows may share gate, month, direction, section and partner
    description="Customs-style trade flows through a border gate, one row per declaration line or "
    "monthly total, in US dollars; loaded from submissions (CSV, XLSX, Parquet) or generated.",
)


AUDIT_ACTIONS = ("submitted", "approved", "rejected", "approve_failed", "withdrawn")

AUDIT_LOG = Table(
    "audit_log",
    (
        _c("acted_at", required=True),  # ISO 8601 UTC time of the action
        _c("action", "code", required=True, accepted=AUDIT_ACTIONS),
        _c("submission_id", "code", required=True),
        _c("agency_code", "code", required=True),
        _c("user_name", "code", required=True),  # who acted: the submitter, or the steward
        _c("file_name"),  # the server's name of the file (never the uploader's)
        _c("sha256", "code", required=True),
        _c("rows", "int"),
        _c("changes"),  # what the rows change: "new 2; changed 1 (a: 4270 → 4300); unchanged 0"
        _c("reason"),  # a rejection's reason, a failed approval's error
        _c("version"),  # the warehouse version an approval published
    ),
    key=("acted_at", "submission_id", "action"),
    description="Who submitted, approved or rejected which file, when, its sha256 and the rows it "
    "changed; append-only (data/audit.jsonl), reloaded by every build (etl/audit.py).",
)


# Marts (etl/marts.py): derived in the build, never loaded from files; declared here so that the
# build creates them under their contract (a key broken by a derivation fails the build).
CROSSWALK_FLAGS = ("reported", "mapped", "summed", "weighted", "from_counts")
TARGET_STATUSES = ("achieved", "on_track", "needs_acceleration", "off_track", "no_data")

MARTS: tuple[Table, ...] = (
    Table(
        "places",
        (
            _c("geo_code", "code", required=True),
            _c("period", "code", required=True, accepted=PERIODS),
            _c("kind", "code", required=True, accepted=("country", "province")),
            _c("name_vi", required=True),
            _c("name_en", required=True),
            _c("gso_code", "code"),
            _c("iso_3166_2", "code"),
            _c("border_lines", "text_list", required=True),
            _c("sort_order", "int", required=True),  # the country first, then GSO order
        ),
        key=("geo_code", "period"),
        description="Mart: the country and every province of each geography, names in both "
        "languages, the border lines each lies on.",
    ),
    Table(
        "observations_by_period",
        (
            _c("period", "code", required=True, accepted=PERIODS),
            *OBSERVATIONS.columns,
            _c("crosswalk", "code", required=True, accepted=CROSSWALK_FLAGS),
        ),
        key=("period", "indicator_code", "geo_code", "year"),
        description="Mart: every observation as seen in each geography; a value of the other "
        "geography carried over (mapped) or re-aggregated (summed, weighted, from_counts, all "
        "`derived`) only where honest.",
    ),
    Table(
        "province_points",
        (
            _c("geo_code", "code", required=True, references="provinces.province_code"),
            _c("period", "code", required=True, accepted=PERIODS),
            _c("x", "number", required=True),  # longitude of a point inside the shape
            _c("y", "number", required=True),
            _c("zone_x", "number", required=True),  # another point inside it, for the zones' star
            _c("zone_y", "number", required=True),
        ),
        key=("geo_code",),
        description="Mart: points inside each province's shape (shapely), for its marker and label.",
    ),
    Table(
        "target_progress",
        (
            _c("target_id", "code", required=True, references="targets.target_id"),
            _c("latest_year", "int"),
            _c("latest_value", "number"),
            _c("previous_value", "number"),
            _c("value_source_id", "code"),
            _c("first_year", "int"),
            _c("first_value", "number"),
            _c("status", "code", required=True, accepted=TARGET_STATUSES),
            _c("share_of_way", "number"),
            _c("reason", "code", required=True),
            _c("pace", "number"),
            _c("observed_rate", "number"),
            _c("trend", "text"),
        ),
        key=("target_id",),
        description="Mart: every target assessed (indicators/progress.py): the value that judges "
        "it, status, share of the way, pace and the method's inputs.",
    ),
)

DUCKDB_TYPES = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "int": "INTEGER",
    "number": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
    "text_list": "VARCHAR[]",
}


def create_table_sql(table: Table) -> str:
    """DuckDB's CREATE TABLE for a contract: its types, NOT NULL where required, its key."""
    columns = [
        f"{c.name} {DUCKDB_TYPES[c.type]}{' NOT NULL' if c.required or c.name in table.key else ''}"
        for c in table.columns
    ]
    return f"CREATE TABLE {table.name} ({', '.join(columns)}, PRIMARY KEY ({', '.join(table.key)}))"
