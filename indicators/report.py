"""The annual implementation report on Resolution 23/NQ-CP, written from the warehouse.

`report_docx(con, year, province=…, line=…, lang=…)` returns a DOCX in the layout of Vietnamese
administrative documents (Decree 30/2020/NĐ-CP, Appendix I): national title and motto with its rule,
issuing body top left, number and place/date line, «BÁO CÁO» and its summary line, Times New Roman
13 pt on A4 with the decree's margins, sections numbered I., 1., a), the recipients («Nơi nhận») and
a signature block left blank for the signer, and an annex listing every source cited.

The content is organised by the resolution's five task groups (table `task_groups`): for each, the
targets in scope with their status (`indicators.progress.target_scorecard`), a small chart of the key
series with their target levels (`indicators.report_charts`), and the tasks with their latest
reported status by agency. Then the task status by agency, what is missing (targets that cannot be
judged, indicators without a value for the year, tasks without a report) and recommendations.

Everything is judged **as of the report year**: the warehouse's tables are copied into an in-memory
DuckDB with observations up to the year and task reports up to 31 December (`as_of`), so the 2023
report does not use 2025 figures. A target belongs to the year's report when its deadline is not
past (or it has none) and its document was issued by then; a one-year plan figure only in its year.

`scorecard_pdf(con, year, …)` is the same scorecard on one printable A4 landscape page.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import pandas as pd
from babel.dates import format_date
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from indicators import catalog, progress
from indicators.crosswalk import counterparts, successions
from indicators.domain import BORDER_LINES, COUNTRY, PERIOD_PREFIX
from indicators.formatting import format_day, format_number, format_value, target_text, unit_label
from indicators.i18n import t
from indicators.report_charts import (
    STATUS_FILLS,
    Panel,
    ScorecardPage,
    ScorecardRow,
    TargetMark,
    series_chart,
)
from indicators.report_charts import (
    scorecard_pdf as render_scorecard_pdf,
)
from indicators.scope import period_of
from indicators.series import border_province_codes
from l10n import LOCALES

FONT = "Times New Roman"
BODY_PT, TABLE_PT, SMALL_PT = 13, 10.5, 11
GROUPS = (1, 2, 3, 4, 5)
STATUS_ORDER = ("achieved", "on_track", "needs_acceleration", "off_track", "no_data")
SEVERITY = (
    "off_track",
    "needs_acceleration",
    "no_data",
    "on_track",
    "achieved",
)  # leaders read problems first
TASK_STATUS_ORDER = ("done", "in_progress", "not_started", "overdue", "no_report")
TASK_STATUS_KEYS = {s: f"ts_{s}" for s in TASK_STATUS_ORDER}
# A target's task group: the group of the task its clause sets (Resolution 23 III.1.h → group 1), else
# its indicator's topic: resources (budget, investment in border-gate economic zones) → 2,
# infrastructure (gates) → 3, production and trade → 4, social welfare and poverty → 5.
TOPIC_GROUPS = {
    "budget": 2,
    "zones": 2,
    "gates": 3,
    "infrastructure": 3,
    "trade": 4,
    "industry": 4,
    "economy": 4,
    "poverty": 5,
    "social": 5,
}
CITY_GSO = {"01", "31", "48", "79", "92"}  # centrally-run cities (Huế is named «Thành phố Huế»)
MONITOR_TASK = "nq23-IV.2"  # who monitors the resolution and compiles the yearly national report
RESOLUTION_SOURCE = "nq23-2022"
RESOLUTION_ISSUED = dt.date(2022, 3, 2)  # when the warehouse lacks the resolution's own row
MISSING_LOOKBACK = 4  # an indicator with a value in the 4 years before, but none in the report year
MAX_PANELS = 4
MOTTO_MM = {"vi": 56.0, "en": 73.0}  # the motto's length in Times New Roman bold 13 pt
MAX_SERIES = 4


def tx(key: str, lang: str, **values: object) -> str:
    """The document's message `key` (ids `report_…` in the catalogue) in `lang`, {placeholders} filled."""
    text = t(key, lang)
    return text.format(**values) if values else text


def _present(value: object) -> bool:
    if value is None:
        return False
    try:
        return not pd.isna(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return True


def admin_date(day: dt.date | pd.Timestamp, lang: str) -> str:
    """A date as an administrative document writes it: '02/3/2022' (Decree 30: a zero before a day
    below 10 and before months 1 and 2), '2 March 2022' in English."""
    day = pd.Timestamp(day).date()
    pattern = ("dd/MM/y" if day.month <= 2 else "dd/M/y") if lang == "vi" else "d MMMM y"
    return format_date(day, format=pattern, locale=LOCALES[lang])


# ---------------------------------------------------------------- scope and the as-of warehouse


@dataclass(frozen=True)
class Scope:
    year: int
    lang: str
    province: str | None = None
    line: str | None = None
    codes: tuple[str, ...] = ()  # the places, in both geographies; empty: the whole country
    name: str = ""  # 'Lạng Sơn', 'Việt Nam – Trung Quốc', 'Cả nước'
    main_codes: tuple[str, ...] = ()  # one code per place, for "no value this year"
    is_city: bool = False

    @property
    def label(self) -> str:
        """The scope as a title names it: 'Lạng Sơn', 'tuyến biên giới Việt Nam – Trung Quốc'."""
        return tx("report_scope_label_line", self.lang, name=self.name) if self.line else self.name

    @property
    def slug(self) -> str:
        return self.province or self.line or COUNTRY


AS_OF_TABLES: dict[str, str] = {
    "meta": "",
    "sources": "",
    "provinces": "",
    "province_successions": "",
    "province_borders": "",
    "indicators": "",
    "targets": "",
    "resolution_tasks": "",
    "task_groups": "",
    "observations": "WHERE year <= $year",
    "places": "",
    "observations_by_period": "WHERE year <= $year",
    "task_status": "WHERE CAST(reported_on AS DATE) <= $end",
}


def as_of(con: duckdb.DuckDBPyConnection, year: int) -> duckdb.DuckDBPyConnection:
    """An in-memory copy of the reference and fact tables the report reads, as known at the end of
    `year` (observations up to the year, task reports up to 31 December): small tables, copied once;
    the targets assessed again on what was known then (`target_progress`)."""
    present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    mem = duckdb.connect()
    params = {"year": year, "end": dt.date(year, 12, 31)}
    for table, where in AS_OF_TABLES.items():
        if table not in present:
            continue
        used = {k: v for k, v in params.items() if f"${k}" in where}
        data = con.sql(f"SELECT * FROM {table} {where} ORDER BY rowid", params=used).to_arrow_table()
        mem.register("copied", data)
        mem.execute(f"CREATE TABLE {table} AS SELECT * FROM copied")
        mem.unregister("copied")
    mem.register("assessed", progress.assess_targets(mem))
    mem.execute("CREATE TABLE target_progress AS SELECT * FROM assessed")
    mem.unregister("assessed")
    return mem


def scope_for(
    con: duckdb.DuckDBPyConnection, year: int, province: str | None, line: str | None, lang: str
) -> Scope:
    """The places a report covers; ValueError for an unknown province or line."""
    if province and line:
        raise ValueError("choose a province or a line, not both")
    if province:
        rows = con.execute(
            "SELECT name_vi, name_en, gso_code FROM provinces WHERE province_code = $c", {"c": province}
        ).fetchall()
        if not rows:
            raise ValueError(f"unknown province code: {province}")
        row = rows[0]
        other = "new" if province.startswith(PERIOD_PREFIX["old"]) else "old"
        codes = [province, *counterparts(successions(con), [province], other)]
        name = row[0] if lang == "vi" else row[1]
        is_city = row[2] in CITY_GSO or str(row[0]).startswith("Thành phố")
        name = name.removeprefix("Thành phố ") if lang == "vi" else name.removesuffix(" City")
        return Scope(year, lang, province, None, tuple(dict.fromkeys(codes)), name, (province,), is_city)
    if line:
        if line not in BORDER_LINES:
            raise ValueError(f"unknown border line: {line}")
        old = border_province_codes(con, "old", line)
        new = border_province_codes(con, "new", line)
        main = old if year <= 2025 else new
        return Scope(year, lang, None, line, tuple([*old, *new]), t(line, lang), tuple(main))
    return Scope(year, lang, None, None, (), t("country", lang), (COUNTRY,))


# ---------------------------------------------------------------- what the report says


@dataclass
class ChartSpec:
    panels: list[Panel]
    source_ids: list[str]


@dataclass
class ReportData:
    scope: Scope
    meta: dict[str, str]
    targets: pd.DataFrame  # the scorecard rows in scope for the year, with `group`
    tasks: pd.DataFrame  # tasks in scope with their latest status, with `group`
    groups: dict[int, dict[str, object]]  # number → name_vi, name_en, source_id, clause
    sources: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame  # values in scope (both geographies) up to the year, with place names
    missing_values: pd.DataFrame
    borders: pd.DataFrame
    body: dict[str, str]  # issuing body: name, upper (header), short, symbol, place
    plans: pd.DataFrame  # the provincial documents whose tasks are in scope
    charts: dict[int, ChartSpec] = field(default_factory=dict)
    resolution: dict[str, object] = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)
    border_counts: dict[str, int] = field(default_factory=dict)  # provinces with a land border, per period


def _relevant(row: pd.Series, year: int) -> bool:
    """A target belongs to the year's report: a one-year plan in its year; any other target while its
    deadline has not passed (or it has none), once its document has been issued."""
    issued = row.get("issued_on")
    if _present(issued) and pd.Timestamp(issued).year > year:
        return False
    target_year = int(row["target_year"]) if _present(row["target_year"]) else None
    if (row.get("target_type") or "level") == "annual":
        return target_year == year
    return target_year is None or target_year >= year


def _other_line(code: str, line: str) -> bool:
    """A national indicator about another border line ('gates_laos_line_…' in the China report)."""
    return any(f"_{other}_line" in code for other in BORDER_LINES if other != line)


def _split_ids(ids: object) -> list[str]:
    if not isinstance(ids, str):
        return []
    return [s.strip() for s in ids.split(";") if s.strip()]


def _issuing_body(
    con: duckdb.DuckDBPyConnection, scope: Scope, tasks_all: pd.DataFrame
) -> tuple[dict[str, str], list[str]]:
    """Who issues the report and who receives it. A province: its People's Committee, to the ministry
    that compiles the national report (Resolution 23 IV.1.b, IV.2). Otherwise that ministry, to the
    Government. The ministry is the task's successor agency from the 2025 reorganisation on."""
    lang, year = scope.lang, scope.year
    monitor_vi, monitor_en = "Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"
    row = tasks_all[tasks_all["task_id"] == MONITOR_TASK]
    if not row.empty:
        r = row.iloc[0]
        monitor_vi, monitor_en = r["agency_vi"], r["agency_en"]
        if year >= 2025 and _present(r.get("agency_successor_vi")):
            monitor_vi = r["agency_successor_vi"]
            monitor_en = r.get("agency_successor_en") or catalog.issuer_name(monitor_vi, "en")
    monitor = monitor_vi if lang == "vi" else monitor_en
    symbols = {"Bộ Kế hoạch và Đầu tư": "BKHĐT", "Bộ Tài chính": "BTC"}
    coordinator = catalog.issuer_name("Bộ Công Thương", lang)
    if scope.province:
        kind = tx("report_city_kind" if scope.is_city else "report_province_kind", lang)
        values = {"kind": kind, "Kind": kind.capitalize(), "KIND": kind.upper(), "name": scope.name}
        values["NAME"] = scope.name.upper()
        body = {
            "name": tx("report_province_body", lang, **values),
            "upper": tx("report_province_body_upper", lang, **values),
            "symbol": "UBND",
            "place": scope.name,
        }
        recipients = [monitor, coordinator]
    else:
        body = {
            "name": monitor,
            "upper": monitor.upper(),
            "symbol": symbols.get(monitor_vi, "BKHĐT"),
            "place": tx("report_capital", lang),
        }
        recipients = [tx("report_government", lang), tx("report_government_office", lang), coordinator]
    return body, [*[f"- {r};" for r in recipients], f"- {tx('report_archive', lang)}"]


def collect(
    con: duckdb.DuckDBPyConnection,
    year: int,
    province: str | None = None,
    line: str | None = None,
    lang: str = "vi",
) -> ReportData:
    """Everything the report and the scorecard show, from a read-only warehouse connection."""
    mem = as_of(con, year)
    try:
        return _collect(mem, year, province, line, lang)
    finally:
        mem.close()


def _collect(
    mem: duckdb.DuckDBPyConnection, year: int, province: str | None, line: str | None, lang: str
) -> ReportData:
    scope = scope_for(mem, year, province, line, lang)
    meta = dict(mem.execute("SELECT key, value FROM meta").fetchall())
    sources = catalog.source_list(mem)
    indicators = mem.execute("SELECT * FROM indicators").df()
    tasks_all = catalog.tasks_with_status(mem)
    groups: dict[int, dict[str, object]] = {}
    if "task_groups" in {r[0] for r in mem.execute("SELECT table_name FROM duckdb_tables()").fetchall()}:
        for r in mem.execute("SELECT * FROM task_groups ORDER BY task_group").df().to_dict("records"):
            groups[int(r["task_group"])] = r
    for g in GROUPS:
        groups.setdefault(
            g,
            {
                "name_vi": t(f"task_group_{g}", "vi"),
                "name_en": t(f"task_group_{g}", "en"),
                "source_id": RESOLUTION_SOURCE,
                "clause": f"III.{g}",
            },
        )

    # targets: the scorecard as of the year, in scope and relevant to the year
    card = progress.target_scorecard(mem)
    card = card.merge(sources[["source_id", "issued_on"]], on="source_id", how="left")
    card = card.merge(indicators[["indicator_code", "topic"]], on="indicator_code", how="left")
    if scope.codes:
        in_scope = card["geo_code"].isin(scope.codes)
        if scope.line:
            in_scope |= (card["geo_code"] == COUNTRY) & ~card["indicator_code"].map(
                lambda c: _other_line(c, scope.line)
            )
        card = card[in_scope]
    card = card[card.apply(lambda r: _relevant(r, year), axis=1)].copy()
    clause_groups = {
        (r.source_id, r.clause): int(r.task_group)
        for r in tasks_all.itertuples()
        if _present(r.task_group) and isinstance(r.clause, str)
    }
    card["group"] = [
        clause_groups.get((r.source_id, r.clause), TOPIC_GROUPS.get(r.topic, 0)) for r in card.itertuples()
    ]
    card["severity"] = card["status"].map(SEVERITY.index)
    card = card.sort_values(["group", "severity", "indicator_code", "target_year"], na_position="last")

    # tasks: a province's or line's own plans and the resolution's tasks of every border locality
    # (`for_border_provinces`); the country: the resolution's own tasks
    for_border = tasks_all["for_border_provinces"].fillna(False).astype(bool)
    if scope.codes:
        tasks = tasks_all[tasks_all["geo_code"].isin(scope.codes) | for_border].copy()
    else:
        tasks = tasks_all[tasks_all["geo_code"] == COUNTRY].copy()
    tasks["group"] = tasks["task_group"].map(lambda g: int(g) if _present(g) else 0)
    plans = (
        tasks[tasks["geo_code"] != COUNTRY]
        .drop_duplicates("source_id")[["source_id"]]
        .merge(sources, on="source_id", how="left")
    )

    observations = _observations(mem, scope, card)
    places = {
        code: (vi, en)
        for code, vi, en in mem.execute("SELECT province_code, name_vi, name_en FROM provinces").fetchall()
    }
    places[COUNTRY] = (t("country", "vi"), t("country", "en"))
    missing = _missing_values(scope, observations, card, indicators, places)
    borders = mem.execute(
        """
        SELECT b.*, p.name_vi, p.name_en FROM province_borders b JOIN provinces p USING (province_code)
        WHERE list_contains($c, province_code) ORDER BY province_code, border_line
        """,
        {"c": list(scope.codes)},
    ).df()
    body, recipients = _issuing_body(mem, scope, tasks_all)
    resolution = {}
    res = sources[sources["source_id"] == RESOLUTION_SOURCE]
    if not res.empty:
        resolution = res.iloc[0].to_dict()
    data = ReportData(
        scope, meta, card, tasks, groups, sources, indicators, observations, missing, borders, body, plans
    )
    data.resolution = resolution
    data.recipients = recipients
    data.border_counts = {p: len(border_province_codes(mem, p)) for p in ("old", "new")}
    data.charts = {g: _chart_spec(data, g) for g in (*GROUPS, 0)}
    return data


def _observations(mem: duckdb.DuckDBPyConnection, scope: Scope, card: pd.DataFrame) -> pd.DataFrame:
    """Values of the scope's places and of the targets' places, each geography from its own view."""
    codes = set(scope.codes) | set(card["geo_code"]) | ({COUNTRY} if not scope.province else set())
    return mem.execute(
        f"""
        SELECT b.* EXCLUDE (period), p.name_vi AS place_vi, p.name_en AS place_en,
               i.unit, i.topic, i.name_vi AS indicator_vi, i.name_en AS indicator_en
        FROM observations_by_period b JOIN indicators i USING (indicator_code)
        JOIN places p ON p.geo_code = b.geo_code AND p.period = b.period
        WHERE b.period = {period_of("b.geo_code")} AND list_contains($codes, b.geo_code)
        ORDER BY indicator_code, geo_code, year
        """,
        {"codes": sorted(codes)},
    ).df()


def _missing_values(
    scope: Scope, obs: pd.DataFrame, card: pd.DataFrame, indicators: pd.DataFrame, places: dict[str, tuple]
) -> pd.DataFrame:
    """(indicator, place) pairs with a value in the years before but none for the report year, and
    targets' indicators without a value for the year; with the latest value there is. A series
    superseded by another standard of its group that has the year's value (the 2016–2020 poverty
    standard once the 2022–2025 one is reported) is not missing."""
    year = scope.year
    pairs = {(r.indicator_code, r.geo_code) for r in card.itertuples()}
    here = obs[obs["geo_code"].isin(scope.main_codes)]
    recent = here[(here["year"] >= year - MISSING_LOOKBACK) & (here["year"] < year)]
    pairs |= set(zip(recent["indicator_code"], recent["geo_code"], strict=True))
    this_year = obs[obs["year"] == year]
    has_year = set(zip(this_year["indicator_code"], this_year["geo_code"], strict=True))
    names = indicators.set_index("indicator_code")
    group_of = names["series_group"].dropna().to_dict() if "series_group" in names else {}
    groups_with_year = {(group_of.get(c), g) for c, g in has_year if group_of.get(c)}
    rows = []
    for code, geo in sorted(pairs - has_year):
        if code not in names.index or (group_of.get(code), geo) in groups_with_year:
            continue
        values = obs[(obs["indicator_code"] == code) & (obs["geo_code"] == geo)]
        last = values.iloc[-1] if not values.empty else None
        place_vi, place_en = places.get(geo, (geo, geo))
        rows.append(
            {
                "indicator_code": code,
                "geo_code": geo,
                "indicator_vi": names.at[code, "name_vi"],
                "indicator_en": names.at[code, "name_en"],
                "unit": names.at[code, "unit"],
                "topic": names.at[code, "topic"],
                "last_year": None if last is None else int(last["year"]),
                "last_value": None if last is None else float(last["value"]),
                "source_id": None if last is None else last["source_id"],
                "place_vi": place_vi,
                "place_en": place_en,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "indicator_code", "geo_code", "indicator_vi", "indicator_en", "unit", "topic", "last_year",
            "last_value", "source_id", "place_vi", "place_en",
        ],
    )  # fmt: skip
    if not frame.empty:
        frame["topic_rank"] = frame["topic"].map(lambda x: TOPIC_GROUPS.get(x, 9))
        frame = frame.sort_values(["topic_rank", "indicator_code", "geo_code"]).drop(columns="topic_rank")
    return frame


def _chart_spec(data: ReportData, group: int) -> ChartSpec:
    """Small charts of the group's key indicators: those with a target in scope (their places' series
    up to the year, with the target levels), else the scope's longest series of the group's topics."""
    lang, obs = data.scope.lang, data.observations
    targets = data.targets[data.targets["group"] == group]
    panels: list[Panel] = []
    used: list[str] = []
    for code, part in targets.groupby("indicator_code", sort=False):
        if len(panels) >= MAX_PANELS:
            break
        geos = list(dict.fromkeys(part["geo_code"]))[:MAX_SERIES]
        series_rows = obs[(obs["indicator_code"] == code) & obs["geo_code"].isin(geos)]
        if series_rows.empty:
            continue
        first = part.iloc[0]
        unit = first["unit"]
        panel = Panel(
            title=str(first["indicator_vi" if lang == "vi" else "indicator_en"]),
            unit_label=unit_label(unit, lang) or t("count_unit", lang),
        )
        for geo in geos:
            rows = series_rows[series_rows["geo_code"] == geo]
            if rows.empty:
                continue
            place = rows.iloc[0]["place_vi" if lang == "vi" else "place_en"]
            panel.series.append(
                (str(place), [int(y) for y in rows["year"]], [float(v) for v in rows["value"]])
            )
            used += [s for ids in rows["source_id"] for s in _split_ids(ids)]
        notes = []
        for r in part.to_dict("records"):
            text = target_text(r["comparator"], r["target_value"], unit, lang, r.get("target_value_high"))
            kind = r.get("target_type") or "level"
            high = float(r["target_value_high"]) if _present(r.get("target_value_high")) else None
            ty = int(r["target_year"]) if _present(r["target_year"]) else None
            if kind == "rate":
                notes.append(tx("report_rate_note", lang, text=text))
                continue
            label = (
                tx("report_target_mark", lang, year=ty, text=text)
                if ty
                else tx("report_target_mark_standing", lang, text=text)
            )
            start = int(r["baseline_year"]) if _present(r.get("baseline_year")) else None
            panel.targets.append(TargetMark(kind, float(r["target_value"]), ty, label, high, start))
        panel.note = "; ".join(dict.fromkeys(notes))
        panels.append(panel)
    if not panels and group:  # no target with a series: the scope's longest series of the group's topics
        topics = [k for k, v in TOPIC_GROUPS.items() if v == group]
        pool = obs[obs["topic"].isin(topics) & obs["geo_code"].isin(data.scope.main_codes)]
        lengths = pool.groupby(["indicator_code", "geo_code"])["year"].nunique().sort_values(ascending=False)
        for (code, geo), n in lengths.items():
            if n < 3 or len(panels) >= 2:
                break
            rows = pool[(pool["indicator_code"] == code) & (pool["geo_code"] == geo)]
            first = rows.iloc[0]
            panel = Panel(
                title=str(first["indicator_vi" if lang == "vi" else "indicator_en"]),
                unit_label=unit_label(first["unit"], lang) or t("count_unit", lang),
            )
            place = str(first["place_vi" if lang == "vi" else "place_en"])
            panel.series.append((place, [int(y) for y in rows["year"]], [float(v) for v in rows["value"]]))
            used += [s for ids in rows["source_id"] for s in _split_ids(ids)]
            panels.append(panel)
    return ChartSpec(panels, list(dict.fromkeys(used)))


# ---------------------------------------------------------------- citations


KIND_RANK = {"law": 0, "plan": 1, "statistic": 2, "dataset": 3, "article": 4, "synthetic": 5}


class Citations:
    """Every source the report cites, numbered for the annex: legal documents and plans first, then
    statistics and articles, each by date; `ref` gives '[3]' or '[3, III.1.h]'."""

    def __init__(self, data: ReportData) -> None:
        self.sources = data.sources.set_index("source_id")
        self.lang = data.scope.lang
        ids: list[str] = [RESOLUTION_SOURCE]
        ids += [str(g["source_id"]) for g in data.groups.values() if _present(g.get("source_id"))]
        for r in data.targets.itertuples():
            ids += _split_ids(r.source_id) + _split_ids(r.value_source_id)
        for r in data.tasks.itertuples():
            ids += _split_ids(r.source_id)
            ids += _split_ids(getattr(r, "successor_source_id", None))
        for spec in data.charts.values():
            ids += spec.source_ids
        ids += [s for v in data.missing_values["source_id"] for s in _split_ids(v)]
        ids += [s for v in data.borders.get("source_id", pd.Series(dtype=str)) for s in _split_ids(v)]
        ids += [s for s in data.plans.get("source_id", pd.Series(dtype=str))]
        known = [s for s in dict.fromkeys(ids) if s in self.sources.index]

        def order(sid: str) -> tuple:
            row = self.sources.loc[sid]
            issued = row.get("issued_on")
            return (
                KIND_RANK.get(row.get("kind"), 9),
                pd.Timestamp(issued) if _present(issued) else pd.Timestamp.max,
                sid,
            )

        self.order: list[str] = sorted(known, key=order)
        self.numbers = {sid: i + 1 for i, sid in enumerate(self.order)}

    def number(self, sid: str) -> int | None:
        if sid not in self.sources.index:
            return None
        if sid not in self.numbers:  # cited but not foreseen: appended
            self.order.append(sid)
            self.numbers[sid] = len(self.order)
        return self.numbers[sid]

    def ref(self, ids: object, clause: object = None) -> str:
        numbers = [n for n in (self.number(s) for s in _split_ids(ids)) if n is not None]
        if not numbers:
            return ""
        text = "; ".join(str(n) for n in sorted(set(numbers)))
        if isinstance(clause, str) and clause.strip() and len(clause) <= 40:
            text += f", {clause.strip()}"
        return f"[{text}]"

    def refs_line(self, ids: Iterable[str]) -> str:
        """'[1] Chính phủ, 23/NQ-CP; [4] …' for the sources under a table or chart."""
        seen = []
        for sid in dict.fromkeys(s for v in ids for s in _split_ids(v)):
            n = self.number(sid)
            if n is not None:
                row = {"source_id": sid, **self.sources.loc[sid].to_dict()}
                seen.append((n, catalog.source_label(row, self.lang)))
        return "; ".join(f"[{n}] {label}" for n, label in sorted(seen))


# ---------------------------------------------------------------- DOCX building blocks

_PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _set_fonts(rpr: object, size: float | None = None, lang_tag: str | None = None) -> None:
    """Times New Roman for every script of a run or style (no theme font overriding it)."""
    rfonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)  # type: ignore[attr-defined]
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    if lang_tag:
        lang_el = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
        if lang_el is None:
            lang_el = OxmlElement("w:lang")
            rpr.append(lang_el)  # type: ignore[attr-defined]
        lang_el.set(qn("w:val"), lang_tag)


def _rule(container: object, width_mm: float, box_mm: float, after: float = 0) -> Paragraph:
    """A solid rule centred in a box `box_mm` wide (the text width, or a table cell's), `width_mm`
    long: Decree 30's lines under the motto, the issuing body and the summary line. An empty
    paragraph, 2 pt high, with a top border between its indents: editable, and the text above
    keeps its full width."""
    p = container.add_paragraph()  # type: ignore[attr-defined]
    fmt = p.paragraph_format
    side = max(0.0, (box_mm - width_mm) / 2)
    fmt.left_indent, fmt.right_indent, fmt.first_line_indent = Mm(side), Mm(side), Mm(0)
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(3), Pt(after), Pt(2)
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        top.set(qn(key), value)
    border.append(top)
    ppr.insert_element_before(border, *_PPR_AFTER_BORDER)
    return p


def _shade(cell: object, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.insert_element_before(shd, *_TCPR_AFTER_SHD)


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


class _Doc:
    """A python-docx Document set up per Decree 30 (A4, margins, Times New Roman), with helpers."""

    TEXT_WIDTH_MM = 165.0  # A4 210 mm − left 30 − right 15

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.doc = Document()
        lang_tag = "vi-VN" if lang == "vi" else "en-GB"
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr_default = defaults.find(qn("w:rPrDefault"))
            if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
                _set_fonts(rpr_default.find(qn("w:rPr")), lang_tag=lang_tag)
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        _set_fonts(normal.element.get_or_add_rPr(), lang_tag=lang_tag)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        for level, size in ((1, BODY_PT), (2, BODY_PT), (3, BODY_PT)):
            style = styles[f"Heading {level}"]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = level == 3
            style.font.color.rgb = RGBColor(0, 0, 0)
            _set_fonts(style.element.get_or_add_rPr())
            fmt = style.paragraph_format
            fmt.space_before, fmt.space_after = Pt(6), Pt(6)
            fmt.keep_with_next = True
            fmt.first_line_indent = Mm(12.7)
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        # Page numbers centred in the top margin, none on the first page (Decree 30, Appendix I).
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field_el = OxmlElement("w:fldSimple")
        field_el.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field_el.append(run)
        header._p.append(field_el)

    # paragraphs
    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent: bool = True,
        after: float = 6,
        before: float = 0,
        container: object = None,
    ) -> Paragraph:
        target = container if container is not None else self.doc
        p = target.add_paragraph()  # type: ignore[attr-defined]
        if text:
            self.run(p, text, bold=bold, italic=italic, size=size)
        fmt = p.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Mm(12.7) if indent else Mm(0)
        fmt.space_after, fmt.space_before = Pt(after), Pt(before)
        return p

    @staticmethod
    def run(
        p: Paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None
    ) -> object:
        r = p.add_run(text)
        r.bold, r.italic = bold or None, italic or None
        if size:
            r.font.size = Pt(size)
        return r

    def heading(self, text: str, level: int) -> Paragraph:
        p = self.doc.add_paragraph(text, style=f"Heading {level}")
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return p

    def cell_text(
        self,
        cell: object,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float = TABLE_PT,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
        first: bool = True,
        after: float = 0,
    ) -> Paragraph:
        p = cell.paragraphs[0] if first and not cell.paragraphs[0].text else cell.add_paragraph()  # type: ignore[attr-defined]
        fmt = p.paragraph_format
        fmt.alignment, fmt.first_line_indent = align, Mm(0)
        fmt.space_after, fmt.space_before = Pt(after), Pt(0)
        lines = text.split("\n")
        for i, line in enumerate(lines):  # a line break inside the paragraph for each \n
            r = self.run(p, line, bold=bold, italic=italic, size=size)
            if i < len(lines) - 1:
                r.add_break()
        return p

    def table(
        self,
        headers: list[str],
        rows: list[list[str]],
        widths_mm: list[float],
        *,
        fills: list[dict[int, str]] | None = None,
        size: float = TABLE_PT,
        center_cols: tuple[int, ...] = (0,),
        container: object = None,
    ) -> Table:
        target = container if container is not None else self.doc
        table = target.add_table(rows=1 + len(rows), cols=len(headers))  # type: ignore[attr-defined]
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for i, w in enumerate(widths_mm):
            table.columns[i].width = Mm(w)
        for i, head in enumerate(headers):
            cell = table.rows[0].cells[i]
            cell.width = Mm(widths_mm[i])
            self.cell_text(cell, head, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _shade(cell, "D9DEE5")
        _repeat_header(table.rows[0])
        for r, values in enumerate(rows, start=1):
            for i, value in enumerate(values):
                cell = table.rows[r].cells[i]
                cell.width = Mm(widths_mm[i])
                align = WD_ALIGN_PARAGRAPH.CENTER if i in center_cols else WD_ALIGN_PARAGRAPH.LEFT
                self.cell_text(cell, str(value), size=size, align=align)
                if fills and fills[r - 1].get(i):
                    _shade(cell, fills[r - 1][i])
        return table

    def sources_line(self, refs: str) -> None:
        if refs:
            self.para(
                tx("report_sources_line", self.lang, refs=refs),
                italic=True,
                size=SMALL_PT,
                indent=False,
                before=3,
            )

    def picture(self, png: bytes, caption: str) -> None:
        self.doc.add_picture(io.BytesIO(png), width=Mm(160))
        pic = self.doc.paragraphs[-1]
        pic.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pic.paragraph_format.first_line_indent = Mm(0)
        pic.paragraph_format.keep_with_next = True
        pic.paragraph_format.space_before = Pt(6)
        self.para(caption, italic=True, size=SMALL_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


# ---------------------------------------------------------------- the report


def _value_text(value: object, unit: str, lang: str) -> str:
    if not _present(value):
        return "—"
    return format_value(float(value), unit, lang)  # type: ignore[arg-type]


def _reason_text(reason: object, pace: object, lang: str) -> str:
    if not isinstance(reason, str) or not reason:
        return ""
    text = t(reason, lang)
    if _present(pace):
        text = text.format(pace=format_value(float(pace) * 100, "%", lang))  # type: ignore[arg-type]
    return text


def _count_text(counts: pd.Series, keys: tuple[str, ...], label: callable, lang: str) -> str:  # type: ignore[valid-type]
    parts = [f"{int(counts.get(k, 0))} {label(k).lower()}" for k in keys if int(counts.get(k, 0))]
    return ", ".join(parts) if parts else "0"


def _task_status_text(status: str, reported_on: object, lang: str) -> str:
    text = t(TASK_STATUS_KEYS.get(status, "ts_no_report"), lang)
    if _present(reported_on):
        text += f" ({format_day(pd.Timestamp(reported_on).date(), lang)})"
    return text


def _agency_cell(row: pd.Series, lang: str, year: int) -> str:
    agency = row[f"agency_{lang}"] if _present(row.get(f"agency_{lang}")) else row.get("agency_vi", "")
    successor = row.get(f"agency_successor_{lang}")
    if year >= 2025 and _present(successor):
        agency = f"{agency}\n{tx('report_successor_note', lang, name=successor)}"
    return str(agency)


def _header(d: _Doc, data: ReportData) -> None:
    lang, year, body = d.lang, data.scope.year, data.body
    table = d.doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (65.0, 100.0)
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Mm(widths[i])
    for i, w in enumerate(widths):
        table.columns[i].width = Mm(w)
    left, right = table.rows[0].cells
    d.cell_text(left, body["upper"], bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule(left, 22, widths[0] - 3.8)
    d.cell_text(right, tx("report_nation", lang), bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    d.cell_text(
        right, tx("report_motto", lang), bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, first=False
    )
    _rule(right, MOTTO_MM[lang], widths[1] - 3.8)  # as long as the motto
    number, place = table.rows[1].cells
    d.cell_text(
        number,
        f"{tx('report_number', lang)}        /BC-{body['symbol']}",
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    d.cell_text(
        place,
        tx("report_date_line", lang, place=body["place"], year=year),
        italic=True,
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    for cell in (number, place):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def _resolution_values(data: ReportData, lang: str) -> dict[str, str]:
    res = data.resolution
    number = str(res.get("doc_number") or "23/NQ-CP")
    issued = res.get("issued_on")
    date = admin_date(issued if _present(issued) else RESOLUTION_ISSUED, lang)
    issuer = catalog.issuer_name(res.get("issuer") or "Chính phủ", lang)
    about = tx("report_about", lang)
    if lang == "en" and issuer.startswith("Government"):
        issuer = "Government"
    return {"number": number, "date": date, "issuer": issuer, "about": about}


def _title_block(d: _Doc, data: ReportData) -> None:
    lang, scope = d.lang, data.scope
    d.para(
        tx("report_doc_type", lang),
        bold=True,
        size=14,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        before=18,
        after=0,
    )
    if scope.province:
        kind = tx("report_city_kind" if scope.is_city else "report_province_kind", lang)
        where = tx("report_scope_province", lang, kind=kind, name=scope.name)
    elif scope.line:
        where = tx("report_scope_line", lang, name=scope.name)
    else:
        where = ""
    summary = tx("report_summary", lang, year=scope.year, scope=where, **_resolution_values(data, lang))
    d.para(summary, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    _rule(d.doc, 55, d.TEXT_WIDTH_MM, after=12)


def _intro(d: _Doc, data: ReportData, cite: Citations) -> None:
    lang, scope = d.lang, data.scope
    res = _resolution_values(data, lang)
    plans = []
    for p in data.plans.to_dict("records"):
        label = catalog.source_label(p, lang)
        issued = p.get("issued_on")
        when = f" {tx('report_date_of', lang)} {admin_date(issued, lang)}" if _present(issued) else ""
        plans.append(f"{label}{when} {cite.ref(p['source_id'])}")
    plans_text = tx("report_intro_plans", lang, plans="; ".join(plans)) if plans else ""
    d.para(
        tx(
            "report_intro",
            lang,
            number=res["number"],
            date=res["date"],
            issuer=res["issuer"] + f" {cite.ref(RESOLUTION_SOURCE)}",
            plans=plans_text,
            body=data.body["name"],
            year=scope.year,
        )
    )
    built = str(data.meta.get("built_at", ""))[:10]
    d.para(
        tx("report_provenance", lang, version=data.meta.get("version", "?"), built=built, year=scope.year),
        italic=True,
        size=SMALL_PT,
    )


def _overview(d: _Doc, data: ReportData, cite: Citations) -> None:
    lang, scope = d.lang, data.scope
    d.heading(f"I. {tx('report_sec_overview', lang)}", 1)
    d.heading(f"1. {tx('report_sub_scope', lang)}", 2)
    if scope.province:
        kind = tx("report_city_kind" if scope.is_city else "report_province_kind", lang)
        own = data.borders[data.borders["province_code"] == scope.province]
        if own.empty:
            border = tx("report_no_border_text", lang)
        else:
            lines = ", ".join(
                t(x, lang).replace("Việt Nam – ", "").replace("Viet Nam – ", "") for x in own["border_line"]
            )
            km = format_number(float(own["length_km"].sum()), lang) if own["length_km"].notna().any() else "—"
            border = tx(
                "report_border_text",
                lang,
                lines=lines,
                km=km,
                ref=cite.ref(";".join(own["source_id"].dropna())),
            )
        d.para(
            tx(
                "report_scope_province_text",
                lang,
                Kind=kind.capitalize(),
                kind=kind,
                name=scope.name,
                codes=", ".join(scope.codes),
                border=border,
            )
        )
    else:
        col = "name_vi" if lang == "vi" else "name_en"
        borders = data.borders
        old = borders[borders["province_code"].str.startswith(PERIOD_PREFIX["old"])].drop_duplicates(
            "province_code"
        )
        new = borders[borders["province_code"].str.startswith(PERIOD_PREFIX["new"])].drop_duplicates(
            "province_code"
        )
        if scope.line:
            d.para(
                tx(
                    "report_scope_line_text",
                    lang,
                    name=scope.name,
                    n_old=len(old),
                    old=", ".join(old[col]),
                    n_new=len(new),
                    new=", ".join(new[col]),
                )
            )
        else:
            d.para(
                tx(
                    "report_scope_country_text",
                    lang,
                    n_old=data.border_counts["old"],
                    n_new=data.border_counts["new"],
                )
            )
    d.heading(f"2. {tx('report_sub_results', lang)}", 2)
    counts = data.targets["status"].value_counts()
    task_counts = data.tasks["status"].value_counts()
    d.para(
        tx(
            "report_results_text",
            lang,
            n=len(data.targets),
            year=scope.year,
            counts=_count_text(counts, STATUS_ORDER, lambda k: t(k, lang), lang),
            m=len(data.tasks),
            task_counts=_count_text(
                task_counts, TASK_STATUS_ORDER, lambda k: t(TASK_STATUS_KEYS[k], lang), lang
            ),
        )
    )
    headers = [
        tx("report_col_group", lang),
        *[t(s, lang) for s in STATUS_ORDER],
        tx("report_col_tasks", lang),
    ]
    rows, fills = [], []
    for g in (*GROUPS, 0):
        part = data.targets[data.targets["group"] == g]
        tasks = data.tasks[data.tasks["group"] == g]
        if g == 0 and part.empty and tasks.empty:
            continue
        c = part["status"].value_counts()
        reported = int((tasks["status"] != "no_report").sum())
        rows.append(
            [
                f"{g}. {_group_name(data, g, lang)}" if g else tx("report_other_group", lang),
                *[str(int(c.get(s, 0))) for s in STATUS_ORDER],
                f"{reported}/{len(tasks)}",
            ]
        )
        fills.append({i + 1: STATUS_FILLS[s] for i, s in enumerate(STATUS_ORDER) if int(c.get(s, 0))})
    d.table(headers, rows, [45, 20, 20, 20, 20, 20, 20], fills=fills, center_cols=(1, 2, 3, 4, 5, 6))
    d.para("", after=0)
    d.heading(f"3. {tx('report_sub_method', lang)}", 2)
    d.para(t("method_detail", lang).replace("**", ""), size=SMALL_PT + 1)
    d.para(tx("report_group_mapping", lang), size=SMALL_PT + 1)


def _group_name(data: ReportData, g: int, lang: str) -> str:
    if g == 0:
        return tx("report_other_group", lang)
    group = data.groups.get(g, {})
    name = group.get("name_vi" if lang == "vi" else "name_en")
    return str(name) if _present(name) else t(f"task_group_{g}", lang)


def _targets_table(d: _Doc, data: ReportData, part: pd.DataFrame, cite: Citations) -> list[str]:
    lang = d.lang
    rows, fills, ids = [], [], []
    for i, r in enumerate(part.to_dict("records"), start=1):
        indicator = r["indicator_vi" if lang == "vi" else "indicator_en"]
        place = r["place_vi" if lang == "vi" else "place_en"]
        target = target_text(r["comparator"], r["target_value"], r["unit"], lang, r.get("target_value_high"))
        deadline = str(int(r["target_year"])) if _present(r["target_year"]) else tx("report_standing", lang)
        target_cell = f"{target} ({deadline}) {cite.ref(r['source_id'], r['clause'])}"
        if _present(r["latest_value"]):
            value_cell = (
                f"{_value_text(r['latest_value'], r['unit'], lang)} ({int(r['latest_year'])}) "
                f"{cite.ref(r['value_source_id'])}"
            )
        else:
            value_cell = "—"
        status = f"{t(r['status'], lang)} {r['trend']}".strip()
        reason = _reason_text(r["reason"], r["pace"], lang)
        rows.append([str(i), f"{indicator} — {place}", target_cell, value_cell, f"{status}\n{reason}"])
        fills.append({4: STATUS_FILLS.get(r["status"], "FFFFFF")})
        ids += _split_ids(r["source_id"]) + _split_ids(r["value_source_id"])
    d.table(
        [
            tx("report_col_no", lang),
            tx("report_col_indicator", lang),
            tx("report_col_target", lang),
            tx("report_col_value", lang),
            tx("report_col_status", lang),
        ],
        rows,
        [11, 49, 36, 31, 38],
        fills=fills,
    )
    return ids


def _tasks_table(d: _Doc, data: ReportData, part: pd.DataFrame, cite: Citations) -> list[str]:
    lang, year = d.lang, data.scope.year
    part = part.assign(_agency=part[f"agency_{lang}"].fillna(part["agency_vi"]).map(catalog.agency_key))
    part = part.sort_values(["_agency", "clause"])
    rows, ids = [], []
    for i, r in enumerate(part.to_dict("records"), start=1):
        summary = r[f"summary_{lang}"] if _present(r.get(f"summary_{lang}")) else r.get("summary_vi", "")
        where = f"{r['document']}, {r['clause']}" if _present(r.get("clause")) else str(r["document"])
        task = f"{summary} ({where}) {cite.ref(r['source_id'])}"
        successor_ids = _split_ids(r.get("successor_source_id"))
        agency = _agency_cell(pd.Series(r), lang, year)
        if year >= 2025 and successor_ids and _present(r.get(f"agency_successor_{lang}")):
            agency += f" {cite.ref(';'.join(successor_ids))}"
        rows.append([str(i), agency, task, _task_status_text(r["status"], r.get("reported_on"), lang)])
        ids += _split_ids(r["source_id"]) + (successor_ids if year >= 2025 else [])
    d.table(
        [
            tx("report_col_no", lang),
            tx("report_col_agency", lang),
            tx("report_col_task", lang),
            tx("report_col_task_status", lang),
        ],
        rows,
        [11, 42, 82, 30],
    )
    return ids


def _groups(d: _Doc, data: ReportData, cite: Citations) -> None:
    lang, scope = d.lang, data.scope
    d.heading(f"II. {tx('report_sec_groups', lang)}", 1)
    res = _resolution_values(data, lang)
    figure = 0
    shown = [g for g in GROUPS]
    if not data.targets[data.targets["group"] == 0].empty or not data.tasks[data.tasks["group"] == 0].empty:
        shown.append(0)
    for n, g in enumerate(shown, start=1):
        group = data.groups.get(g, {})
        d.heading(f"{n}. {_group_name(data, g, lang)}", 2)
        if g and _present(group.get("clause")):
            d.para(
                tx(
                    "report_group_source",
                    lang,
                    clause=group["clause"],
                    number=res["number"],
                    ref=cite.ref(group.get("source_id")),
                ),
                italic=True,
                size=SMALL_PT,
                indent=False,
            )
        d.heading(f"a) {tx('report_sub_targets', lang)}", 3)
        part = data.targets[data.targets["group"] == g]
        if part.empty:
            d.para(tx("report_no_targets", lang, year=scope.year))
        else:
            ids = _targets_table(d, data, part, cite)
            d.sources_line(cite.refs_line(ids))
        spec = data.charts.get(g)
        if spec and spec.panels:
            figure += 1
            png = series_chart(spec.panels, lang)
            title = tx("report_figure_title", lang, scope=scope.label, year=scope.year)
            d.picture(
                png, tx("report_figure", lang, n=figure, title=title, refs=cite.refs_line(spec.source_ids))
            )
        d.heading(f"b) {tx('report_sub_tasks', lang)}", 3)
        tasks = data.tasks[data.tasks["group"] == g]
        if tasks.empty:
            d.para(tx("report_no_tasks", lang))
        else:
            ids = _tasks_table(d, data, tasks, cite)
            d.sources_line(cite.refs_line(ids))


def agency_status(tasks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Tasks counted per individual agency (a shared assignment counts for each) and status."""
    rows = []
    for r in tasks.itertuples():
        for vi, en in catalog.task_agencies(r.agency_vi, r.agency_en) or [(r.agency_vi, r.agency_en)]:
            rows.append(
                {"key": catalog.agency_key(vi), "agency": vi if lang == "vi" else en, "status": r.status}
            )
    frame = pd.DataFrame(rows, columns=["key", "agency", "status"])
    if frame.empty:
        return pd.DataFrame(columns=["agency", *TASK_STATUS_ORDER, "total"])
    table = frame.pivot_table(index="key", columns="status", aggfunc="size", fill_value=0)
    for s in TASK_STATUS_ORDER:
        if s not in table.columns:
            table[s] = 0
    table = table[list(TASK_STATUS_ORDER)]
    table["total"] = table.sum(axis=1)
    names = frame.drop_duplicates("key").set_index("key")["agency"]
    table.insert(0, "agency", names.reindex(table.index))
    return table.reset_index(drop=True).sort_values("agency", key=lambda s: s.map(catalog.agency_key))


def _agencies(d: _Doc, data: ReportData, cite: Citations) -> None:
    lang = d.lang
    d.heading(f"III. {tx('report_sec_agencies', lang)}", 1)
    d.para(tx("report_agencies_intro", lang, year=data.scope.year), size=SMALL_PT + 1)
    table = agency_status(data.tasks, lang)
    rows = [
        [str(i), r["agency"], *[str(int(r[s])) for s in TASK_STATUS_ORDER], str(int(r["total"]))]
        for i, r in enumerate(table.to_dict("records"), start=1)
    ]
    headers = [
        tx("report_col_no", lang),
        tx("report_col_agency", lang),
        *[t(TASK_STATUS_KEYS[s], lang) for s in TASK_STATUS_ORDER],
    ]
    headers.append(tx("report_col_total", lang))
    d.table(headers, rows, [11, 54, 17, 17, 17, 17, 17, 15], center_cols=(0, 2, 3, 4, 5, 6, 7))
    d.sources_line(cite.refs_line(data.tasks["source_id"]))


def _missing(d: _Doc, data: ReportData, cite: Citations) -> None:
    lang, year = d.lang, data.scope.year
    d.heading(f"IV. {tx('report_sec_missing', lang)}", 1)
    d.heading(f"1. {tx('report_sub_missing_targets', lang)}", 2)
    unjudged = data.targets[data.targets["status"] == "no_data"]
    if unjudged.empty:
        d.para(tx("report_none_missing", lang))
    for r in unjudged.to_dict("records"):
        indicator = r["indicator_vi" if lang == "vi" else "indicator_en"]
        place = r["place_vi" if lang == "vi" else "place_en"]
        target = target_text(r["comparator"], r["target_value"], r["unit"], lang, r.get("target_value_high"))
        reason = _reason_text(r["reason"], r["pace"], lang)
        d.para(f"- {indicator} — {place}: {target} {cite.ref(r['source_id'], r['clause'])}. {reason}")
    d.heading(f"2. {tx('report_sub_missing_values', lang, year=year)}", 2)
    missing = data.missing_values
    if missing.empty:
        d.para(tx("report_none_missing", lang))
    else:
        d.para(tx("report_missing_values_intro", lang, n=MISSING_LOOKBACK, year=year))
        rows = []
        for i, r in enumerate(missing.to_dict("records"), start=1):
            place = r["place_vi" if lang == "vi" else "place_en"] or r["geo_code"]
            last = (
                f"{_value_text(r['last_value'], r['unit'], lang)} ({r['last_year']}) {cite.ref(r['source_id'])}"
                if _present(r["last_year"])
                else tx("report_never", lang)
            )
            who_key = f"fill_{r['topic']}"
            who = t(who_key, lang) if who_key != t(who_key, lang) else ""
            who = who.split(":", 1)[-1].strip()
            rows.append([str(i), f"{r['indicator_' + lang]} — {place}", last, who])
        d.table(
            [
                tx("report_col_no", lang),
                tx("report_col_indicator", lang),
                tx("report_col_last", lang),
                tx("report_col_who", lang),
            ],
            rows,
            [11, 60, 36, 58],
        )
        d.sources_line(cite.refs_line(missing["source_id"].dropna()))
    d.heading(f"3. {tx('report_sub_missing_tasks', lang)}", 2)
    unreported = data.tasks[data.tasks["status"] == "no_report"]
    if unreported.empty:
        d.para(tx("report_none_missing", lang))
    else:
        by_agency: dict[str, list[str]] = {}
        for r in unreported.itertuples():
            agency = r.agency_vi if lang == "vi" else r.agency_en
            by_agency.setdefault(str(agency), []).append(f"{r.document} {r.clause}")
        for agency, clauses in sorted(by_agency.items(), key=lambda kv: catalog.agency_key(kv[0])):
            d.para(f"- {tx('report_tasks_unreported', lang, agency=agency, clauses=', '.join(clauses))}")


def _proposals(d: _Doc, data: ReportData, cite: Citations) -> None:
    lang = d.lang
    d.heading(f"V. {tx('report_sec_proposals', lang)}", 1)
    attention = data.targets[data.targets["status"].isin(["off_track", "needs_acceleration"])]
    if attention.empty:
        d.para(tx("report_attention_none", lang))
    else:
        d.para(tx("report_attention", lang))
        for r in attention.to_dict("records"):
            indicator = r["indicator_vi" if lang == "vi" else "indicator_en"]
            place = r["place_vi" if lang == "vi" else "place_en"]
            target = target_text(
                r["comparator"], r["target_value"], r["unit"], lang, r.get("target_value_high")
            )
            value = _value_text(r["latest_value"], r["unit"], lang)
            year = f" ({int(r['latest_year'])})" if _present(r["latest_year"]) else ""
            d.para(
                f"- {indicator} — {place}: {t(r['status'], lang).lower()}; {value}{year} "
                f"{cite.ref(r['value_source_id'])} / {target} {cite.ref(r['source_id'], r['clause'])}."
            )
    d.para(tx("report_proposals_placeholder", lang), italic=True)
    res = _resolution_values(data, lang)
    closing = d.para(
        tx("report_closing", lang, number=res["number"], year=data.scope.year, body=data.body["name"])
    )
    closing.paragraph_format.keep_with_next = True


def _signature(d: _Doc, data: ReportData) -> None:
    lang = d.lang
    table = d.doc.add_table(rows=1, cols=2)
    table.autofit = False
    widths = (70.0, 95.0)
    for i, w in enumerate(widths):
        table.columns[i].width = Mm(w)
        table.rows[0].cells[i].width = Mm(w)
    trpr = table.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))  # recipients and signature stay together on one page
    left, right = table.rows[0].cells
    p = d.cell_text(left, tx("report_recipients", lang), bold=True, italic=True, size=12)
    p.paragraph_format.space_before = Pt(6)
    for line in data.recipients:
        d.cell_text(left, line, size=11, first=False)
    d.cell_text(right, tx("report_signer_power", lang), bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.paragraphs[0].paragraph_format.space_before = Pt(6)
    d.cell_text(
        right,
        tx("report_signer_sign", lang),
        italic=True,
        size=12,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        first=False,
    )
    for _ in range(4):
        d.cell_text(right, "", size=13, first=False)
    d.cell_text(
        right,
        tx("report_signer_name", lang),
        bold=True,
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        first=False,
    )


def _annex(d: _Doc, data: ReportData, cite: Citations) -> None:
    lang = d.lang
    section = d.doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.different_first_page_header_footer = False
    d.para(
        tx("report_annex", lang), bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0
    )
    d.para(
        tx("report_annex_title", lang),
        bold=True,
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        after=0,
    )
    d.para(
        tx("report_annex_ref", lang, sym=data.body["symbol"], year=data.scope.year, body=data.body["name"]),
        italic=True,
        size=SMALL_PT + 1,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        after=8,
    )
    rows = []
    for sid in list(cite.order):
        s = {"source_id": sid, **cite.sources.loc[sid].to_dict()}
        issued = s.get("issued_on")
        rows.append(
            [
                f"[{cite.numbers[sid]}]",
                catalog.issuer_name(s.get("issuer"), lang, s.get("issuer_en")),
                str(s.get("doc_number") or "—") if _present(s.get("doc_number")) else "—",
                str(s.get("title") or ""),
                format_day(pd.Timestamp(issued).date(), lang) if _present(issued) else "—",
                str(s.get("url") or "") if _present(s.get("url")) else "—",
            ]
        )
    d.table(
        [
            tx("report_col_no", lang),
            tx("report_col_issuer", lang),
            tx("report_col_doc_number", lang),
            tx("report_col_title", lang),
            tx("report_col_date", lang),
            tx("report_col_url", lang),
        ],
        rows,
        [12, 48, 30, 86, 22, 64],
        size=10,
        center_cols=(0, 4),
    )
    d.para(
        tx("report_annex_version", lang, version=data.meta.get("version", "?")),
        italic=True,
        size=10,
        indent=False,
        before=4,
    )


def report_docx(
    con: duckdb.DuckDBPyConnection,
    year: int,
    province: str | None = None,
    line: str | None = None,
    lang: str = "vi",
) -> bytes:
    """The annual report as DOCX bytes (see the module doc)."""
    return render_docx(collect(con, year, province, line, lang))


def render_docx(data: ReportData) -> bytes:
    cite = Citations(data)
    d = _Doc(data.scope.lang)
    _header(d, data)
    _title_block(d, data)
    _intro(d, data, cite)
    _overview(d, data, cite)
    _groups(d, data, cite)
    _agencies(d, data, cite)
    _missing(d, data, cite)
    _proposals(d, data, cite)
    _signature(d, data)
    _annex(d, data, cite)
    return d.save()


# ---------------------------------------------------------------- the one-page scorecard


def scorecard_pdf(
    con: duckdb.DuckDBPyConnection,
    year: int,
    province: str | None = None,
    line: str | None = None,
    lang: str = "vi",
    today: dt.date | None = None,
) -> bytes:
    """The year's targets in scope on one printable A4 landscape page (PDF), problems first."""
    data = collect(con, year, province, line, lang)
    labels = data.sources.set_index("source_id")

    def label(ids: object, clause: object = None, short: bool = False) -> str:
        parts = []
        for sid in _split_ids(ids):
            if sid in labels.index:
                row = {"source_id": sid, **labels.loc[sid].to_dict()}
                number = row.get("doc_number")
                short_ok = short and isinstance(number, str) and number.strip()
                parts.append(number.strip() if short_ok else catalog.source_label(row, lang))
            else:
                parts.append(sid)
        text = "; ".join(parts)
        if isinstance(clause, str) and clause.strip() and len(clause) <= 30:
            text += f" ({clause.strip()})"
        return text

    card = data.targets.sort_values(["severity", "group", "indicator_code"])
    rows = []
    for r in card.to_dict("records"):
        latest = "—"
        if _present(r["latest_value"]):
            latest = f"{_value_text(r['latest_value'], r['unit'], lang)} ({int(r['latest_year'])})"
        source = tx("report_sc_target_src", lang, label=label(r["source_id"], r["clause"], short=True))
        if _present(r["value_source_id"]):
            source += "\n" + tx("report_sc_value_src", lang, label=label(r["value_source_id"]))
        rows.append(
            ScorecardRow(
                status=r["status"],
                status_label=f"{t(r['status'], lang)} {r['trend']}".strip(),
                indicator=f"{r['indicator_vi' if lang == 'vi' else 'indicator_en']} — "
                f"{r['place_vi' if lang == 'vi' else 'place_en']}",
                target=target_text(
                    r["comparator"], r["target_value"], r["unit"], lang, r.get("target_value_high")
                ),
                latest=latest,
                deadline=str(int(r["target_year"]))
                if _present(r["target_year"])
                else tx("report_standing", lang),
                source=source,
            )
        )
    counts = data.targets["status"].value_counts()
    res = _resolution_values(data, lang)
    cited = sorted(
        {s for ids in (*card["source_id"], *card["value_source_id"].dropna()) for s in _split_ids(ids)}
    )
    page = ScorecardPage(
        title=tx("report_sc_title", lang, year=year, scope=data.scope.label),
        subtitle=tx(
            "report_sc_subtitle",
            lang,
            number=res["number"],
            year=year,
            version=data.meta.get("version", "?"),
            today=format_day(today or dt.date.today(), lang),
        ),
        counts=[(s, t(s, lang), int(counts.get(s, 0))) for s in STATUS_ORDER],
        headers=(
            tx("report_sc_status", lang),
            tx("report_sc_indicator", lang),
            tx("report_sc_target", lang),
            tx("report_sc_latest", lang),
            tx("report_sc_deadline", lang),
            tx("report_sc_source", lang),
        ),
        rows=rows,
        footer=tx("report_sc_footer", lang, sources="; ".join(label(s) for s in cited) or "—"),
        empty_text=tx("report_sc_empty", lang, year=year),
        more_text=tx("report_sc_more", lang, n="{n}"),
    )
    return render_scorecard_pdf(page)


def file_name(kind: str, year: int, province: str | None, line: str | None, lang: str) -> str:
    """'bao-cao-nq23-2025-VN63-20.docx', 'scorecard-2025-china.pdf' …"""
    slug = province or line or COUNTRY
    if kind == "report":
        return f"{tx('report_file_stem', lang)}-{year}-{slug}.docx"
    return f"{tx('report_scorecard_stem', lang)}-{year}-{slug}.pdf"


__all__ = ["collect", "file_name", "report_docx", "scorecard_pdf", "tx"]
