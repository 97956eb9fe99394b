"""Every page in headless Chromium (Debian's, never a downloaded one) against `streamlit run`:
the time from navigation until the page has settled — the script run finished, no skeleton
left, every visible plotly chart drawn — the first time a page is opened on the server (its
queries cold) and then warm; where a first visit spends its time (websocket connected, script
run finished, plotly's JavaScript fetched, the longest main-thread task); and the app process's
peak memory after all of it, filter changes on the Gates page included."""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.measure import median, p95, peak_rss_mb, timed
from tests.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    RUN_FINISHED_JS,
    RUN_TIMEOUT_MS,
    StreamlitServer,
    app_pages,
    page_url,
)

SETTLED_JS = f"""() => ({RUN_FINISHED_JS})()
  && !document.querySelector('[data-testid="stSkeleton"]')
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
       .filter(c => c.offsetParent !== null).every(c => c.querySelector('.main-svg'))"""

# Milliseconds since navigation at which the app connected, its script run finished and the first
# plotly chart drew its SVG, and the main thread's long tasks: recorded in the page from its start.
PHASES_INIT_JS = """
window.__bench = {marks: {}, longTasks: []};
new PerformanceObserver(list => list.getEntries().forEach(
  e => window.__bench.longTasks.push(e.duration))).observe({type: 'longtask', buffered: true});
new MutationObserver(() => {
  const marks = window.__bench.marks, app = document.querySelector('[data-testid="stApp"]');
  const mark = (name, seen) => { if (seen && !(name in marks)) marks[name] = performance.now(); };
  mark('connected', app && app.dataset.testConnectionState === 'CONNECTED');
  mark('script_done', app && app.dataset.testScriptState === 'notRunning' && 'connected' in marks);
  mark('chart_drawn', document.querySelector('[data-testid="stPlotlyChart"] .main-svg'));
}).observe(document, {subtree: true, childList: true, attributes: true});
"""
PHASES_JS = """() => {
  const plotly = performance.getEntriesByType('resource').find(r => /PlotlyChart\\.[^/]*\\.js$/.test(r.name));
  return {...window.__bench.marks, longest_task: Math.max(0, ...window.__bench.longTasks),
          plotly_js_fetch: plotly ? plotly.responseEnd - plotly.startTime : null,
          plotly_js_bytes: plotly ? plotly.transferSize : null};
}"""

# Filter changes on the Gates page, as URL parameters (the page reads its filters from the URL).
GATES_FILTERS = (
    {"line": "china", "from": "2020", "to": "2023"},
    {"province": "VN63-20"},
    {"line": "laos", "period": "new"},
    {"lang": "en"},
)


def settle(page: Page, url: str) -> float:
    """Seconds from navigating to `url` until the page has settled."""

    def visit() -> None:
        page.goto(url)
        page.wait_for_function(SETTLED_JS, timeout=RUN_TIMEOUT_MS)

    return timed(visit)[1]


def phases(page: Page) -> dict[str, float | None]:
    """Where the last visit spent its time (`PHASES_JS`), in seconds since navigation; the plotly
    bundle's bytes over the wire (0 when the browser had it cached)."""
    found = page.evaluate(PHASES_JS)
    return {
        key: (value if key == "plotly_js_bytes" or value is None else value / 1000)
        for key, value in found.items()
    }


def browser_timings(db: Path, visits: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        server = StreamlitServer(db, Path(folder) / "streamlit.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport=DESKTOP)
                page.add_init_script(PHASES_INIT_JS)
                settle(page, page_url(server.url))  # the first visit of a fresh server goes through app.py
                pages, first_visits = {}, {}
                for app_page in app_pages():
                    url = page_url(server.url, app_page.url_path)
                    cold = settle(page, url)
                    first_visits[app_page.name] = phases(page)
                    warm = [settle(page, url) for _ in range(visits)]
                    pages[app_page.name] = {
                        "cold_s": cold,
                        "warm_median_s": median(warm),
                        "warm_p95_s": p95(warm),
                    }
                gates = next(p for p in app_pages() if p.name == "gates")
                changes = [settle(page, page_url(server.url, gates.url_path, **f)) for f in GATES_FILTERS]
                browser.close()
            return {
                "pages": pages,
                "first_visits": first_visits,
                "gates_filter_change_median_s": median(changes),
                "app_peak_rss_mb": peak_rss_mb(server.proc.pid),
            }
        finally:
            server.stop()
