"""Browser tests: Debian's Chromium (Playwright) against `streamlit run app.py` on the session's
test warehouse. Every page renders in both languages, a copied link restores its filters and the
language's number format, unknown URL values get a note, the downloads are the files promised,
the overview fits a phone, and a deep link works as the first visit after a restart. Screenshots
of every page in both languages land in tests/screenshots/ (git-ignored): look at them."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from indicators.db import resolved_warehouse
from indicators.export import TARGET_HEADERS
from indicators.i18n import t
from l10n import LANGS
from tests.browser_support import (
    PHONE,
    RUN_TIMEOUT_MS,
    AppPage,
    StreamlitServer,
    app_pages,
    new_page,
    open_app,
    screenshot,
    wait_for_run,
)

pytestmark = pytest.mark.browser

PAGES = app_pages()
LANG_SON = "VN63-20"
LANG_SON_NAME = {"vi": "Lạng Sơn", "en": "Lang Son"}
TRADE = "trade_through_province"
POVERTY = "poor_household_rate_2016_2020"  # 5,88% of 2021: the review under the 2016–2020 standard


def app_page(name: str) -> AppPage:
    return next(p for p in PAGES if p.name == name)


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def chips(page: Page) -> Locator:
    """The provinces chosen in the sidebar's multiselect."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag]')


def assert_no_error(page: Page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.all_inner_texts()
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.all_inner_texts()
    assert page.get_by_text("Page not found").count() == 0, "Streamlit showed its 'Page not found' dialog"


def lang_params(lang: str) -> dict[str, str]:
    return {} if lang == "vi" else {"lang": lang}  # Vietnamese is the default: no parameter


# --------------------------------------------------------------------------- fixtures


# --------------------------------------------------------------------------- every page


def assert_page_shown(page: Page, target: AppPage, lang: str) -> None:
    """The page asked for ran (not the default one), in the language asked for, inside app.py's
    shell with its shared filters, and nothing failed."""
    assert_no_error(page)
    assert urlparse(page.url).path == f"/{target.url_path}"
    expect(page.locator('[data-testid="stTopNavLink"]')).to_have_count(len(PAGES))  # app.py read right
    current = page.locator('[data-testid="stTopNavLink"][aria-current="page"]')
    expect(current).to_have_count(1)
    assert urlparse(current.get_attribute("href") or "").path == f"/{target.url_path}"
    if target.title_key:
        expect(current).to_contain_text(t(target.title_key, lang))
    expect(page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')).to_have_count(1)
    assert query_of(page).get("lang") == ([lang] if lang != "vi" else None)


@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.name)
def test_every_page_renders_in_both_languages(
    page: Page, app_url: str, server: StreamlitServer, target: AppPage
) -> None:
    """Each page's URL in Vietnamese (the default), then the reader switches to English in the
    sidebar: the same page reruns in English and the URL says so."""
    log_before = len(server.log_text())
    open_app(page, app_url, target.url_path)
    assert_page_shown(page, target, "vi")
    screenshot(page, f"{target.name}-vi")

    language = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').first
    language.get_by_text("English", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]lang=en(&|$)"))  # written during the new run, so it has begun
    wait_for_run(page)
    assert_page_shown(page, target, "en")
    screenshot(page, f"{target.name}-en")
    assert "Traceback" not in server.log_text()[log_before:]


# --------------------------------------------------------------------------- links and formats

SHOWN = {
    (TRADE, "vi"): "4.270 triệu USD",
    (TRADE, "en"): "4,270 million USD",
    (POVERTY, "vi"): "5,88%",
    (POVERTY, "en"): "5.88%",
}


@pytest.fixture(scope="module", params=LANGS)
def lang_son_trade(request: pytest.FixtureRequest, context: BrowserContext, app_url: str) -> Iterator[Page]:
    """A copied link to Lạng Sơn's trade turnover on the provinces page, opened once per language
    and shared by the link and download tests (which only read it)."""
    page = context.new_page()
    open_app(
        page,
        app_url,
        app_page("provinces").url_path,
        province=LANG_SON,
        indicator=TRADE,
        to="2021",  # the seed's year: later estimates exist
        **lang_params(request.param),
    )
    yield page
    page.close()


def page_lang(page: Page) -> str:
    return query_of(page).get("lang", ["vi"])[0]


def assert_link_restored(page: Page, con: duckdb.DuckDBPyConnection, indicator: str) -> None:
    lang = page_lang(page)
    assert_no_error(page)
    expect(chips(page)).to_have_count(1)
    expect(chips(page)).to_contain_text(LANG_SON_NAME[lang])
    (name,) = con.execute(
        f"SELECT name_{lang} FROM indicators WHERE indicator_code = ?", [indicator]
    ).fetchall()[0]
    expect(page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input').first).to_have_value(name)
    # the comparison table is a data grid: its cells are in the grid's accessible table
    row = page.locator('[data-testid="stDataFrame"] table[role="grid"] tr').filter(
        has_text=LANG_SON_NAME[lang]
    )
    expect(row.first).to_contain_text(SHOWN[indicator, lang])
    expect(row.first).to_contain_text("2021")
    # the filters are written back to the URL, so copying it again gives the same view
    query = query_of(page)
    assert query.get("province") == [LANG_SON]
    assert query.get("indicator") == [indicator]


def test_copied_link_restores_filters_and_number_format(
    lang_son_trade: Page, con: duckdb.DuckDBPyConnection
) -> None:
    assert_link_restored(lang_son_trade, con, TRADE)
    screenshot(lang_son_trade, f"provinces-lang-son-trade-{page_lang(lang_son_trade)}")


@pytest.mark.parametrize("lang", LANGS)
def test_copied_link_to_poverty_rate_shows_it_per_language(
    page: Page, app_url: str, con: duckdb.DuckDBPyConnection, lang: str
) -> None:
    url_path = app_page("provinces").url_path
    open_app(page, app_url, url_path, province=LANG_SON, indicator=POVERTY, to="2021", **lang_params(lang))
    assert_link_restored(page, con, POVERTY)


@pytest.mark.parametrize(("lang", "name"), [("vi", "overview"), ("en", "provinces")])
def test_unknown_url_values_are_ignored_with_a_note(page: Page, app_url: str, lang: str, name: str) -> None:
    open_app(page, app_url, app_page(name).url_path, province="20' OR 1=1 --", line="mars", lang=lang)
    assert_no_error(page)
    note = page.locator('[data-testid="stSidebar"] [data-testid="stAlertContentInfo"]').filter(
        has_text=t("ignored_note", lang)
    )
    expect(note).to_be_visible()
    expect(note).to_contain_text("mars")
    expect(note).to_contain_text("1=1")
    expect(chips(page)).to_have_count(0)
    query = query_of(page)
    assert "province" not in query
    assert "line" not in query


# --------------------------------------------------------------------------- downloads

HEADERS = {
    "vi": {"code": "Mã chỉ tiêu", "geo": "Mã địa bàn", "place": "Địa bàn", "year": "Năm", "value": "Giá trị"},
    "en": {"code": "Indicator code", "geo": "Place code", "place": "Place", "year": "Year", "value": "Value"},
}
MORE_HEADERS = {"vi": ("Đơn vị", "Nguồn"), "en": ("Unit", "Source")}
SHEETS = {"vi": ["Dữ liệu", "Thông tin", "Nguồn"], "en": ["Data", "About", "Sources"]}
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
LANG_SON_SOURCE = "tccs-langson-2022"


def download(page: Page, label: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=label, exact=True).click()
    done = info.value
    assert done.failure() is None, done.failure()
    data = Path(done.path()).read_bytes()
    wait_for_run(page)  # clicking a download button reruns the app
    return done.suggested_filename, data


def test_csv_download_is_the_snapshot_described(lang_son_trade: Page, warehouse: Path) -> None:
    page, lang = lang_son_trade, page_lang(lang_son_trade)
    h = HEADERS[lang]
    name, data = download(page, t("download_csv", lang))
    assert name.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with the UTF-8 BOM (Excel shows Vietnamese)"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows[0]
    assert {*h.values(), *MORE_HEADERS[lang]} <= set(header), header
    records = [dict(zip(header, r, strict=True)) for r in rows[1:] if r and not r[0].startswith("#")]
    assert {r[h["geo"]] for r in records} <= {"VN", LANG_SON}
    assert {r[h["code"]] for r in records} == {TRADE}
    (lang_son_2021,) = [r for r in records if r[h["geo"]] == LANG_SON and r[h["year"]] == "2021"]
    assert lang_son_2021[h["place"]] == LANG_SON_NAME[lang]
    value = lang_son_2021[h["value"]]
    assert re.fullmatch(r"4270(\.0+)?", value), f"a plain number, not {value!r}"
    for r in records:  # numbers stay plain numbers; text that could run as a formula is neutralised
        assert r[h["value"]] == "" or PLAIN_NUMBER.fullmatch(r[h["value"]]), r[h["value"]]
        for cell in r.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or PLAIN_NUMBER.fullmatch(cell), cell
    # after the data: the filters, the data version and the sources, as comment lines
    comments = {r[0]: r[1] if len(r) > 1 else "" for r in rows if r and r[0].startswith("# ")}
    assert comments["# province"] == LANG_SON
    assert comments["# indicator"] == TRADE
    assert resolved_warehouse(warehouse).stem in comments.values(), comments
    assert f"# {LANG_SON_SOURCE}" in comments, comments


def test_xlsx_download_is_the_snapshot_described(lang_son_trade: Page, warehouse: Path) -> None:
    page, lang = lang_son_trade, page_lang(lang_son_trade)
    h = HEADERS[lang]
    name, data = download(page, t("download_xlsx", lang))
    assert name.endswith(".xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                xml = archive.read(member)
                assert b"<f>" not in xml and b"<f " not in xml, f"formula in {member}"
    book = load_workbook(io.BytesIO(data))
    data_sheet, about_sheet, sources_sheet = SHEETS[lang]
    assert book.sheetnames == SHEETS[lang]
    for sheet in book.worksheets:
        assert all(c.data_type != "f" for cells in sheet.iter_rows() for c in cells)
    sheet = book[data_sheet]
    header = [c.value for c in sheet[1]]
    value_col, year_col, geo_col = (header.index(h[k]) for k in ("value", "year", "geo"))
    body = list(sheet.iter_rows(min_row=2))
    assert body
    for cells in body:  # numbers as numbers
        assert cells[value_col].data_type == "n", cells[value_col].value
        assert isinstance(cells[value_col].value, int | float)
        assert cells[year_col].data_type == "n"
    (lang_son_2021,) = [c for c in body if c[geo_col].value == LANG_SON and c[year_col].value == 2021]
    assert lang_son_2021[value_col].value == 4270
    about = {row[0]: row[1] for row in book[about_sheet].iter_rows(values_only=True)}
    assert about["province"] == LANG_SON
    assert about["indicator"] == TRADE
    assert resolved_warehouse(warehouse).stem in about.values(), about
    sources = list(book[sources_sheet].iter_rows(values_only=True))
    assert "source_id" in sources[0]
    assert LANG_SON_SOURCE in {row[0] for row in sources[1:]}


# --------------------------------------------------------------------------- phone, fresh server


def test_a_table_workbook_is_built_on_click(page: Page, app_url: str) -> None:
    """The targets table's XLSX is made only when its button is clicked (pages/downloads.py): the
    click must still deliver the workbook, every target in it with its document."""
    open_app(page, app_url, app_page("targets").url_path)
    name, data = download(page, t("download_xlsx", "vi"))
    assert name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert t(TARGET_HEADERS["target_id"], "vi") in header
    ids = [
        row[header.index(t(TARGET_HEADERS["target_id"], "vi"))]
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert len([i for i in ids if i]) == len(set(filter(None, ids))) > 0
    assert_no_error(page)


def test_overview_fits_a_phone(browser: Browser, app_url: str) -> None:
    page = new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        open_app(page, app_url)
        assert_no_error(page)
        screenshot(page, "overview-vi-phone")
        widths = page.evaluate(
            """() => {
              const main = document.querySelector('[data-testid="stMainBlockContainer"]');
              const wide = [...main.querySelectorAll('[data-testid]')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.dataset.testid);
              return {viewport: window.innerWidth, page: document.documentElement.scrollWidth,
                      main: main.scrollWidth, mainVisible: main.clientWidth, wide: [...new Set(wide)]};
            }"""
        )
        assert widths["page"] <= widths["viewport"], widths
        assert widths["main"] <= widths["mainVisible"] + 1, widths
    finally:
        page.context.close()


# Records whether the page ever showed the legacy folder navigation or the "Page not found" dialog.
WATCH_FIRST_RUN_JS = """(() => {
  window.__seen = {folderNav: false, pageNotFound: false};
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="stSidebarNav"]')) window.__seen.folderNav = true;
    const dialog = document.querySelector('[role="dialog"]');
    if (dialog && dialog.textContent.includes('Page not found')) window.__seen.pageNotFound = true;
  }).observe(document, {childList: true, subtree: true});
})()"""


def test_copied_link_is_the_first_visit_after_a_restart(
    browser: Browser, warehouse: Path, tmp_path: Path
) -> None:
    """The first session of a fresh server opens a deep link: it must end on the right page with the
    link's filters, and never flash Streamlit's legacy navigation of the pages/ folder's files or its
    "Page not found" dialog (pages/__init__.py and the `python -m pages` launcher)."""
    fresh = StreamlitServer(warehouse, tmp_path / "server.log")
    page = new_page(browser)
    page.add_init_script(WATCH_FIRST_RUN_JS)
    try:
        provinces = app_page("provinces")
        open_app(page, fresh.url, provinces.url_path, province=LANG_SON, indicator=TRADE)
        # a legacy first run can finish empty and be rerun through app.py: wait for the real page
        expect(page.locator('[data-testid="stMain"] h1')).to_have_count(1, timeout=RUN_TIMEOUT_MS)
        wait_for_run(page)
        assert_no_error(page)
        assert urlparse(page.url).path == f"/{provinces.url_path}"
        expect(chips(page)).to_have_count(1)
        expect(chips(page)).to_contain_text(LANG_SON_NAME["vi"])
        assert query_of(page).get("indicator") == [TRADE]
        seen = page.evaluate("window.__seen")
        assert not seen["pageNotFound"], "the first visit showed 'Page not found'"
        assert not seen["folderNav"], "the first visit showed the legacy navigation of the pages folder"
    finally:
        page.context.close()
        fresh.stop()
