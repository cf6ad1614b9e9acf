"""Fold a measure's events into its status on a date.

Invariants (checked by property tests):
- only events dated on or before the date count, so adding later events never
  changes the answer;
- the status is constant between two consecutive dated events;
- a measure with no `in_force` or `targets_added` event on or before the date
  is `not_yet`; a list target is `not_yet` before its own `date_added`;
- undated events and events whose effect is `none` or `amended` never change it;
- a list target is `ended` from its own `date_removed`;
- a list measure is `in_force` from its first target's listing, and a target
  listed without a date (`undated`) counts on every date;
- a measure that restricts nobody and has been challenged (a court
  proceeding) is `pending` from the filing until it ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from banwatch.model.dates import parse_partial
from banwatch.model.measures import Event, Measure
from banwatch.model.vocabulary import Status

_CHALLENGES = frozenset({"challenged", "stay_motion"})


@dataclass(frozen=True)
class StatusReport:
    """A measure's status on a date, with the events that explain it."""

    status: Status
    since: str | None  # date of the event (or listing) that gave this status
    because: tuple[Event, ...]  # the events that made it so, oldest first
    pending: tuple[Event, ...]  # challenges filed and not ended with the measure
    deadlines: tuple[Event, ...]  # every dated obligation, past and ahead
    undated: bool = False  # a target listed without a date: counted on every date


def _dated(events: tuple[Event, ...] | list[Event]) -> list[tuple[date, Event]]:
    out = [(parse_partial(e.date), e) for e in events if e.date is not None]
    out.sort(key=lambda pair: pair[0])  # stable: same-day events keep file order
    return out


def _fold(events: list[tuple[date, Event]]) -> tuple[Status, list[Event]]:
    status: Status = "not_yet"
    because: list[Event] = []
    for _, ev in events:
        new = _step(status, ev)
        if new != status or (ev.effect in ("in_force", "targets_added") and not because):
            because.append(ev)
        status = new
    return status, because


def _step(status: Status, ev: Event) -> Status:
    effect = ev.effect
    if effect == "in_force":
        return "in_force"
    if effect == "targets_added":
        return "in_force" if status == "not_yet" else status
    if effect == "suspended":
        return "suspended" if status == "in_force" else status
    if effect == "resumed":
        return "in_force" if status in ("suspended", "in_force") else status
    if effect == "ended":
        return "ended" if status != "not_yet" else status
    return status


def status_as_of(measure: Measure, as_of: date, target: int | None = None) -> StatusReport:
    """The status of `measure` (for one of its targets, if given) on `as_of`."""
    dated = _dated(measure.events)
    past = [(d, e) for d, e in dated if d <= as_of]
    status, because = _fold(past)
    since = because[-1].date if because else None
    entry = measure.targets[target] if target is not None else None
    undated = entry.undated if entry is not None else False
    if entry is None:
        if status == "not_yet":
            # A list is in force from its first entry's listing (or from any
            # entry listed without a date), whatever events it holds.
            first = _first_listing(measure)
            if any(t.undated for t in measure.targets):
                status, since = "in_force", None
            elif first is not None and parse_partial(first) <= as_of:
                status, since = "in_force", first
    elif status != "ended":
        if undated:
            # Listed, date not given: it counts on every date, and says so.
            if status == "not_yet":
                status, since = "in_force", None
        elif entry.date_added is not None:
            day = parse_partial(entry.date_added)
            if day > as_of:
                status, since, because = "not_yet", None, []
            else:
                status = "in_force" if status == "not_yet" else status
                added = [e for d, e in past if d == day and e.effect == "targets_added"]
                because += [e for e in added if e not in because]
                if since is None or day > parse_partial(since):
                    since = entry.date_added
        removed = entry.date_removed
        if removed is not None and status != "not_yet" and parse_partial(removed) <= as_of:
            return StatusReport("ended", removed, tuple(because), (), _deadlines(dated), undated)
    challenges = [e for _, e in past if e.type in _CHALLENGES]
    if status == "not_yet" and not measure.restrictive and challenges:
        status, since = "pending", challenges[0].date
    pending = tuple(challenges) if status != "ended" else ()
    return StatusReport(status, since, tuple(because), pending, _deadlines(dated), undated)


def _first_listing(measure: Measure) -> str | None:
    """The earliest listing date of a list measure's targets, or None when none is dated."""
    days = [t.date_added for t in measure.targets if t.date_added is not None]
    return min(days, key=parse_partial) if days else None


def _deadlines(dated: list[tuple[date, Event]]) -> tuple[Event, ...]:
    return tuple(e for _, e in dated if e.type == "deadline")
