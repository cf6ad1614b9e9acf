"""What the browser tests share: Debian's Chromium, banwatch served by a real uvicorn on
127.0.0.1 (restartable on its data directory, as `banwatch serve` started again), and what is
checked and kept of every page a test visits (its title, its labelled fields, no sideways
scrolling, a screenshot)."""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from banwatch.settings import Settings

from ..server.server_support import free_port, poll_ready
from .conftest import ready_app

CHROMIUM = shutil.which("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# Screenshots go where BANWATCH_SCREENSHOTS says, else here (git-ignored: they never dirty the
# checkout, and stay after the run for whoever wants to look).
SCREENSHOTS = Path(__file__).parents[1] / "artifacts" / "screenshots"
FIELDS = "input:not([type=hidden]), select, textarea"


def need_chromium() -> None:
    """Skip the module without Debian's Chromium (fail on CI, where it must be there)."""
    if CHROMIUM is None:
        why = "Debian's chromium is not installed (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(why, pytrace=False)
        pytest.skip(why, allow_module_level=True)


class Served:
    """banwatch's app (API and pages) served by uvicorn on 127.0.0.1 for one data directory."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._start()

    def _start(self) -> None:
        app = ready_app(self.home)
        self.settings: Settings = app.state.loaded.settings
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        thread = self._thread
        poll_ready(self.url, 300, lambda: None if thread.is_alive() else "the server stopped")

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)
        assert not self._thread.is_alive(), "the server did not stop"

    def restart(self) -> None:
        """Serve a new app on the same data directory and port (the index is loaded at start)."""
        self.stop()
        self._start()


def screenshot_folder(test: str) -> Path:
    """The folder of one test's screenshots: BANWATCH_SCREENSHOTS or tests/artifacts/screenshots,
    then the test's name."""
    root = Path(os.environ.get("BANWATCH_SCREENSHOTS") or SCREENSHOTS)
    folder = root / re.sub(r"[^A-Za-z0-9_.-]+", "-", test).strip("-")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def overflow(page: Any) -> int:
    """How many pixels the page scrolls sideways (0 when it fits the window)."""
    found: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return found


def unnamed_fields(page: Any) -> list[str]:
    """The form fields (input, select, textarea) Chromium gives no accessible name, as HTML."""
    expect = pytest.importorskip("playwright.sync_api").expect
    missing = []
    for field in page.locator(FIELDS).all():
        try:
            expect(field).to_have_accessible_name(re.compile(r"\S"), timeout=500)
        except AssertionError:
            missing.append(field.evaluate("e => e.outerHTML"))
    return missing


def visited(page: Any, folder: Path, name: str) -> None:
    """What every page must have, checked where the test stands, and its screenshot kept: a
    title, an accessible name on every form field, nothing wider than the window."""
    title = page.title()
    assert title.endswith(" · banwatch") and len(title) > len(" · banwatch"), title
    assert unnamed_fields(page) == [], f"{name}: fields without a label"
    width = page.viewport_size["width"]
    assert overflow(page) <= 1, f"{name} scrolls sideways by {overflow(page)} px at {width} px"
    page.screenshot(path=str(folder / f"{name}.png"))
