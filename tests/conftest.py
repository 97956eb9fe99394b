"""Shared fixtures: a warehouse built once per test session from the real reference data into a
temporary folder (never the served one), and read-only connections to it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from streamlit.runtime.pages_manager import PagesManager

from etl.build import REFERENCE_DIR, build
from indicators.db import connect
from l10n import STRICT_ENV
from pages import use_app_navigation  # like `python -m pages`: Streamlit's legacy pages/ mode off
from tests.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    RUN_TIMEOUT_MS,
    StreamlitServer,
    new_page,
    open_app,
)

ROOT = Path(__file__).resolve().parent.parent
# A message id the catalogue lacks raises (l10n.MissingMessage) instead of showing as itself; served
# apps started by the browser tests inherit it.
os.environ[STRICT_ENV] = "1"


@pytest.fixture(autouse=True)
def _app_navigation_under_apptest(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest (Streamlit ≥ 1.5x) sets the legacy pages/ mode afresh before every run, from the
    folder's presence: a switched-to page would then run alone with the last run's filters and no
    sidebar. Keep it off after that reset, as the served app has it from `import pages` on."""
    init = PagesManager.__init__

    def init_then_app_navigation(self: PagesManager, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        use_app_navigation()

    monkeypatch.setattr(PagesManager, "__init__", init_then_app_navigation)


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published path of a warehouse built from data/reference with an empty inbox."""
    folder = tmp_path_factory.mktemp("warehouse")
    (folder / "inbox").mkdir()
    db = folder / "warehouse.duckdb"
    build(db, REFERENCE_DIR, folder / "inbox")
    return db


@pytest.fixture
def con(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(warehouse)
    yield connection
    connection.close()


@pytest.fixture
def reference_copy(tmp_path: Path) -> Path:
    """A writable copy of data/reference, for tests that break or extend it."""
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, target)
    return target


# --------------------------------------------------------------------------- browser tests


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM}: run `bash .ci/install-chromium`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    running = StreamlitServer(warehouse, tmp_path_factory.mktemp("streamlit") / "server.log")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def app_url(server: StreamlitServer, browser: Browser) -> str:
    """The server's URL, after one visit of "/" (a first visit by a deep link has its own test at
    the end: see pages/__init__.py)."""
    page = new_page(browser)
    open_app(page, server.url)
    page.context.close()
    return server.url


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    """One desktop browser context for the module: its HTTP cache keeps page loads quick, while
    each tab is still its own Streamlit session."""
    shared = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    shared.set_default_timeout(RUN_TIMEOUT_MS)
    yield shared
    shared.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    yield page
    page.close()
