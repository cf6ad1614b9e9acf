"""The progress page of a large upload in Debian's Chromium with JavaScript turned off: the page
looks again by itself (meta refresh) and lands on the run once it is saved."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from banwatch.web import uploads

from .browser_support import CHROMIUM, FLAGS, Served, need_chromium, screenshot_folder, visited
from .conftest import new_key

need_chromium()
sync_api = pytest.importorskip("playwright.sync_api")

ROWS = 100_000  # a few seconds of screening, so that the progress page is seen


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str]]:
    server = Served(tmp_path_factory.mktemp("home"))
    yield server, new_key(server.settings, "analyst")[1]
    server.stop()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_large_upload_is_followed_without_javascript_to_its_run(
    served: tuple[Served, str], tmp_path: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The form does not wait for the job (it waits 5 s for a small file): on a quiet
    # machine a second, warm screening of the file could end within the wait.
    monkeypatch.setattr(uploads, "WAIT", 0.0)
    server, key = served
    ledger = tmp_path / "ledger.csv"
    lines = (f"Acme Office Supplies {n},Model {n}\n" for n in range(ROWS))
    ledger.write_text("Supplier,Model\n" + "".join(lines) + "Hikvision,DS-2CD\n")
    folder = screenshot_folder(f"jobs-{width}")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(
            java_script_enabled=False, viewport={"width": width, "height": 900}
        )
        page: Any = context.new_page()
        page.goto(f"{server.url}/ui/login")
        page.get_by_label("API key").fill(key)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{server.url}/ui/")
        page.get_by_label("File").set_input_files(str(ledger))
        page.get_by_label("Jurisdiction (ISO codes, comma-separated; empty: all)").fill("CA")
        page.get_by_label("As of").fill("2025-08-15")
        page.get_by_role("button", name="Screen").click()
        page.wait_for_url(re.compile(r"/ui/jobs/[0-9a-f]+$"))
        assert page.title() == "Screening ledger.csv · banwatch"
        bar = page.get_by_role("progressbar", name="Rows screened")
        assert bar.is_visible()
        visited(page, folder, "progress")
        page.wait_for_url(re.compile(r"/ui/runs/[^/]+$"), timeout=300_000)  # by itself
        chart = page.get_by_role("img", name=re.compile(r"Findings by verdict: 1 prohibited"))
        assert chart.is_visible()
        visited(page, folder, "run")
        browser.close()
