"""A measure's legal life as bands of status between dates, and its events as marks: pure.

Invariants (property-tested): the bands cover the window from its first day
to its last without gap or overlap, in order; two neighbouring bands differ
in status; each band's status is the measure's status (for the target, if
given) on every day of the band, since the status only changes on an event's
or a listing's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from banwatch.model.dates import parse_partial
from banwatch.model.measures import Measure
from banwatch.status import status_as_of


@dataclass(frozen=True)
class Band:
    """Days `start` to `end` (inclusive) during which the measure had one status."""

    start: date
    end: date
    status: str


@dataclass(frozen=True)
class Mark:
    """One dated event of the measure."""

    day: date
    type: str
    summary: str
    source: str | None


def change_days(measure: Measure, target: int | None) -> list[date]:
    """Every day the status may change: the events' dates and the target's own listing dates."""
    days = {parse_partial(e.date) for e in measure.events if e.date is not None}
    entries = measure.targets if target is None else [measure.targets[target]]
    for entry in entries:
        for listed in (entry.date_added, entry.date_removed):
            if listed is not None:
                days.add(parse_partial(listed))
    return sorted(days)


def bands(measure: Measure, target: int | None, first: date, last: date) -> list[Band]:
    """The measure's status from `first` to `last`, as bands (see the module invariants)."""
    starts = [first, *(d for d in change_days(measure, target) if first < d <= last)]
    out: list[Band] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] - timedelta(days=1) if k + 1 < len(starts) else last
        status = status_as_of(measure, start, target).status
        if out and out[-1].status == status:
            out[-1] = Band(out[-1].start, end, status)
        else:
            out.append(Band(start, end, status))
    return out


def marks(measure: Measure, first: date, last: date) -> list[Mark]:
    """The measure's dated events from `first` to `last`, oldest first."""
    found = [
        Mark(parse_partial(e.date), e.type, e.summary, str(e.source) if e.source else None)
        for e in measure.events
        if e.date is not None and first <= parse_partial(e.date) <= last
    ]
    return sorted(found, key=lambda m: m.day)


def window(measure: Measure, today: date) -> tuple[date, date]:
    """The days a timeline shows: a month before the first event to two months past the later
    of today and the last event."""
    days = change_days(measure, None) or [today]
    return days[0] - timedelta(days=30), max(days[-1], today) + timedelta(days=60)
