"""The reporting cycle in a real browser (issue 10, "Done when"): accounts made with the CLI into a
temporary BORDER_USERS; temporary inbox, staging, audit and warehouse (BORDER_DATA_DIR, BORDER_DB);
Debian's Chromium against `python -m pages`.

An anonymous visitor reaches no upload or approval; a submitter signs in, uploads a CSV with one
bad row and sees the problem by row and column, fixes it, sees the preview and submits; a steward
signs in, approves, and the new value is on the provinces page and the approval in the Sources
page's audit trail; the submitter sees the outcome; signing out removes the pages; no password or
hash reaches the URL or the server log; the session cookie lasts a day."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from etl.build import REFERENCE_DIR, build
from etl.users import COOKIE_NAME
from indicators.i18n import t
from tests.browser_support import (
    RUN_TIMEOUT_MS,
    SCREENSHOTS,
    StreamlitServer,
    new_page,
    open_app,
    screenshot,
    wait_for_run,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ACCOUNTS = {
    "sct.ls": ("submitter", "SCT-LS", "So-Cong-Thuong-2025!"),
    "steward": ("steward", None, "Quan-ly-du-lieu-2025!"),
}
HEADER = "indicator_code,geo_code,year,value,unit,source_id,note\n"
BAD = HEADER + "trade_through_province,VN63-20,2024,5.123,million USD,vtcnews-2026-01-16,web test\n"
GOOD = BAD.replace(",5.123,", ",5123,")
WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[StreamlitServer, Path]]:
    """A server whose data, accounts and warehouse are all in a temporary folder."""
    data = tmp_path_factory.mktemp("cycle") / "data"
    (data / "inbox").mkdir(parents=True)
    env = {
        "BORDER_DATA_DIR": str(data),
        "BORDER_USERS": str(data / "users.yaml"),
        "BORDER_DB": str(data / "warehouse.duckdb"),
    }
    for name, (role, agency, password) in ACCOUNTS.items():
        args = ["users", "add", name, "--role", role, *(["--agency", agency] if agency else [])]
        made = subprocess.run(
            [sys.executable, "-m", "etl", *args],
            input=password + "\n",
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, **env},
            timeout=120,
        )
        assert made.returncode == 0, made.stderr
    build(data / "warehouse.duckdb", REFERENCE_DIR, data / "inbox")
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        server = StreamlitServer(data / "warehouse.duckdb", data.parent / "server.log")
    yield server, data
    server.stop()


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def nav_texts(page: Page) -> list[str]:
    """The navigation's page titles (without their icons' names)."""
    return [text.split("\n")[-1] for text in page.locator('[data-testid="stTopNavLink"]').all_inner_texts()]


def go_on(page: Page) -> None:
    """From the signed-in account's page to its own page (submit or review), in the same session."""
    page.locator('[data-testid="stPageLink"] a').first.click()
    wait_for_run(page)


def sign_in(page: Page, base: str, name: str) -> None:
    open_app(page, base, "signin")
    page.get_by_label(t("user_name", "vi")).fill(name)
    page.get_by_label(t("password", "vi")).fill(ACCOUNTS[name][2])
    page.locator('[data-testid="stFormSubmitButton"] button').click()
    # Signed in, the page reruns and the navigation gains the account's page. The click's runs may
    # not have begun when a finished run is seen, so wait for what they show, not for a run count.
    expect(page.locator('[data-testid="stPageLink"]')).to_have_count(1, timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    expect(page.get_by_text(f"Đã đăng nhập: {name}", exact=False).first).to_be_visible()
    # The cookie component writes the cookie after that run, in the browser: a link opened before
    # it lands would start an anonymous session (Streamlit 1.67 renders the component later).
    page.wait_for_function(f"() => document.cookie.includes('{COOKIE_NAME}=')")


def upload(page: Page, name: str, text: str) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}
    )
    wait_for_run(page)
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stAlertContentError"], [data-testid="stAlertContentSuccess"]')"""
    )
    wait_for_run(page)


def no_upload_or_approval(page: Page) -> None:
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
    expect(page.get_by_role("button", name=t("review_approve", "vi"))).to_have_count(0)
    expect(page.get_by_role("button", name=t("submit_button", "vi"))).to_have_count(0)


def test_anonymous_visitor_reaches_no_upload_or_approval(browser: Browser, cycle) -> None:
    server, _ = cycle
    page = new_page(browser, viewport=WIDE)
    try:
        open_app(page, server.url)
        navigation = nav_texts(page)
        assert t("page_signin", "vi") in navigation
        assert t("page_submit", "vi") not in navigation and t("page_review", "vi") not in navigation
        for path in ("submit", "review"):
            open_app(page, server.url, path)
            no_upload_or_approval(page)
        open_app(page, server.url, "signin")
        expect(page.locator('[data-testid="stForm"]')).to_have_count(1)  # the only thing on offer
        no_upload_or_approval(page)
        screenshot(page, "signin-vi-1400")
    finally:
        page.context.close()


def test_submit_approve_publish_and_audit(browser: Browser, cycle) -> None:
    server, data = cycle
    submitter = new_page(browser, viewport=WIDE)
    steward = new_page(browser, viewport=WIDE)
    visited: list[str] = []
    for tab in (submitter, steward):
        tab.on("request", lambda request: visited.append(request.url))
    try:
        # a submitter signs in, uploads a file with one bad row and sees it by row and column
        sign_in(submitter, server.url, "sct.ls")
        assert t("page_submit", "vi") in nav_texts(submitter)
        assert t("page_review", "vi") not in nav_texts(submitter)  # a submitter cannot publish
        go_on(submitter)
        upload(submitter, "so-cong-thuong-2024.csv", BAD)
        problems = submitter.locator('[data-testid="stDataFrame"]').first
        expect(submitter.get_by_text("so-cong-thuong-2024.csv: 1 lỗi", exact=False)).to_be_visible()
        expect(problems.locator('table[role="grid"]')).to_contain_text("value")
        expect(problems.locator('table[role="grid"] tr').filter(has_text="value").first).to_contain_text("2")
        expect(submitter.get_by_role("button", name=t("submit_button", "vi"))).to_have_count(0)
        screenshot(submitter, "submit-problems-vi-1400")

        # fixed: valid, the preview says it is new, submitted
        upload(submitter, "so-cong-thuong-2024.csv", GOOD)
        expect(submitter.get_by_text("hợp lệ, 1 dòng", exact=False)).to_be_visible()
        preview = submitter.locator('[data-testid="stDataFrame"]').first.locator('table[role="grid"]')
        expect(preview).to_contain_text("trade_through_province · VN63-20 · 2024")
        expect(preview).to_contain_text("Mới")
        screenshot(submitter, "submit-preview-vi-1400")
        submitter.get_by_role("button", name=t("submit_button", "vi")).click()
        wait_for_run(submitter)
        expect(submitter.get_by_text("Đã nộp (mã", exact=False)).to_be_visible()
        mine = submitter.locator('[data-testid="stDataFrame"] table[role="grid"]').last
        expect(mine).to_contain_text(t("status_pending", "vi"))
        assert not any((data / "inbox").iterdir()), "nothing reaches the inbox before approval"

        # a steward signs in, sees it pending, approves: the same build and publish as the CLI
        sign_in(steward, server.url, "steward")
        assert t("page_review", "vi") in nav_texts(steward)
        assert t("page_submit", "vi") not in nav_texts(steward)
        go_on(steward)
        expect(steward.get_by_text("SCT-LS", exact=False).first).to_be_visible()
        # what it would change, in the reader's language (not the audit log's English line)
        expect(steward.get_by_text("Số liệu chỉ tiêu: 1 dòng — Mới 1", exact=True)).to_be_visible()
        screenshot(steward, "review-vi-1400")
        steward.get_by_role("button", name=t("review_approve", "vi")).click()
        wait_for_run(steward, timeout=120_000)
        expect(steward.get_by_text("Đã duyệt", exact=False).first).to_be_visible()

        # the new value is published on the provinces page …
        open_app(
            steward,
            server.url,
            "provinces",
            province="VN63-20",
            indicator="trade_through_province",
            to="2024",
        )
        row = steward.locator('[data-testid="stDataFrame"] table[role="grid"] tr').filter(has_text="Lạng Sơn")
        expect(row.first).to_contain_text("5.123 triệu USD")
        # … and the approval is in the audit trail on the Sources page
        open_app(steward, server.url, "sources")
        audit = steward.get_by_text(t("audit_trail", "vi"))
        expect(audit).to_be_visible()
        trail = steward.locator('[data-testid="stDataFrame"]').filter(has_text="steward").first
        expect(trail.locator('table[role="grid"]')).to_contain_text("duyệt, công bố")
        expect(trail.locator('table[role="grid"]')).to_contain_text("SCT-LS")
        for _ in range(3):  # the cookie's sign-in may rerun the page and redraw the table once
            try:
                trail.scroll_into_view_if_needed()
                break
            except PlaywrightError:
                wait_for_run(steward)
        steward.screenshot(path=screenshot_path("sources-audit-vi-1400"))

        # the submitter sees the outcome (a new session: the signed cookie restores it)
        cookie = next(c for c in submitter.context.cookies() if c["name"] == "bem_session")
        assert 0.9 * 86400 < cookie["expires"] - time.time() <= 86400 + 60, "the session lasts a day"
        open_app(submitter, server.url, "submit")
        mine = submitter.locator('[data-testid="stDataFrame"] table[role="grid"]').last
        expect(mine).to_contain_text(t("status_approved", "vi"))
        screenshot(submitter, "submit-outcome-vi-1400")

        # signing out ends it: no upload, no approval
        open_app(steward, server.url, "signin")
        steward.get_by_role("button", name=t("sign_out", "vi")).click()
        signed_out = steward.locator('[data-testid="stForm"]')  # the sign-in form again
        expect(signed_out).to_have_count(1, timeout=RUN_TIMEOUT_MS)
        wait_for_run(steward)
        assert t("page_review", "vi") not in nav_texts(steward)
        open_app(steward, server.url, "review")
        no_upload_or_approval(steward)
    finally:
        submitter.context.close()
        steward.context.close()

    hashes = re.findall(r"\$2[aby]\$\d+\$\S{53}", (data / "users.yaml").read_text(encoding="utf-8"))
    secrets = [password for _, _, password in ACCOUNTS.values()] + hashes
    log = server.log_text()
    assert not any(s in log for s in secrets), "no password or hash in the server log"
    assert not any(s in url for s in secrets for url in visited), "no password or hash in a URL"
    assert "Traceback" not in log


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1400", "390"])
def test_submission_pages_in_both_languages_and_sizes(browser: Browser, cycle, lang: str, viewport) -> None:
    server, _ = cycle
    page = new_page(browser, viewport=viewport)
    try:
        sign_in(page, server.url, "sct.ls")
        open_app(page, server.url, "submit", **({} if lang == "vi" else {"lang": lang}))
        expect(page.locator("h1").first).to_contain_text(t("page_submit", lang))
        expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(1)
        screenshot(page, f"submit-{lang}-{viewport['width']}")
        open_app(page, server.url, "signin", **({} if lang == "vi" else {"lang": lang}))
        screenshot(page, f"signin-signed-in-{lang}-{viewport['width']}")
    finally:
        page.context.close()
