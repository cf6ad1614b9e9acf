"""Timelines drawn as SVG: status bands, event ticks and today, with words for screen readers."""

from __future__ import annotations

from datetime import date
from html import escape

from .timeline import Band, Mark

WIDTH = 1000  # the drawing's own units; the page scales it to its width
BAND_Y, BAND_H = 28, 22
STATUS_LABEL = {
    "in_force": "in force",
    "suspended": "suspended",
    "pending": "pending",
    "ended": "ended",
    "not_yet": "not yet in force",
}


def _x(day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    return round((day - first).days / span * WIDTH, 1)


def timeline_svg(
    title: str, bands: list[Band], marks: list[Mark], today: date, first: date, last: date
) -> str:
    """One measure's timeline: a band per status, a tick per event, a line for today."""
    said = "; ".join(f"{STATUS_LABEL[b.status]} {b.start} to {b.end}" for b in bands)
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} 80" role="img" '
        f'aria-label="{escape(title)}: {escape(said)}" preserveAspectRatio="none">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(said)}</desc>",
    ]
    for b in bands:
        x0, x1 = _x(b.start, first, last), _x(b.end, first, last)
        parts.append(
            f'<rect class="band {b.status}" x="{x0}" y="{BAND_Y}" width="{max(x1 - x0, 1)}" '
            f'height="{BAND_H}"><title>{STATUS_LABEL[b.status]}: {b.start} to {b.end}</title>'
            "</rect>"
        )
    for m in marks:
        x = _x(m.day, first, last)
        parts.append(
            f'<line class="event" x1="{x}" x2="{x}" y1="14" y2="{BAND_Y + BAND_H + 6}">'
            f"<title>{m.day} {escape(m.type)}: {escape(m.summary)}</title></line>"
        )
    if first <= today <= last:
        x = _x(today, first, last)
        parts.append(f'<line class="today" x1="{x}" x2="{x}" y1="4" y2="76"/>')
        parts.append(f'<text class="today" x="{x + 4}" y="12">today {today}</text>')
    parts.append(f'<text class="axis" x="0" y="74">{first}</text>')
    parts.append(f'<text class="axis end" x="{WIDTH}" y="74" text-anchor="end">{last}</text>')
    parts.append("</svg>")
    return "".join(parts)
