"""The pages in a real browser: Debian's Chromium driven by Playwright, a server on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from .conftest import new_key, ready_app

CHROMIUM = shutil.which("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
if CHROMIUM is None:
    why = "Debian's chromium is not installed (make test installs it)"
    if os.environ.get("CI"):
        pytest.fail(why, pytrace=False)
    pytest.skip(why, allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


KEYS: dict[str, str] = {}  # the analyst's key the tests sign in with


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    app = ready_app(tmp_path_factory.mktemp("home"))
    KEYS["analyst"] = new_key(app.state.loaded.settings, "analyst")[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            if httpx.get(f"{url}/readyz").status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "the server did not get ready"
        time.sleep(0.3)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_screen_a_file_and_follow_a_finding_to_its_measure(
    browser: object, base_url: str, tmp_path: Path, width: int
) -> None:
    cameras = tmp_path / "cameras.csv"
    cameras.write_text("Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis Communications,P3265-LVE\n")
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{base_url}/")
    assert page.title() == "Sign in · banwatch"  # no session yet
    page.get_by_label("API key").fill(KEYS["analyst"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/ui/")
    assert page.title() == "Screen a file · banwatch"
    page.get_by_label("File").set_input_files(str(cameras))
    page.get_by_label("Jurisdiction (ISO codes, comma-separated; empty: all)").fill("CA")
    page.get_by_label("Sector").select_option("government")
    page.get_by_label("As of").fill("2025-08-15")
    page.get_by_role("button", name="Screen").click()
    page.wait_for_url("**/ui/runs/**")
    chart = page.get_by_role("img", name="Findings by verdict: 1 prohibited, 1 clear")
    assert chart.is_visible()
    page.get_by_role("link", name="0", exact=True).click()
    assert "Hikvision" in page.locator("main").inner_text()
    page.get_by_role("link", name="Federal ban on buying or using Hikvision products").first.click()
    timeline = page.locator("svg.timeline")
    assert timeline.is_visible() and "in force" in (timeline.get_attribute("aria-label") or "")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow} px at {width} px"
    page.close()


def test_the_keyboard_reaches_the_main_content(browser: object, base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{base_url}/measures")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.close()
