"""Rebuild under load: four headless-Chromium sessions keep loading pages while the warehouse is
rebuilt several times. Every rebuild succeeds, no session sees an error, new page loads see the
new version without a restart, and `python -m etl rollback` brings the previous one back the same way."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from etl.build import REFERENCE_DIR, build
from tests.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    RUN_FINISHED_JS,
    RUN_TIMEOUT_MS,
    StreamlitServer,
)

pytestmark = pytest.mark.browser

SESSIONS = 4
REBUILDS = 3
MAX_LOADS_PER_SESSION = 60  # bounds the loop whatever happens
PATHS = ["", "provinces?province=VN63-20", "targets", "map", "sources"]
VERSION = re.compile(r"warehouse-\d{8}T\d+")


def submission(year: int) -> str:
    return (
        "indicator_code,geo_code,year,value,unit,source_id,note\n"
        f"trade_through_province,VN63-20,{year},{4000 + year},million USD,tccs-langson-2022,load test\n"
    )


async def load(page: Page, base: str, path: str) -> str:
    """Load a page, wait for its run to finish, and return any error text it shows."""
    await page.goto(f"{base}/{path}")
    await page.wait_for_function(RUN_FINISHED_JS, timeout=RUN_TIMEOUT_MS)
    errors = await page.locator(
        '[data-testid="stException"], [data-testid="stAlertContentError"]'
    ).all_inner_texts()
    return "\n".join(errors)


async def version_shown(page: Page, base: str) -> str:
    assert not await load(page, base, "sources")
    match = VERSION.search(await page.locator('[data-testid="stMain"]').inner_text())
    assert match, "the Sources page shows no data version"
    return match.group(0)


async def session(browser: Browser, base: str, rebuilding: asyncio.Task, errors: list[str]) -> int:
    context = await browser.new_context(viewport=DESKTOP)
    page = await context.new_page()
    loads = 0
    try:
        while loads < MAX_LOADS_PER_SESSION and (not rebuilding.done() or loads < len(PATHS)):
            path = PATHS[loads % len(PATHS)]
            if problem := await load(page, base, path):
                errors.append(f"/{path}: {problem}")
            loads += 1
    finally:
        await context.close()
    return loads


async def scenario(db: Path, inbox: Path, base: str) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        probe = await (await browser.new_context(viewport=DESKTOP)).new_page()
        first = await version_shown(probe, base)

        async def rebuild() -> list[str]:
            versions = []
            for i in range(REBUILDS):
                await asyncio.sleep(0)  # let the sessions start their loads first
                # years no reference row holds, before the cited source was published
                (inbox / f"so-cong-thuong-{i}.csv").write_text(submission(2014 + i), encoding="utf-8")
                result = await asyncio.to_thread(build, db, REFERENCE_DIR, inbox)
                versions.append(result.version.stem)
            return versions

        errors: list[str] = []
        rebuilding = asyncio.create_task(rebuild())
        loads = await asyncio.gather(*(session(browser, base, rebuilding, errors) for _ in range(SESSIONS)))
        versions = rebuilding.result()

        assert not errors, errors
        assert len(set(versions)) == REBUILDS and first not in versions
        assert all(n >= len(PATHS) for n in loads), loads
        assert await version_shown(probe, base) == versions[-1]  # no restart needed

        done = subprocess.run(
            [sys.executable, "-m", "etl", "rollback", "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert await version_shown(probe, base) == versions[-2]
        await browser.close()


def test_rebuilds_while_four_sessions_load_pages(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "warehouse.duckdb"
    build(db, REFERENCE_DIR, inbox)
    server = StreamlitServer(db, tmp_path / "server.log")
    try:
        asyncio.run(scenario(db, inbox, server.url))
        assert "Traceback" not in server.log_text()
    finally:
        server.stop()
