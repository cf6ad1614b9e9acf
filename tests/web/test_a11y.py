"""Readable contrast, computed from the stylesheet itself: every text colour against the
background it is drawn on is at least 4.5:1 (WCAG 2 AA for normal text).

The browser checks of each page (a title, a label on every field, no sideways scrolling at
390 px) are made where the review flow stands on it (`browser_support.visited`); the last test
here shows that the label check finds a field without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser_support import CHROMIUM, FLAGS, unnamed_fields

CSS = Path(__file__).parents[2] / "banwatch" / "web" / "static" / "site.css"
AA = 4.5
TEXT = ("color", "fill")  # `fill` colours the text of the SVG drawings

Rules = dict[str, dict[str, str]]


def rules(css: str) -> tuple[Rules, Rules]:
    """Top-level rules and those inside @media blocks: selector -> property -> value (var()
    resolved from :root); a rule for several selectors is read for each."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    media = re.findall(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*[^{}]*)\}", css)
    top = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    read = [_read(top), _read("".join(media))]
    variables = {k: v for k, v in read[0].get(":root", {}).items() if k.startswith("--")}
    for found in read:
        for declared in found.values():
            for prop, value in declared.items():
                declared[prop] = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m[1]], value)
    return read[0], read[1]


def _read(css: str) -> Rules:
    out: Rules = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declared = {
            p.strip(): v.strip()
            for p, _, v in (d.partition(":") for d in body.split(";"))
            if v.strip()
        }
        for selector in selectors.split(","):
            out.setdefault(" ".join(selector.split()), {}).update(declared)
    return out


def luminance(colour: str) -> float:
    """The relative luminance (WCAG 2) of a #rgb or #rrggbb colour."""
    hexa = colour.strip().lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{3}|[0-9a-fA-F]{6}", hexa), f"not a hex colour: {colour}"
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    channels = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def background(declared: dict[str, str]) -> str | None:
    return declared.get("background-color") or declared.get("background")


TOP, MEDIA = rules(CSS.read_text())
PAPER = background(TOP["body"]) or "#ffffff"
# Text drawn on a background another rule paints: (text's selector, background's selector).
ON = {
    "header a": "header",
}


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_the_contrast_formula_gives_the_known_ratios(a: str, b: str, ratio: float) -> None:
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def _pairs() -> Iterator[tuple[str, str, str]]:
    """Every text colour of the stylesheet with the background it is drawn on."""
    for selector, declared in [*TOP.items(), *MEDIA.items()]:
        for prop in TEXT:
            if prop not in declared or (prop == "fill" and not _svg_text(selector)):
                continue
            painted = background(declared) or background(TOP.get(ON.get(selector, ""), {}))
            yield selector, declared[prop], painted or PAPER


def _svg_text(selector: str) -> bool:
    """Whether a `fill` colours text (the chart's labels, the axis, today's label), not a
    band or a bar, which are not text."""
    return selector.endswith("text") or selector in ("svg .axis", "svg .today")


def test_every_text_colour_is_readable_on_its_background() -> None:
    pairs = list(_pairs())
    assert len(pairs) >= 12, pairs  # body, links, header, buttons, messages, chips, drawings
    low = [(s, fg, bg, round(contrast(fg, bg), 2)) for s, fg, bg in pairs if contrast(fg, bg) < AA]
    assert low == [], f"below {AA}:1"


def test_links_are_readable_where_they_are_drawn() -> None:
    link = TOP["a"]["color"]
    assert contrast(link, PAPER) >= AA
    assert contrast(TOP["header a"]["color"], background(TOP["header"]) or "") >= AA
    assert contrast(link, background(TOP[".skip:focus"]) or "") >= AA  # the skip link


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def test_the_label_check_finds_a_field_without_a_label(browser: Any) -> None:
    page = browser.new_page()
    page.set_content(
        "<form><label for=a>Kind</label><input id=a><input id=b aria-label=Actor>"
        "<input type=hidden name=csrf><select id=c></select><textarea id=d></textarea></form>"
    )
    assert unnamed_fields(page) == ['<select id="c"></select>', '<textarea id="d"></textarea>']
    page.close()


def test_the_focus_outline_stands_out_on_the_page_and_on_the_header() -> None:
    """WCAG 2 asks 3:1 of what is not text (1.4.11): the outline that shows where the keyboard
    is, around links and fields on the page and around the header's links."""
    outline = TOP["a:focus"]["outline"].split()[-1]
    for selector in ("a:focus", "button:focus", "input:focus", "select:focus"):
        assert TOP[selector]["outline"].split()[-1] == outline
    assert contrast(outline, PAPER) >= 3
    assert contrast(outline, background(TOP["header"]) or "") >= 3
