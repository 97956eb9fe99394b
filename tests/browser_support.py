"""Helpers for the browser tests: a `streamlit run` server on a free port, Debian's Chromium, the
app's pages as app.py declares them, and waits on the app's own run state (never on the clock)."""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; the tests never download a browser
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1366, "height": 900}  # a common laptop screen
PHONE = {"width": 390, "height": 844}
RUN_TIMEOUT_MS = 30_000

# A script run is over when the app says so: connected, script state `notRunning` (the attribute
# Streamlit's own e2e tests wait on; "initial" before the first run), no running-status widget and
# no stale element left from the previous run.
RUN_FINISHED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app
    && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]');
}"""

# Every visible plotly chart has drawn its SVG, and web fonts are in (for faithful screenshots).
CHARTS_DRAWN_JS = """() => document.fonts.status === 'loaded' && [
  ...document.querySelectorAll('[data-testid="stPlotlyChart"]')
].filter(c => c.offsetParent !== null).every(c => c.querySelector('.main-svg'))"""

TWO_FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@dataclass(frozen=True)
class AppPage:
    """One `st.Page` of app.py: its file, URL path ("" for the default) and i18n title key."""

    script: str
    url_path: str
    title_key: str | None

    @property
    def name(self) -> str:
        return Path(self.script).stem


def app_pages(app_py: Path = APP) -> list[AppPage]:
    """The pages app.py passes to `st.navigation`, read from its source, so the tests follow the
    app when a page is added or a URL path renamed (a default page is served at "/")."""
    pages = []
    for node in ast.walk(ast.parse(app_py.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "Page" or not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        script = str(node.args[0].value)
        kwargs = {k.arg: k.value for k in node.keywords}
        default = isinstance(kwargs.get("default"), ast.Constant) and kwargs["default"].value is True
        url_path = Path(script).stem
        if isinstance(kwargs.get("url_path"), ast.Constant):
            url_path = str(kwargs["url_path"].value)
        title = kwargs.get("title")
        title_key = None
        if isinstance(title, ast.Call) and title.args and isinstance(title.args[0], ast.Constant):
            title_key = str(title.args[0].value)
        pages.append(AppPage(script, "" if default else url_path, title_key))
    return pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """`streamlit run app.py` on a free localhost port against the given warehouse."""

    def __init__(self, warehouse: Path, log: Path, startup_timeout: float = 60.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_handle = log.open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pages",  # what `make run` serves: legacy pages/ mode off from the first visit
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--client.showErrorDetails",
                "full",  # an exception in the page shows its message in the failure report
            ],
            cwd=ROOT,
            env={**os.environ, "BORDER_DB": str(warehouse), "PYTHONUNBUFFERED": "1"},
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_healthy(startup_timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                pass
            try:  # the pause between polls, which also notices a server that died
                code = self.proc.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                continue
            raise RuntimeError(f"streamlit exited with {code}:\n{self.log_text()}")
        raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{self.log_text()}")

    def log_text(self) -> str:
        self._log_handle.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log_handle.close()


def page_url(base: str, path: str = "", **params: str | list[str]) -> str:
    query = urlencode(params, doseq=True)
    return f"{base}/{path}" + (f"?{query}" if query else "")


APP_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {script: app && app.dataset.testScriptState, connection: app && app.dataset.testConnectionState,
          statusWidget: !!document.querySelector('[data-testid="stStatusWidget"]'),
          stale: document.querySelectorAll('[data-stale="true"]').length};
}"""


def wait_for_run(page: Page, timeout: float = RUN_TIMEOUT_MS) -> None:
    """Wait until the app has finished its script run; on timeout say what state it is in
    (a connection other than CONNECTED means the server went away)."""
    try:
        page.wait_for_function(RUN_FINISHED_JS, timeout=timeout)
    except PlaywrightTimeoutError:
        raise AssertionError(f"no finished run at {page.url}: {page.evaluate(APP_STATE_JS)}") from None


def open_app(page: Page, base: str, path: str = "", **params: str | list[str]) -> Page:
    """Load a URL of the app and wait until its script run has finished."""
    page.goto(page_url(base, path, **params))
    wait_for_run(page)
    return page


def screenshot(page: Page, name: str) -> Path:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, not the document,
    so the viewport is stretched to the content's height first (and restored after). Waits for
    the charts to be drawn: plotly draws after the script run has finished."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=RUN_TIMEOUT_MS)
    size = page.viewport_size or DESKTOP
    height = page.evaluate(
        """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stSidebarContent"]']
             .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"""
    )
    wanted = min(int(height) + 40, 8000)
    path = SCREENSHOTS / f"{name}.png"
    if wanted <= size["height"]:
        page.screenshot(path=path, animations="disabled", caret="hide")
        return path
    page.set_viewport_size({"width": size["width"], "height": wanted})
    page.evaluate(TWO_FRAMES_JS)  # let the browser lay out and paint at the new size
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=RUN_TIMEOUT_MS)
    page.screenshot(path=path, animations="disabled", caret="hide")
    page.set_viewport_size(size)
    return path


def new_page(browser: Browser, **options: object) -> Page:
    """A tab in a context of its own (its own cookies, downloads accepted), desktop-sized by default."""
    context = browser.new_context(**{"viewport": DESKTOP, "accept_downloads": True, **options})
    context.set_default_timeout(RUN_TIMEOUT_MS)
    return context.new_page()
