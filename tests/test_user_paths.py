"""Browser tests of whole paths, one per role, as a person takes them (issue 12): a provincial
leader (overview → province profile → scorecard), a ministry planner (Laos line → 34 provinces →
map click → copied link → download) and a data steward (template → check with mistakes → build
into a scratch warehouse → the new value served). Screenshots at 1400 px and 390 px in both
languages land in tests/screenshots/ (git-ignored): look at them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from etl.build import REFERENCE_DIR, build
from indicators.i18n import t
from tests.browser_support import ROOT, StreamlitServer, new_page, open_app, screenshot, wait_for_run
from tests.test_browser import assert_no_error, chips, download, query_of

pytestmark = pytest.mark.browser

WIDE = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}

# Where a click on the map's province dot lands, in page pixels (plotly's own axis mapping), or
# null until the map (not a chart of the page before it) has drawn that dot. The map is scrolled
# into view in the same step, so a rerun cannot detach it between scrolling and measuring.
DOT_POSITION_JS = """(code) => {
  const drawn = t => t.customdata && Array.from(t.customdata).includes(code);
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
    .find(g => g._fullData && g.querySelector('.main-svg') && g._fullData.some(drawn));
  if (!gd) return null;
  gd.scrollIntoView({block: 'center'});
  const trace = gd._fullData.find(drawn);
  const i = Array.from(trace.customdata).indexOf(code);
  const L = gd._fullLayout, box = gd.getBoundingClientRect();
  return {x: box.left + L._size.l + L.xaxis.l2p(trace.x[i]), y: box.top + L._size.t + L.yaxis.l2p(trace.y[i])};
}"""


@pytest.fixture
def wide(browser: Browser) -> Iterator[Page]:
    page = new_page(browser, viewport=WIDE)
    yield page
    page.context.close()


def sidebar_pick(page: Page, name: str) -> None:
    """Type a province into the sidebar's multiselect and choose it."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input')
    box.click()
    box.fill(name)
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_run(page)


def go_to(page: Page, title: str) -> None:
    """Follow a top-navigation link; the previous page's finished run is not taken for the new
    page's: the URL must have changed to the link's before the run is awaited."""
    link = page.locator('[data-testid="stTopNavLink"]').filter(has_text=title)
    path = urlparse(link.get_attribute("href") or "").path
    link.click()
    page.wait_for_url(lambda url: urlparse(url).path == path)
    wait_for_run(page)


def click_province_on_map(page: Page, code: str) -> None:
    spot = page.wait_for_function(DOT_POSITION_JS, arg=code).json_value()
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_function(
        f"() => new URLSearchParams(location.search).getAll('province').join() === '{code}'"
    )
    wait_for_run(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_leader_overview_to_province_profile_to_scorecard(wide: Page, app_url: str, lang: str) -> None:
    params = {} if lang == "vi" else {"lang": "en"}
    open_app(wide, app_url, **params)
    assert_no_error(wide)
    sidebar_pick(wide, "Lạng Sơn" if lang == "vi" else "Lang Son")
    expect(wide.locator('[data-testid="stMetric"]').first).to_be_visible()
    main = wide.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("Lạng Sơn" if lang == "vi" else "Lang Son")
    expect(main).not_to_contain_text(t("country", lang) + " ·")  # the national cards give way
    go_to(wide, t("page_province", lang))
    assert_no_error(wide)
    expect(wide.locator("h1")).to_contain_text("Lạng Sơn" if lang == "vi" else "Lang Son")
    expect(wide.locator('[data-testid="stMarkdown"] li').filter(has_text="Hữu Nghị")).to_be_visible()
    screenshot(wide, f"path-leader-profile-{lang}")
    go_to(wide, t("page_overview", lang))
    scope_note = t("scorecard_scope", lang).split("{scope}")[0]
    expect(wide.get_by_text(scope_note, exact=False).first).to_be_visible()
    assert query_of(wide).get("province") == ["VN63-20"]
    screenshot(wide, f"path-leader-overview-{lang}")


def test_planner_laos_line_34_provinces_map_click_link_and_download(
    browser: Browser,
    app_url: str,
) -> None:
    page = new_page(browser, viewport=WIDE)
    try:
        open_app(page, app_url, "provinces")
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name=t("laos", "vi")).click()
        wait_for_run(page)
        page.locator('[data-testid="stSidebar"]').get_by_text(t("period_new", "vi")).click()
        # the click's run may not have begun when the previous one is seen finished: wait for its URL
        page.wait_for_url(lambda url: "period=new" in url)
        wait_for_run(page)
        assert query_of(page).get("line") == ["laos"] and query_of(page).get("period") == ["new"]
        go_to(page, t("page_map", "vi"))
        click_province_on_map(page, "VN34-44")  # Quảng Trị (34), on the Laos line
        assert_no_error(page)
        expect(chips(page)).to_have_count(1)
        expect(chips(page)).to_contain_text("Quảng Trị")
        expect(page.locator('[data-testid="stPageLink"]')).to_contain_text("Quảng Trị")
        screenshot(page, "path-planner-map-click-vi")
        link = page.url
        _, data = download(page, t("download_csv", "vi"))
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        about = {r[0]: r[1] for r in rows if r and r[0].startswith("# ") and len(r) > 1}
        assert about.get("# province") == "VN34-44" and about.get("# line") == "laos", about
    finally:
        page.context.close()
    reopened = new_page(browser, viewport=WIDE)
    try:
        reopened.goto(link)
        wait_for_run(reopened)
        assert_no_error(reopened)
        expect(chips(reopened)).to_contain_text("Quảng Trị")
        assert query_of(reopened).get("period") == ["new"] and query_of(reopened).get("line") == ["laos"]
    finally:
        reopened.context.close()


@pytest.mark.parametrize(("lang", "viewport"), [("vi", PHONE), ("en", PHONE), ("en", WIDE)])
def test_province_profile_reads_on_every_screen(
    browser: Browser, app_url: str, lang: str, viewport: dict
) -> None:
    page = new_page(browser, viewport=viewport)
    try:
        params = {"province": "VN63-20"} | ({} if lang == "vi" else {"lang": "en"})
        open_app(page, app_url, "province", **params)
        assert_no_error(page)
        expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
        wide_elements = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stMainBlockContainer"] [data-testid]')]
                 .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length"""
        )
        assert wide_elements == 0
        screenshot(page, f"path-profile-{lang}-{viewport['width']}")
    finally:
        page.context.close()


def test_chart_downloads_as_a_png_with_its_provenance(wide: Page, app_url: str) -> None:
    open_app(wide, app_url, "provinces", province="VN63-20", indicator="poor_household_rate_2022_2025")
    chart = wide.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    drawn = " ".join(chart.locator("svg text").all_text_contents())
    for stamp in ("Lạng Sơn", t("source", "vi"), t("data_version", "vi"), t("app_title", "vi")):
        assert stamp in drawn, (stamp, drawn)  # printed in the chart itself, so in its PNG too
    with wide.expect_download() as info:
        wide.locator('.modebar-btn[data-title^="Download plot"]').first.click()
    png = Path(info.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG") and info.value.suggested_filename.startswith("bien-gioi-")


def download_with_icon(page: Page, label: str) -> tuple[str, bytes]:
    """A download button whose accessible name also carries its icon's ligature text."""
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    wait_for_run(page)
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def test_leader_switches_language_and_takes_the_report_and_scorecard(wide: Page, app_url: str) -> None:
    """The clicks a leader makes on the province page: the language switch (not a URL parameter),
    then «write the report» and both downloads — a DOCX and a one-page PDF."""
    open_app(wide, app_url, "province", province="VN63-20")
    wide.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_for_run(wide)
    expect(wide.locator("h1")).to_contain_text(t("page_province", "en"))
    assert query_of(wide).get("lang") == ["en"] and query_of(wide).get("province") == ["VN63-20"]
    year = dt.date.today().year - 1
    wide.get_by_role("button", name=t("report_prepare", "en").format(year=year)).click()
    wait_for_run(wide)
    name, docx = download_with_icon(wide, t("report_download", "en").format(year=year))
    assert name.endswith(".docx") and docx.startswith(b"PK")  # a Word file is a zip
    name, pdf = download_with_icon(wide, t("scorecard_download", "en").format(year=year))
    assert name.endswith(".pdf") and pdf.startswith(b"%PDF")
    screenshot(wide, "path-leader-report-en")


def run_etl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_steward_template_check_build_and_see_the_value(
    browser: Browser,
    tmp_path: Path,
) -> None:
    template = tmp_path / "mau.xlsx"
    assert run_etl("template", "--out", str(template)).returncode == 0
    headers = [c.value for c in next(load_workbook(template).worksheets[0].iter_rows(max_row=1))]
    assert headers, "the template's first sheet has its column headers"
    submission = tmp_path / "so-tai-chinh-2025.csv"
    bad = "indicator_code,geo_code,year,value,unit,source_id,note\n" + (
        "state_budget_revenue,VN63-20,2019,7.195,bn VND,tccs-langson-2022,ambiguous number\n"
    )
    submission.write_text(bad, encoding="utf-8")
    checked = run_etl("check", str(submission))
    assert checked.returncode != 0
    assert f"{submission.name}:2: value:" in checked.stdout + checked.stderr
    submission.write_text(bad.replace("7.195,bn", "7195,bn"), encoding="utf-8")
    assert run_etl("check", str(submission)).returncode == 0
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / submission.name).write_bytes(submission.read_bytes())
    scratch = tmp_path / "scratch.duckdb"
    build(scratch, REFERENCE_DIR, inbox)
    served = StreamlitServer(scratch, tmp_path / "server.log")
    page = new_page(browser, viewport=WIDE)
    try:
        open_app(
            page, served.url, "provinces", province="VN63-20", indicator="state_budget_revenue", to="2019"
        )
        assert_no_error(page)
        row = page.locator('[data-testid="stDataFrame"] table[role="grid"] tr').filter(has_text="Lạng Sơn")
        expect(row.first).to_contain_text("7.195 tỷ đồng")
    finally:
        page.context.close()
        served.stop()
