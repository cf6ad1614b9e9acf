"""The pages in a real browser: Debian's Chromium driven by Playwright, a server on 127.0.0.1.

The review flow of issue 15 runs end to end: sign in, screen a file, read the results and a
finding, dismiss an alert with a reason, screen the same file again (the alert stays
dismissed), import a new version of a list that reaches the entity and screen again (the
alert re-opens saying why), read the suspension of the Hikvision Canada order on its
measure's timeline, and find the screenings and the decision in the audit log. Every page
visited is checked (title, labelled fields, no sideways scrolling) and kept as a screenshot.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from banwatch.commands import import_source
from banwatch.requests import import_request
from banwatch.settings import settings_from

from .browser_support import CHROMIUM, FLAGS, Served, need_chromium, screenshot_folder, visited
from .conftest import new_key

need_chromium()
sync_api = pytest.importorskip("playwright.sync_api")

KEYS: dict[str, str] = {}  # the analyst's key the tests sign in with
CAMERAS = "Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis Communications,P3265-LVE\n"
# Our own watchlist (test data: an invented supplier with an example.org source). Version 2
# gives the listing a start date: a new listing of the entity, which re-opens its alert.
OUR_LIST = (
    "name,reason,source\nAcme Widgets Ltd,supplier under review,https://example.org/our-list\n"
)
OUR_LIST_V2 = (
    "name,reason,start date,source\n"
    "Acme Widgets Ltd,supplier under review,2025-08-01,https://example.org/our-list\n"
)
ACME = "our-list-acme-widgets-ltd"
ORDER = "Order requiring Hikvision Canada to wind up its Canadian business (Investment Canada Act)"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    served = Served(tmp_path_factory.mktemp("home"))
    KEYS["analyst"] = new_key(served.settings, "analyst")[1]
    yield served.url
    served.stop()


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def sign_in(page: Any, url: str, key: str) -> None:
    page.goto(f"{url}/")
    assert page.title() == "Sign in · banwatch"  # no session yet
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/ui/")
    assert page.title() == "Screen a file · banwatch"


def screen(page: Any, url: str, cameras: Path) -> str:
    """Screen `cameras` from the start page for the Canadian government on 2025-08-15; the run's
    id. A large upload may pass through its progress page, which leads to the run."""
    page.goto(f"{url}/ui/")
    page.get_by_label("File").set_input_files(str(cameras))
    page.get_by_label("Jurisdiction (ISO codes, comma-separated; empty: all)").fill("CA")
    page.get_by_label("Sector").select_option("government")
    page.get_by_label("As of").fill("2025-08-15")
    page.get_by_role("button", name="Screen").click()
    page.wait_for_url(re.compile(r"/ui/runs/[^/]+$"), timeout=120_000)
    return str(page.url.rsplit("/", 1)[1])


@pytest.mark.parametrize("width", [1280, 390])
def test_screen_a_file_and_follow_a_finding_to_its_measure(
    browser: Any, base_url: str, tmp_path: Path, width: int
) -> None:
    cameras = tmp_path / "cameras.csv"
    cameras.write_text(CAMERAS)
    page = browser.new_page(viewport={"width": width, "height": 900})
    sign_in(page, base_url, KEYS["analyst"])
    screen(page, base_url, cameras)
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


def test_the_keyboard_reaches_the_main_content(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/measures")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.close()


def _import_our_list(home: Path, text: str, folder: Path) -> str:
    """Import our watchlist in-process, as `banwatch import watchlist` does; what it said."""
    path = folder / "our-list.csv"
    path.write_text(text)
    out = io.StringIO()
    settings = settings_from({"BANWATCH_HOME": str(home)})
    import_source(import_request("watchlist", path, "our-list", "CA", None), settings, out)
    return out.getvalue()


@pytest.fixture
def review(tmp_path: Path) -> Iterator[Served]:
    """A server whose registry holds our watchlist (version 1), with an analyst's key."""
    home = tmp_path / "home"
    assert "as version 1" in _import_our_list(home, OUR_LIST, tmp_path)
    served = Served(home)
    KEYS["reviewer"] = new_key(served.settings, "analyst")[1]
    yield served
    served.stop()


def _alert(page: Any, entity: str) -> Any:
    return page.locator("section.alert").filter(has_text=entity)


def _dismiss_acme(page: Any, url: str, shots: Path) -> int:
    """Dismiss the alert on Acme from /alerts with a reason; the alert's id."""
    page.goto(f"{url}/ui/alerts")
    visited(page, shots, "05-alerts-open")
    section = _alert(page, ACME)
    assert section.count() == 1
    alert_id = int(re.findall(r"Alert (\d+):", section.inner_text())[0])
    section.get_by_label("Decision").select_option("dismissed")
    section.get_by_label("Reason").fill("a namesake: not the listed supplier")
    section.get_by_role("button", name="Decide").click()
    page.wait_for_url(f"{url}/ui/alerts")
    assert _alert(page, ACME).count() == 0  # no longer open
    return alert_id


def _bands(page: Any) -> list[str]:
    """The labelled bands of the measure's timeline, in order."""
    bands = page.locator("svg.timeline rect.band")
    return [str(bands.nth(i).locator("title").text_content()) for i in range(bands.count())]


def _cells(page: Any, column: int) -> list[str]:
    """The texts of one column of the page's table."""
    cells: list[str] = page.locator(f"table tbody tr td:nth-child({column})").all_inner_texts()
    return cells


def _audit_lists(page: Any, url: str, shots: Path, runs: list[str], dismissed: int) -> None:
    """The audit page, filtered through its form: the screenings of `runs`, then the decision."""
    page.goto(f"{url}/audit")  # what a browser asks for; the page, not the API's JSON lines
    assert page.locator("#chain").inner_text().startswith("The hash chain verifies: all ")
    visited(page, shots, "10-audit")
    page.get_by_label("Kind").select_option("screening")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/ui/audit?kind=screening*")
    assert sorted(_cells(page, 3)) == sorted(f"run {r}" for r in runs)
    visited(page, shots, "11-audit-screenings")
    page.get_by_label("Kind").select_option("decision")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/ui/audit?kind=decision*")
    assert _cells(page, 3) == [f"alert {dismissed}"]
    assert "status: dismissed; reason: a namesake: not the listed supplier" in _cells(page, 4)[0]
    assert _cells(page, 2)[0].endswith("(analyst for the tests)")
    visited(page, shots, "12-audit-decision")


def _suspension_shown(page: Any, url: str, shots: Path) -> None:
    """The order against Hikvision Canada, from the list of measures: its timeline has the
    suspension band from 2025-07-07 until the order resumed on 2025-09-16."""
    page.goto(f"{url}/ui/measures")
    visited(page, shots, "08-measures")
    page.get_by_role("link", name=ORDER).click()
    page.wait_for_url("**/ui/measures/ca-ica-hikvision-canada-2025")
    bands = _bands(page)
    at = bands.index("suspended: 2025-07-07 to 2025-09-15")  # the last day of the suspension
    assert bands[at - 1].startswith("in force: ") and bands[at - 1].endswith(" to 2025-07-06")
    assert bands[at + 1].startswith("in force: 2025-09-16 to ")
    label = page.locator("svg.timeline").get_attribute("aria-label") or ""
    assert "suspended 2025-07-07 to 2025-09-15" in label
    visited(page, shots, "09-measure-timeline")


@pytest.mark.parametrize("width", [1280, 390])
def test_review_an_alert_through_a_new_list_to_the_audit_log(
    browser: Any, review: Served, tmp_path: Path, width: int, request: pytest.FixtureRequest
) -> None:
    shots, url = screenshot_folder(request.node.name), review.url
    cameras = tmp_path / "cameras.csv"
    cameras.write_text(CAMERAS + "Acme Widgets Ltd,X1\n")
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{url}/")
    visited(page, shots, "01-sign-in")
    sign_in(page, url, KEYS["reviewer"])
    visited(page, shots, "02-screen-a-file")
    runs = [screen(page, url, cameras)]
    assert page.get_by_role("img", name="Findings by verdict: 2 prohibited, 1 clear").is_visible()
    visited(page, shots, "03-results")
    page.get_by_role("link", name="0", exact=True).click()
    assert "Hikvision" in page.locator("main").inner_text()
    visited(page, shots, "04-finding")
    first = _dismiss_acme(page, url, shots)

    runs.append(screen(page, url, cameras))  # the same file again: Acme's alert stays dismissed
    page.goto(f"{url}/ui/alerts?status=dismissed")
    said = " ".join(_alert(page, ACME).all_inner_texts())
    assert f"dismissed before (alert {first}); nothing it was judged on changed" in said
    assert "a namesake: not the listed supplier" in said
    visited(page, shots, "06-alerts-dismissed")

    assert "as version 2" in _import_our_list(review.home, OUR_LIST_V2, tmp_path)
    review.restart()  # the server loads the registry and its sources when it starts
    runs.append(screen(page, url, cameras))
    page.goto(f"{url}/ui/alerts")
    reopened = _alert(page, ACME)
    assert reopened.count() == 1
    assert (
        f"re-opened: alert {first} was dismissed, but the entity, its relations or a measure "
        "reaching it changed since"
    ) in reopened.inner_text()
    visited(page, shots, "07-alerts-reopened")

    _suspension_shown(page, url, shots)
    _audit_lists(page, url, shots, runs, first)
    page.close()
