"""Timelines: a measure's status as bands between dates, drawn as SVG."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from banwatch.model.registry import Registry
from banwatch.status import status_as_of
from banwatch.web.charts import verdict_chart
from banwatch.web.svg import timeline_svg
from banwatch.web.timeline import bands, marks, window

DAYS = st.dates(min_value=date(2012, 1, 1), max_value=date(2032, 12, 31))


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
