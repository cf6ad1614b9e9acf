"""Timelines: a measure's status as bands between dates, drawn as SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import combinations, pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from banwatch.model.registry import Registry
from banwatch.status import status_as_of
from banwatch.web.charts import verdict_chart
from banwatch.web.svg import timeline_svg
from banwatch.web.timeline import bands, marks, window
from banwatch.web.timeline_labels import (
    FONT_PX,
    GAP_PX,
    HEIGHT,
    NARROWEST,
    WIDE,
    Label,
    axis_labels,
    shown,
    today_label,
)

DAYS = st.dates(min_value=date(2012, 1, 1), max_value=date(2032, 12, 31))
CSS = Path(__file__).parents[2] / "banwatch" / "web" / "static" / "site.css"
# The drawing's width in the two windows issue 15 asks for: less main's padding (16 px a side).
PHONE, DESKTOP = 390 - 32, 1200 - 32


@given(st.data(), DAYS, st.integers(min_value=0, max_value=6000))
def test_bands_cover_the_window_and_tell_the_status_of_every_day(
    registry: Registry, data: st.DataObject, first: date, length: int
) -> None:
    measure = data.draw(st.sampled_from(sorted(registry.measures.values(), key=lambda m: m.id)))
    target = data.draw(st.sampled_from([None, *range(len(measure.targets))]))
    last = first + timedelta(days=length)
    drawn = bands(measure, target, first, last)
    assert drawn[0].start == first and drawn[-1].end == last
    for a, b in pairwise(drawn):
        assert b.start == a.end + timedelta(days=1)
        assert a.status != b.status
    for band in drawn:
        day = data.draw(st.dates(min_value=band.start, max_value=band.end))
        assert status_as_of(measure, day, target).status == band.status


def test_the_hikvision_canada_order_is_in_force_then_suspended_then_in_force(
    registry: Registry,
) -> None:
    order = registry.measures["ca-ica-hikvision-canada-2025"]
    drawn = bands(order, None, date(2025, 6, 1), date(2025, 12, 31))
    said = [(b.status, b.start.isoformat()) for b in drawn]
    assert said[:3] == [
        ("not_yet", "2025-06-01"),
        ("in_force", "2025-06-27"),
        ("suspended", "2025-07-07"),
    ]
    assert said[3][0] == "in_force"


def test_the_svg_says_in_words_what_it_draws(registry: Registry) -> None:
    order = registry.measures["ca-ica-hikvision-canada-2025"]
    today = date(2026, 12, 6)
    first, last = window(order, today)
    drawn, ticks = bands(order, None, first, last), marks(order, first, last)
    svg = timeline_svg(order.title, drawn, ticks, today, first, last)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "suspended 2025-07-07 to" in svg and "today 2026-12-06" in svg
    assert svg.count('class="event"') == len(ticks)


def test_the_chart_writes_each_count() -> None:
    chart = verdict_chart({"clear": 40, "prohibited": 3, "review": 7})
    assert 'aria-label="Findings by verdict: 3 prohibited, 7 review, 40 clear"' in chart
    assert chart.index(">prohibited<") < chart.index(">review<") < chart.index(">clear<")


def _labels(registry: Registry, measure_id: str, today: date) -> list[Label]:
    first, last = window(registry.measures[measure_id], today)
    return [today_label(today, first, last), *axis_labels(first, last)]


def _overlapping(labels: list[Label], width: float) -> list[tuple[str, str]]:
    """The pairs of labels on one line whose boxes come closer than GAP_PX at `width`."""
    out = []
    for a, b in combinations(labels, 2):
        (al, at, ar, ab), (bl, bt, br, bb) = a.box(width), b.box(width)
        if at < bb and bt < ab and al < br + GAP_PX and bl < ar + GAP_PX:
            out.append((a.text, b.text))
    return out


@given(st.data(), DAYS, st.integers(min_value=NARROWEST, max_value=2000))
def test_every_label_shown_lies_inside_the_drawing_apart_from_the_others(
    registry: Registry, data: st.DataObject, today: date, width: int
) -> None:
    measure = data.draw(st.sampled_from(sorted(registry.measures)))
    _assert_laid_out(shown(_labels(registry, measure, today), width), width)


@given(DAYS, st.integers(min_value=0, max_value=40_000), st.data())
def test_any_window_from_a_day_to_a_century_is_labelled_inside_and_apart(
    first: date, length: int, data: st.DataObject
) -> None:
    last = first + timedelta(days=length)
    today = data.draw(st.dates(min_value=first, max_value=last))
    labels = [today_label(today, first, last), *axis_labels(first, last)]
    for width in (NARROWEST, PHONE, WIDE, DESKTOP):
        _assert_laid_out(shown(labels, width), width)


def _assert_laid_out(labels: list[Label], width: float) -> None:
    """Every label inside a drawing `width` pixels wide, no two on a line closer than GAP_PX."""
    for label in labels:
        left, top, right, bottom = label.box(width)
        assert 0 <= left <= right <= width and 0 <= top <= bottom <= HEIGHT, (label, width)
    assert _overlapping(labels, width) == []


# Windows the timelines showed on 2026-12-06 (timeline.window): the order against Hikvision
# Canada, and the Entity List order against ZTE.
HIKVISION_CANADA = (date(2025, 5, 28), date(2027, 2, 4))
ZTE = (date(2016, 2, 7), date(2027, 2, 4))


def test_today_near_the_right_edge_is_written_before_its_line() -> None:
    """Today falls at 90% of the Hikvision Canada order's window, where a label after its line
    ran past the drawing's right edge at 1280 px."""
    today = today_label(date(2026, 12, 6), *HIKVISION_CANADA)
    assert today.text == "today 2026-12-06" and today.at > 0.9
    assert (today.anchor, today.dx) == ("end", -GAP_PX / 2)
    for width in (NARROWEST, PHONE, DESKTOP):
        assert today.box(width)[2] <= today.at * width  # wholly left of the line


def test_today_early_in_the_window_is_written_after_its_line() -> None:
    today = today_label(date(2025, 8, 1), *HIKVISION_CANADA)
    assert (today.anchor, today.dx) == ("start", GAP_PX / 2)


def test_a_narrow_drawing_labels_fewer_years_none_overlapping() -> None:
    """The eleven years of the ZTE order's window: every year that fits at 1280 px (2017, 2018
    and 2026 are too near the end dates), every other year at 390 px."""
    labels = [today_label(date(2026, 12, 6), *ZTE), *axis_labels(*ZTE)]
    years = {w: [x.text for x in shown(labels, w) if len(x.text) == 4] for w in (PHONE, DESKTOP)}
    assert years[PHONE] == ["2020", "2022"]
    assert years[DESKTOP] == ["2019", "2020", "2021", "2022", "2023", "2024", "2025"]
    for width in (NARROWEST, PHONE):
        assert _overlapping(shown(labels, width), width) == []


def test_the_svg_draws_each_label_in_pixels_where_it_was_placed(registry: Registry) -> None:
    order = registry.measures["us-bis-entity-list-zte-2016"]
    today = date(2026, 12, 6)
    first, last = window(order, today)
    svg = timeline_svg(order.title, bands(order, None, first, last), [], today, first, last)
    root = ET.fromstring(svg)
    assert "viewBox" not in root.attrib and root.get("width") == "100%"  # never stretched
    drawn = [
        (t.text, t.get("class"), t.get("x"), t.get("text-anchor"), float(t.get("font-size", 0)))
        for t in root.iter("text")
    ]
    expected = [
        (x.text, x.kind + (" wide" if x.wide else ""), f"{round(x.at * 100, 3)}%", x.anchor, 13)
        for x in _labels(registry, order.id, today)
    ]
    assert drawn == expected and FONT_PX >= 11


def test_the_stylesheet_hides_the_wide_labels_only_below_wide_drawings() -> None:
    """site.css hides .wide labels in windows up to 600 px; a 601 px window, less main's padding
    and a 17 px scrollbar, must still give a drawing WIDE pixels wide."""
    css = CSS.read_text()
    found = re.search(
        r"@media \(max-width: (\d+)px\) \{ svg\.timeline \.wide \{ display: none; \} \}", css
    )
    assert found, "site.css no longer hides the wide labels"
    narrowest_showing_wide = int(found[1]) + 1 - 32 - 17
    assert narrowest_showing_wide >= WIDE
    assert "main { max-width: 1200px; margin: 0 auto; padding: 8px 16px 32px; }" in css
