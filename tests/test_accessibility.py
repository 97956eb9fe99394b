"""Accessibility: axe-core (the npm package, pinned in the Makefile and fetched into .cache/ at
setup, never at test time) runs on every page of app.py in both languages against the WCAG 2.0 and
2.1 A and AA rules. No serious or critical violation may come from the project's own elements
(theme colours, captions, badges, charts' text, markdown). What Streamlit itself renders and the
project cannot change is excluded element by element below, each exclusion listed in
docs/accessibility.md with its upstream issue; an exclusion Streamlit no longer needs fails too,
so the list cannot go stale. axe does not judge the contrast of SVG text, so the charts' text is
measured here the same way (WCAG 1.4.3)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pytest
from playwright.sync_api import Page

from l10n import LANGS
from tests.browser_support import (
    CHARTS_DRAWN_JS,
    DESKTOP,
    ROOT,
    RUN_TIMEOUT_MS,
    TWO_FRAMES_JS,
    AppPage,
    app_pages,
    open_app,
)
from tests.test_browser import lang_params

pytestmark = pytest.mark.browser

AXE = ROOT / ".cache" / "axe-core" / "axe.min.js"  # the Makefile's $(AXE) target, part of `make setup`
PAGES = app_pages()
SERIOUS = ("serious", "critical")
# Beyond each page's default view: Lạng Sơn's profile (badges, sparklines) and its trade series
# (a line chart with target lines and year axis), the views a leader is sent a link to.
LINKED_VIEWS = {
    "province-lang-son": ("province", {"province": "VN63-20"}),
    "provinces-lang-son-trade": ("provinces", {"province": "VN63-20", "indicator": "trade_through_province"}),
}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class Exclusion:
    """A violation Streamlit's own markup causes: the rule, a CSS selector the offending element
    itself matches (not an ancestor: nothing inside it is excused), the one attribute the
    violation may be about, and the upstream issue (docs/accessibility.md)."""

    rule: str
    selector: str
    attribute: str
    issue: str


STREAMLIT_OWN = (
    # The sidebar's <section> carries aria-expanded, which its (region) role does not support.
    Exclusion(
        "aria-allowed-attr",
        'section[data-testid="stSidebar"][aria-expanded]',
        "aria-expanded",
        "https://github.com/streamlit/streamlit/issues/8399",
    ),
    # Base Web's popover puts aria-haspopup/aria-expanded on the role-less <div> wrapping its
    # trigger: the top navigation's "N more" menu and the dataframe toolbar's menu.
    Exclusion(
        "aria-allowed-attr",
        'header[data-testid="stHeader"] .rc-overflow-item > div[aria-haspopup="true"]',
        "aria-expanded",
        "https://github.com/uber/baseweb/issues/5025",
    ),
    Exclusion(
        "aria-allowed-attr",
        '[data-testid="stElementToolbarButtonContainer"] > div[aria-haspopup="true"]',
        "aria-expanded",
        "https://github.com/uber/baseweb/issues/5025",
    ),
)

# axe on the whole document; each serious or critical node is resolved back to its element and
# marked with the exclusion it falls under (or none). Also says, per exclusion, whether an
# element it names is on the page, so an exclusion Streamlit no longer needs is noticed.
AXE_JS = """async ([tags, serious, exclusions]) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const found = [];
  const used = exclusions.map(() => 0);
  for (const violation of results.violations) {
    for (const node of violation.nodes) {
      const impact = node.impact || violation.impact;
      if (!serious.includes(impact)) continue;
      const element = node.target.length === 1 && typeof node.target[0] === 'string'
        ? document.querySelector(node.target[0]) : null;
      const data = [...node.any, ...node.all, ...node.none]
        .flatMap(c => Array.isArray(c.data) ? c.data : (c.data && c.data.values) || []).map(String);
      const why = exclusions.findIndex(e => e.rule === violation.id && element && element.matches(e.selector)
        && data.length > 0 && data.every(d => d.startsWith(e.attribute + '=')));
      if (why >= 0) { used[why] += 1; continue; }
      found.push({id: violation.id, impact, target: node.target, help: violation.help,
                  summary: (node.failureSummary || '').replace(/\\s+/g, ' '), url: violation.helpUrl});
    }
  }
  const present = exclusions.map(e => [...document.querySelectorAll(e.selector)]
    .some(el => el.hasAttribute(e.attribute) && el.checkVisibility()));  // axe skips hidden tabs
  return {found, used, present};
}"""

# Every text of every drawn plotly chart against the chart's backgrounds (paper and plot area,
# the worse of the two): 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
CHART_TEXT_JS = """() => {
  const rgb = s => { const m = (s || '').match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const [r, g, b, a] = m[1].split(',').map(Number); return {r, g, b, a: a === undefined ? 1 : a}; };
  const lum = c => [c.r, c.g, c.b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const over = (fg, bg) => ({r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a),
    b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1});
  const ratio = (x, y) => { const [l1, l2] = [lum(x), lum(y)].sort((p, q) => q - p); return (l1 + 0.05) / (l2 + 0.05); };
  const white = {r: 255, g: 255, b: 255, a: 1};
  const found = [];
  document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((chart, index) => {
    const svg = chart.querySelector('.main-svg');
    if (!svg || chart.offsetParent === null) return;
    const paper = over(rgb(getComputedStyle(svg).backgroundColor) || white, white);
    const backgrounds = [paper, ...[...chart.querySelectorAll('.bglayer rect.bg')]
      .map(r => rgb(getComputedStyle(r).fill)).filter(Boolean).map(c => over(c, paper))];
    chart.querySelectorAll('svg text').forEach(text => {
      const content = text.textContent.trim();
      const style = getComputedStyle(text);
      if (!content || style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return;
      const fill = rgb(style.fill);
      if (!fill) return;
      fill.a *= Number(style.fillOpacity);
      const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const worst = Math.min(...backgrounds.map(bg => ratio(over(fill, bg), bg)));
      if (worst < needed) found.push({chart: index, text: content.slice(0, 40), fill: style.fill,
        ratio: Math.round(worst * 100) / 100, needed});
    });
  });
  return found;
}"""


def show_everything(page: Page) -> None:
    """Streamlit scrolls inside its main block and axe judges the contrast of what is on screen
    only: the viewport is stretched to the content's height (desktop width kept), charts drawn."""
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=RUN_TIMEOUT_MS)
    height = page.evaluate(
        """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stSidebarContent"]']
             .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"""
    )
    page.set_viewport_size({"width": DESKTOP["width"], "height": max(DESKTOP["height"], int(height) + 40)})
    page.evaluate(TWO_FRAMES_JS)  # laid out and painted at the new size
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=RUN_TIMEOUT_MS)


def audit(page: Page) -> list[str]:
    """One line per problem: each serious or critical axe violation outside STREAMLIT_OWN (rule,
    impact, selector, what is wrong, how to fix it), each exclusion whose element is on the page
    but no longer flagged, and each chart text under the contrast it needs."""
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        AXE_JS, [WCAG_AA, list(SERIOUS), [asdict(e) for e in STREAMLIT_OWN]]
    )
    problems = [
        f"{v['id']} ({v['impact']}) at {v['target']}: {v['help']} —{v['summary']} [{v['url']}]"
        for v in result["found"]
    ]
    problems += [
        f"exclusion no longer needed (remove it here and in docs/accessibility.md): {e}"
        for e, present, used in zip(STREAMLIT_OWN, result["present"], result["used"], strict=True)
        if present and not used
    ]
    problems += [
        f"chart-text-contrast (serious) in chart {c['chart']} at {c['text']!r}: fill {c['fill']} "
        f"is {c['ratio']}:1, needs {c['needed']}:1"
        for c in page.evaluate(CHART_TEXT_JS)
    ]
    return problems


def assert_accessible(page: Page, app_url: str, url_path: str, lang: str, **params: str) -> None:
    if not AXE.exists():
        pytest.fail(f"axe-core missing at {AXE}: run `make setup` (npm pack axe-core into .cache/)")
    open_app(page, app_url, url_path, **params, **lang_params(lang))
    show_everything(page)
    problems = audit(page)
    assert not problems, f"{len(problems)} accessibility problems on {page.url}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.name)
def test_no_serious_violation_on_any_page(page: Page, app_url: str, target: AppPage, lang: str) -> None:
    assert_accessible(page, app_url, target.url_path, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", LINKED_VIEWS)
def test_no_serious_violation_on_linked_views(page: Page, app_url: str, view: str, lang: str) -> None:
    name, params = LINKED_VIEWS[view]
    target = next(p for p in PAGES if p.name == name)
    assert_accessible(page, app_url, target.url_path, lang, **params)
