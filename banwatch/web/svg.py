"""Timelines drawn as SVG: status bands, event ticks and today, with words for screen readers.

The drawing has no viewBox: it is drawn at the width its column gives it, everything placed in
percentages of that width and every word in pixels, so at 390 px as at 1280 px the words keep
their size and shape (timeline_labels says where each goes so that none leaves the drawing).
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from .timeline import Band, Mark
from .timeline_labels import AXIS_Y, FONT_PX, HEIGHT, Label, axis_labels, fraction, today_label

BAND_Y, BAND_H = 24, 26
TICK_Y = (20, BAND_Y + BAND_H + 6)  # an event's tick stands out of the band above and below
YEAR_TICK_Y = (BAND_Y + BAND_H + 2, BAND_Y + BAND_H + 10)
STATUS_LABEL = {
    "in_force": "in force",
    "suspended": "suspended",
    "pending": "pending",
    "ended": "ended",
    "not_yet": "not yet in force",
}


def _pc(at: float) -> str:
    return f"{round(at * 100, 3)}%"


def _text(label: Label) -> str:
    wide = " wide" if label.wide else ""
    dx = f' dx="{label.dx}"' if label.dx else ""
    return (
        f'<text class="{label.kind}{wide}" x="{_pc(label.at)}"{dx} y="{label.y}" '
        f'font-size="{FONT_PX}" text-anchor="{label.anchor}">{escape(label.text)}</text>'
    )


def _bands(bands: list[Band], first: date, last: date) -> list[str]:
    """A rectangle per band, from its first day to the start of the day after its last."""
    out = []
    for b in bands:
        x0 = fraction(b.start, first, last)
        x1 = fraction(b.end + timedelta(days=1), first, last) if b.end < last else 1.0
        out.append(
            f'<rect class="band {b.status}" x="{_pc(x0)}" y="{BAND_Y}" '
            f'width="{_pc(max(x1 - x0, 0.001))}" height="{BAND_H}">'
            f"<title>{STATUS_LABEL[b.status]}: {b.start} to {b.end}</title></rect>"
        )
    return out


def _years(first: date, last: date) -> list[str]:
    """A short tick on the axis at every 1 January of the window (labelled where it fits)."""
    y0, y1 = YEAR_TICK_Y
    return [
        f'<line class="tick" x1="{x}" x2="{x}" y1="{y0}" y2="{y1}"/>'
        for year in range(first.year + 1, last.year + 1)
        for x in [_pc(fraction(date(year, 1, 1), first, last))]
    ]


def timeline_svg(
    title: str, bands: list[Band], marks: list[Mark], today: date, first: date, last: date
) -> str:
    """One measure's timeline: a band per status, a tick per event, a line for today."""
    said = "; ".join(f"{STATUS_LABEL[b.status]} {b.start} to {b.end}" for b in bands)
    parts = [
        f'<svg class="timeline" width="100%" height="{HEIGHT}" role="img" '
        f'aria-label="{escape(title)}: {escape(said)}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(said)}</desc>",
        *_bands(bands, first, last),
        *_years(first, last),
    ]
    for m in marks:
        x = _pc(fraction(m.day, first, last))
        parts.append(
            f'<line class="event" x1="{x}" x2="{x}" y1="{TICK_Y[0]}" y2="{TICK_Y[1]}">'
            f"<title>{m.day} {escape(m.type)}: {escape(m.summary)}</title></line>"
        )
    if first <= today <= last:
        x = _pc(fraction(today, first, last))
        parts.append(f'<line class="today" x1="{x}" x2="{x}" y1="4" y2="{AXIS_Y - 16}"/>')
        parts.append(_text(today_label(today, first, last)))
    parts.extend(_text(label) for label in axis_labels(first, last))
    parts.append("</svg>")
    return "".join(parts)
