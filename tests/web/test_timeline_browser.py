"""The timelines as Debian's Chromium draws them at 1280 and 390 px: every word of every
`svg.timeline` is at least 11 px tall as rendered (its computed size times the drawing's scale),
unstretched, not outlined, inside the drawing, clear of the other words, and no wider than the
layout's estimate of it; the hidden years (.wide in a narrow window) are not drawn at all.

Pages: the order against Hikvision Canada (today near the right edge), the Entity List order
against ZTE (eleven years of axis), the FCC's covered list of routers (the shortest window), and
Hikvision's entity page (one timeline per measure reaching it). Each is kept as a screenshot,
with a close-up of its first timeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

import pytest

from banwatch.web.timeline_labels import text_px

from .browser_support import CHROMIUM, FLAGS, Served, need_chromium, screenshot_folder, visited
from .conftest import new_key

need_chromium()
sync_api = pytest.importorskip("playwright.sync_api")

PAGES = {
    "measure-hikvision-canada": "/ui/measures/ca-ica-hikvision-canada-2025",
    "measure-zte-entity-list": "/ui/measures/us-bis-entity-list-zte-2016",
    "measure-fcc-routers": "/ui/measures/us-fcc-covered-list-routers-2026",
    "entity-hikvision": "/ui/entities/hikvision",
}
SMALLEST_PX = 11
SLACK = 0.5  # sub-pixel rounding of the boxes Chromium reports

# Each drawing's box, and each of its words: the text, whether it is drawn, its size in pixels
# on the screen (computed size times the vertical scale), the horizontal scale over the
# vertical one (1: not stretched), its outline (none: a dashed outline blurs the glyphs), and
# its box.
READ = """svg => {
  const box = r => [r.left, r.top, r.right, r.bottom];
  const words = [...svg.querySelectorAll("text")].map(t => {
    const r = t.getBoundingClientRect(), m = t.getScreenCTM();
    const drawn = getComputedStyle(t).display !== "none" && r.width > 0 && m !== null;
    const size = parseFloat(getComputedStyle(t).fontSize);
    return {text: t.textContent, drawn, px: drawn ? size * Math.abs(m.d) : 0,
            stretch: drawn ? Math.abs(m.a / m.d) : 1, stroke: getComputedStyle(t).stroke,
            box: box(r)};
  });
  return {box: box(svg.getBoundingClientRect()), words};
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str]]:
    server = Served(tmp_path_factory.mktemp("home"))
    yield server, new_key(server.settings, "viewer")[1]
    server.stop()


@pytest.fixture(scope="module")
def browser(served: tuple[Served, str]) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def _faults(drawing: dict[str, Any]) -> list[str]:
    """What is wrong with one drawing's words, in words."""
    left, top, right, bottom = drawing["box"]
    drawn = [w for w in drawing["words"] if w["drawn"]]
    faults = []
    for w in drawn:
        wl, wt, wr, wb = w["box"]
        if w["px"] < SMALLEST_PX or wb - wt < SMALLEST_PX:
            faults.append(f"{w['text']!r} is drawn {w['px']:.1f} px ({wb - wt:.1f} px tall)")
        if abs(w["stretch"] - 1) > 0.01:
            faults.append(f"{w['text']!r} is stretched {w['stretch']:.2f} times sideways")
        if w["stroke"] != "none":
            faults.append(f"{w['text']!r} is outlined ({w['stroke']})")
        if wl < left - SLACK or wr > right + SLACK or wt < top - SLACK or wb > bottom + SLACK:
            faults.append(f"{w['text']!r} at {w['box']} leaves the drawing at {drawing['box']}")
        if wr - wl > text_px(w["text"]) + SLACK:
            faults.append(f"{w['text']!r} is {wr - wl:.1f} px wide, over the layout's estimate")
    for a, b in combinations(drawn, 2):
        (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
        if al < br and bl < ar and at < bb and bt < ab:
            faults.append(f"{a['text']!r} and {b['text']!r} overlap")
    return faults


@pytest.mark.parametrize("width", [1280, 390])
def test_every_word_of_every_timeline_is_legible_and_inside_it(
    browser: Any, served: tuple[Served, str], width: int
) -> None:
    server, key = served
    folder = screenshot_folder(f"timelines-{width}")
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server.url}/ui/login")
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/ui/")
    for name, path in PAGES.items():
        page.goto(f"{server.url}{path}")
        drawings = page.locator("svg.timeline")
        assert drawings.count() >= 1, f"{name}: no timeline"
        read = [drawings.nth(i).evaluate(READ) for i in range(drawings.count())]
        faults = [f"{name} #{k}: {f}" for k, d in enumerate(read) for f in _faults(d)]
        assert faults == [], f"at {width} px"
        for k, drawing in enumerate(read):
            words = [w["text"] for w in drawing["words"] if w["drawn"]]
            assert any(w.startswith("today ") for w in words), f"{name} #{k}: {words}"
            assert sum(len(w) == 10 for w in words) == 2, f"{name} #{k}: the window's ends"
        drawings.first.screenshot(path=str(folder / f"{name}-timeline.png"))
        visited(page, folder, name)
    page.close()
