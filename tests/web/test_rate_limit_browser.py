"""Past the per-key limit a signed-in browser gets a page saying so, in Debian's Chromium: the
pages' requests count against the session's key as the API's do (`BANWATCH_RATE_LIMIT`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import settings_from

from ..server.server_support import served
from .browser_support import CHROMIUM, FLAGS, screenshot_folder, visited
from .conftest import new_key

need = pytest.importorskip("playwright.sync_api")

LIMIT = 3


def test_a_browser_past_the_limit_is_told_to_wait(tmp_path: Path, matcher: Matcher) -> None:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    settings = replace(settings_from({"BANWATCH_HOME": str(tmp_path)}), rate_limit=LIMIT)
    key = new_key(settings, "viewer")[1]
    folder = screenshot_folder("rate-limit")
    with served(create_app(settings, load=lambda _s: matcher)) as base, need.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page: Any = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(f"{base}/ui/login")
        page.get_by_label("API key").fill(key)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/ui/")  # the first of the key's requests
        statuses = [page.goto(f"{base}/ui/measures").status for _ in range(LIMIT)]
        assert statuses == [200] * (LIMIT - 1) + [429]
        assert page.get_by_role("heading", level=1).inner_text() == "Too many requests"
        alert = page.get_by_role("alert").inner_text()
        assert alert.startswith("This key made more than 3 requests in a minute; try again in")
        visited(page, folder, "too-many-requests")
        browser.close()
