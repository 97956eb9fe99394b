"""The reporting tracker (issue 10 item 6): per agency, the tasks reported in the year and the
indicators with last year's value, against the 15 Nov / 30 Nov / December deadlines; overdue in red
with a text label; downloadable; the year in the URL; today injectable."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import Browser, expect
from streamlit.testing.v1 import AppTest

from etl.build import REFERENCE_DIR, build
from indicators import tracker
from indicators.catalog import tasks_with_status
from indicators.db import connect
from tests.browser_support import PHONE, StreamlitServer, new_page, open_app, screenshot

BUILT_ON = dt.date(2026, 12, 2)
TASKS = "task_id,reported_on,status,source_id,note\n"
FIGURES = "indicator_code,geo_code,year,value,unit,source_id,note,revision,revision_reason\n"


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse where Lạng Sơn's health department reported on time, its culture department late,
    the Ministry of Industry and Trade its three tasks, and Lạng Sơn one 2025 figure."""
    folder = tmp_path_factory.mktemp("tracker")
    inbox = folder / "inbox"
    inbox.mkdir()
    (inbox / "2026-11-20-bao-cao-nhiem-vu.csv").write_text(
        TASKS
        + "kh88-III.10,10/11/2026,in_progress,kh88-2022,Sở Y tế\n"
        + "kh88-III.11,2026-11-20,done,kh88-2022,Sở Văn hóa (muộn)\n"
        + "nq23-III.1.e,2026-11-25,in_progress,nq23-2022,\n"
        + "nq23-III.3.c,2026-11-25,in_progress,nq23-2022,\n"
        + "nq23-III.5.đ,2026-11-25,in_progress,nq23-2022,\n"
        + "kh88-III.12,2025-11-10,done,kh88-2022,last year's\n",
        encoding="utf-8",
    )
    db = folder / "warehouse.duckdb"
    build(db, REFERENCE_DIR, inbox, today=BUILT_ON)
    return db


@pytest.fixture
def tcon(reported: Path) -> duckdb.DuckDBPyConnection:
    connection = connect(reported)
    yield connection
    connection.close()


def row(frame: pd.DataFrame, agency: str, level: str | None = None) -> pd.Series:
    found = frame[(frame["agency_vi"] == agency) & ((frame["level"] == level) if level else True)]
    assert len(found) == 1, (agency, found[["agency_vi", "level", "geo_code"]])
    return found.iloc[0]


def test_deadlines_follow_the_documents(tcon: duckdb.DuckDBPyConnection) -> None:
    frame = tracker.reporting_tracker(tcon, 2026, BUILT_ON)
    assert row(frame, "Sở Y tế")["deadline"] == dt.date(2026, 11, 15)  # Plan 88 IV.1
    assert row(frame, "Bộ Công Thương")["deadline"] == dt.date(2026, 11, 30)  # Resolution 23 IV.1.b
    assert row(frame, "UBND tỉnh Lạng Sơn")["deadline"] == dt.date(2026, 11, 30)
    government = row(frame, "Bộ Tài chính", "government")  # IV.2, the ministry's report in December
    assert government["deadline"] == dt.date(2026, 12, 31) and government["state"] == "pending"
    assert set(frame["state"]) <= set(tracker.STATES)


def test_states_on_time_late_pending_overdue(tcon: duckdb.DuckDBPyConnection) -> None:
    after = tracker.reporting_tracker(tcon, 2026, BUILT_ON)
    on_time, late = row(after, "Sở Y tế"), row(after, "Sở Văn hóa, Thể thao và Du lịch")
    assert (on_time["state"], on_time["tasks_reported"], on_time["last_report"]) == (
        "done",
        1,
        dt.date(2026, 11, 10),
    )
    assert late["state"] == "late" and late["last_report"] == dt.date(2026, 11, 20)
    # a report dated the year before does not count for this year
    labour = row(after, "Sở Lao động - Thương binh và Xã hội")
    assert labour["tasks_reported"] == 0 and labour["missing_tasks"] == "III.12"
    assert labour["state"] == "overdue" and labour["days_overdue"] == (BUILT_ON - dt.date(2026, 11, 15)).days
    before = tracker.reporting_tracker(tcon, 2026, dt.date(2026, 11, 1))
    assert row(before, "Sở Lao động - Thương binh và Xã hội")["state"] == "pending"
    assert (before["state"] != "overdue").all()  # nothing is overdue before the first deadline
    assert list(after["state"]).index("overdue") == 0  # overdue first


def test_joint_assignments_count_for_each_agency(tcon: duckdb.DuckDBPyConnection) -> None:
    frame = tracker.reporting_tracker(tcon, 2024, BUILT_ON)
    for agency in ("Bộ Công an", "Bộ Quốc phòng"):  # III.1.g "Bộ Công an và Bộ Quốc phòng"
        assert "III.1.g" in row(frame, agency, "ministry")["missing_tasks"].split(", ")
    shared = row(frame, "Các địa phương có biên giới", "shared")  # one row for a shared assignment
    assert shared["n_tasks"] == 4


def test_from_2025_a_merged_ministrys_tasks_count_for_its_successor(tcon: duckdb.DuckDBPyConnection) -> None:
    before = tracker.reporting_tracker(tcon, 2024, BUILT_ON)
    assert "III.1.a" in row(before, "Bộ Kế hoạch và Đầu tư", "ministry")["missing_tasks"]
    after = tracker.reporting_tracker(tcon, 2026, BUILT_ON)
    assert "Bộ Kế hoạch và Đầu tư" not in set(after["agency_vi"])
    assert "III.1.a" in row(after, "Bộ Tài chính", "ministry")["missing_tasks"]
    rows = tracker._agency_rows(tasks_with_status(tcon), 2026).values()
    (finance,) = [r for r in rows if r.agency_vi == "Bộ Tài chính" and r.level == "ministry"]
    assert finance.topics == {"budget", "economy", "zones"}  # MPI's topics came along


def test_a_ministry_that_reported_every_task(tcon: duckdb.DuckDBPyConnection) -> None:
    trade = row(tracker.reporting_tracker(tcon, 2026, BUILT_ON), "Bộ Công Thương", "ministry")
    assert (trade["n_tasks"], trade["tasks_reported"], trade["missing_tasks"]) == (3, 3, "")
    assert trade["last_report"] == dt.date(2026, 11, 25)


def test_indicators_are_last_years_values_of_the_places_series(
    tcon: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    frame = tracker.reporting_tracker(tcon, 2026, BUILT_ON)
    lang_son = row(frame, "UBND tỉnh Lạng Sơn")
    assert lang_son["geo_code"] == "VN34-20" and lang_son["n_indicators"] > 0
    missing = lang_son["missing_indicators"].split(", ")
    expected = {
        code
        for (code,) in tcon.execute(
            "SELECT DISTINCT indicator_code FROM observations WHERE geo_code IN ('VN63-20', 'VN34-20') "
            "AND year BETWEEN 2023 AND 2025"
        ).fetchall()
    }
    assert set(missing) < expected and lang_son["n_indicators"] == len(expected)
    # a department answers for its topics only: trade for Industry and Trade
    industry = row(frame, "Sở Công Thương")
    topics = dict(tcon.execute("SELECT indicator_code, topic FROM indicators").fetchall())
    assert {topics[c] for c in industry["missing_indicators"].split(", ")} <= {"trade", "industry"}
    # a 2025 figure sent in makes it reported
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    code = missing[0]
    unit = tcon.execute("SELECT unit FROM indicators WHERE indicator_code = $c", {"c": code}).fetchall()[0][0]
    (inbox / "a.csv").write_text(
        FIGURES + f"{code},VN34-20,2025,1,{unit},vtcnews-2026-01-16,,,\n", encoding="utf-8"
    )
    build(tmp_path / "w.duckdb", REFERENCE_DIR, inbox, today=BUILT_ON)
    with connect(tmp_path / "w.duckdb") as con:
        now = row(tracker.reporting_tracker(con, 2026, BUILT_ON), "UBND tỉnh Lạng Sơn")
    assert now["indicators_reported"] == lang_son["indicators_reported"] + 1
    assert code not in now["missing_indicators"].split(", ")


def test_today_is_injectable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BORDER_TODAY", "2026-11-16")
    assert tracker.today() == dt.date(2026, 11, 16)
    monkeypatch.setenv("BORDER_TODAY", "not a date")
    assert tracker.today() == dt.date.today()


def run_page(reported: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("BORDER_DB", str(reported))
    monkeypatch.setenv("BORDER_TODAY", BUILT_ON.isoformat())
    app = AppTest.from_file("../app.py", default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("pages/tracker.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_in_both_languages(reported: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = run_page(reported, monkeypatch, lang=lang, year="2026")
    assert app.title[0].value == {"vi": "Theo dõi báo cáo", "en": "Reporting tracker"}[lang]
    assert app.selectbox[0].value == 2026 and app.query_params["year"] == "2026"
    table = app.dataframe[0].value
    state = table.columns[0]
    overdue = {"vi": "🔴 Quá hạn (17 ngày)", "en": "🔴 Overdue (17 days)"}[lang]  # a label, not colour alone
    assert overdue in set(table[state])
    agency = table.columns[1]
    health = table[table[agency] == {"vi": "Sở Y tế", "en": "Department of Health"}[lang]]
    assert health.iloc[0][state] == {"vi": "✅ Đã báo cáo đủ", "en": "✅ Complete"}[lang]
    summary = app.markdown[0].value
    assert {"vi": "quá hạn", "en": "overdue"}[lang] in summary


def test_the_year_comes_from_the_url_and_a_bad_one_is_noted(
    reported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = run_page(reported, monkeypatch, year="2024")
    assert app.selectbox[0].value == 2024
    assert "15/11/2024" in app.dataframe[0].value.to_csv()
    bad = run_page(reported, monkeypatch, year="1999")
    assert bad.selectbox[0].value == 2026 and "year='1999'" in bad.info[0].value
    default = run_page(reported, monkeypatch)
    assert default.selectbox[0].value == 2026  # the current year by default


def test_the_page_follows_the_province_filter(reported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(reported, monkeypatch, province="VN63-04")  # Cao Bằng: its committee and the ministries
    places = set(app.dataframe[0].value.iloc[:, 2])
    assert places == {"Cao Bằng", "Cả nước"}


def test_browser_tracker_download_and_screenshots(
    reported: Path, browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page in a real browser, wide and on a phone, in both languages; the CSV download holds
    the table with its state labels and the documents that set the deadlines."""
    monkeypatch.setenv("BORDER_TODAY", BUILT_ON.isoformat())
    served = StreamlitServer(reported, tmp_path / "server.log")
    try:
        for lang, width in (("vi", 1400), ("en", 1400), ("vi", PHONE["width"]), ("en", PHONE["width"])):
            page = new_page(browser, viewport={"width": width, "height": 900})
            open_app(page, served.url, "tracker", lang=lang, year="2026")
            title = {"vi": "Theo dõi báo cáo", "en": "Reporting tracker"}[lang]
            expect(page.get_by_role("heading", name=title)).to_be_visible()
            assert not page.locator('[data-testid="stException"]').count()
            screenshot(page, f"tracker-{lang}-{width}")
            if width == 1400:
                label = {"vi": "Tải CSV", "en": "Download CSV"}[lang]
                button = page.get_by_role("button", name=label, exact=False).first
                with page.expect_download() as info:
                    button.click()
                text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
                rows = list(
                    csv.reader(io.StringIO("\n".join(x for x in text.splitlines() if not x.startswith("#"))))
                )
                header = rows[0]
                assert header[0] == {"vi": "Tình trạng", "en": "State"}[lang]
                states = {r[0] for r in rows[1:] if r}
                assert {"vi": "🔴 Quá hạn (17 ngày)", "en": "🔴 Overdue (17 days)"}[lang] in states
                assert "nq23-2022" in text and "kh88-2022" in text
            page.context.close()
    finally:
        served.stop()
