"""Where a timeline's words go: today's label, the window's first and last days, and the years.

A timeline is drawn at the width it is shown at (no viewBox: its positions are percentages of
its width, its words are in pixels), so words are never stretched or squashed. A label's place
is therefore a fraction of the width plus an offset in pixels, and its box depends on the width.
Positions spread out as the drawing widens while words keep their size, so a label that lies
inside the narrowest drawing that shows it, clear of its neighbours, does so in every wider one.

Invariants (tested): in a drawing NARROWEST pixels wide or wider every label shown lies inside
the drawing and no two overlap; the same from WIDE pixels on, where the years kept for wide
drawings are shown too (site.css hides them below a 601 px window).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

FONT_PX = 13  # every word of the drawing; the pages' smallest readable size is 11 px
# Upper bounds, in em, of the advance of a character and of the ascent and descent of the
# sans-serif fonts the pages fall back on, so an estimated box holds the drawn word. DejaVu Sans
# (Debian's default) is among the widest: digits 0.636, hyphen 0.361, space 0.318, the letters
# of "today" at most 0.635; ascent 0.928, descent 0.236 (Arial, Roboto, Segoe UI: digits 0.56).
CHAR_EM = {**dict.fromkeys("0123456789", 0.64), "-": 0.4, " ": 0.35}
OTHER_EM, ASCENT_EM, DESCENT_EM = 0.7, 1.0, 0.3
GAP_PX = 8  # the least room between two words, and between a word and today's line
HEIGHT = 84
TODAY_Y, AXIS_Y = 14, 76  # baselines: today's label above the bands, the dates below
NARROWEST = 288  # a 320 px phone's window less main's padding (16 px each side)
WIDE = 552  # a 601 px window less main's padding and a 17 px scrollbar: .wide shows from there
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)  # label every year, or every 2nd, 5th, ... year

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels


@dataclass(frozen=True)
class Label:
    """A word at `at` (a fraction of the drawing's width) plus `dx` pixels, its `anchor` end
    there (start, middle or end), on baseline `y`; `wide`: shown only from WIDE pixels on."""

    text: str
    kind: str  # the CSS class: today or axis
    at: float
    anchor: str
    y: float
    dx: float = 0.0
    wide: bool = False

    def box(self, width: float) -> Box:
        """Where the word lies in a drawing `width` pixels wide (an upper bound)."""
        size = text_px(self.text)
        x = self.at * width + self.dx
        left = {"start": x, "middle": x - size / 2, "end": x - size}[self.anchor]
        return (left, self.y - ASCENT_EM * FONT_PX, left + size, self.y + DESCENT_EM * FONT_PX)


def text_px(text: str) -> float:
    """An upper bound of the width of `text` drawn at FONT_PX, in pixels."""
    return sum(CHAR_EM.get(c, OTHER_EM) for c in text) * FONT_PX


def fraction(day: date, first: date, last: date) -> float:
    """Where `day` falls between the window's first and last day, from 0 to 1."""
    span = max((last - first).days, 1)
    return min(max((day - first).days / span, 0.0), 1.0)


def inside(box: Box, width: float) -> bool:
    left, top, right, bottom = box
    return left >= 0 and right <= width and top >= 0 and bottom <= HEIGHT


def apart(a: Box, b: Box) -> bool:
    """Whether two boxes are at least GAP_PX apart sideways, or do not share a line."""
    sideways = a[2] + GAP_PX <= b[0] or b[2] + GAP_PX <= a[0]
    return sideways or a[3] <= b[1] or b[3] <= a[1]


def shown(labels: Iterable[Label], width: float) -> list[Label]:
    """The labels a drawing `width` pixels wide shows (site.css hides .wide below WIDE)."""
    return [label for label in labels if width >= WIDE or not label.wide]


def clear(labels: Sequence[Label], width: float) -> bool:
    """Whether every label lies inside a drawing `width` pixels wide, no two overlapping."""
    boxes = [label.box(width) for label in labels]
    return all(inside(b, width) for b in boxes) and all(
        apart(a, b) for a, b in combinations(boxes, 2)
    )


def today_label(today: date, first: date, last: date) -> Label:
    """Today's label beside its line: after it where it fits even the narrowest drawing, else
    before it (near the right edge), else against the nearer edge."""
    text, at = f"today {today}", fraction(today, first, last)
    for anchor, dx in (("start", GAP_PX / 2), ("end", -GAP_PX / 2)):
        label = Label(text, "today", at, anchor, TODAY_Y, dx)
        if inside(label.box(NARROWEST), NARROWEST):
            return label
    return Label(text, "today", 1.0 if at > 0.5 else 0.0, "end" if at > 0.5 else "start", TODAY_Y)


def axis_labels(first: date, last: date) -> list[Label]:
    """The window's first and last days at its ends, and between them the years (on their 1
    January), as many as fit: fewer in narrow drawings, the others marked `wide`."""
    ends = [
        Label(first.isoformat(), "axis", 0.0, "start", AXIS_Y),
        Label(last.isoformat(), "axis", 1.0, "end", AXIS_Y),
    ]
    years = [
        Label(str(y), "axis", fraction(date(y, 1, 1), first, last), "middle", AXIS_Y)
        for y in range(first.year + 1, last.year + 1)
    ]
    wide_step = _step(years, ends, WIDE, YEAR_STEPS)
    if wide_step is None:
        return ends
    # The narrow years are among the wide ones, so the wide drawing's years stay apart.
    steps = tuple(k for k in YEAR_STEPS if k % wide_step == 0)
    narrow = set(_every(_step(years, ends, NARROWEST, steps), years, ends, NARROWEST))
    kept = _every(wide_step, years, ends, WIDE)
    return ends + [Label(y.text, y.kind, y.at, y.anchor, y.y, wide=y not in narrow) for y in kept]


def _every(step: int | None, years: list[Label], ends: list[Label], width: float) -> list[Label]:
    """The years divisible by `step` that stay clear of the window's end dates at `width`."""
    if step is None:
        return []
    return [y for y in years if int(y.text) % step == 0 and clear([*ends, y], width)]


def _step(
    years: list[Label], ends: list[Label], width: float, steps: tuple[int, ...]
) -> int | None:
    """The smallest step whose years, with the end dates, fit a drawing `width` pixels wide."""
    for step in steps:
        if clear([*ends, *_every(step, years, ends, width)], width):
            return step
    return None
