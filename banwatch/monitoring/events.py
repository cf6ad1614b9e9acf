"""A measure's dated steps within a window: its events, and the listing and delisting of a target.

Invariants: pure; a step dated `start` is not in the window (`start`, `end`], a
step dated `end` is; steps come oldest first, and on one day in the order the
registry gives them, listings after the measure's own events.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from banwatch.model.dates import parse_partial
from banwatch.model.findings import EventNote
from banwatch.model.measures import Event, Measure, Target
from banwatch.screening.reach import note

# Events that bear on a measure's force without changing its status themselves: a
# challenge makes a measure `pending`, a decision may end or uphold one.
_BEARING = frozenset({"challenged", "stay_motion", "court_decision", "deadline"})


def bears_on_status(event: Event) -> bool:
    """Whether an event can explain a change of status (news and statements cannot)."""
    return event.effect not in ("none", "amended") or event.type in _BEARING


def steps_between(
    measure: Measure,
    targets: Collection[str] | None,
    start: date,
    end: date,
    bearing_only: bool = False,
) -> list[EventNote]:
    """What happens to `measure` after `start`, to `end`: its events (with `bearing_only`,
    those that can explain a change of status), and the listing and delisting of its entries
    for the entities `targets` (of every entry when None)."""
    found = [
        (parse_partial(e.date), note(e))
        for e in measure.events
        if e.date is not None
        and start < parse_partial(e.date) <= end
        and (bears_on_status(e) or not bearing_only)
    ]
    for entry in measure.targets:
        if targets is None or entry.entity in targets:
            found.extend(_listing_steps(measure, entry, start, end))
    found.sort(key=lambda pair: pair[0])  # stable: the registry's order within a day
    return [step for _, step in found]


def _listing_steps(
    measure: Measure, entry: Target, start: date, end: date
) -> list[tuple[date, EventNote]]:
    """The target's own listing and delisting, told as steps of the measure."""
    source = str(measure.sources[0]) if measure.sources else None
    steps = []
    for day, kind, said in (
        (entry.date_added, "target_listed", "listed"),
        (entry.date_removed, "target_delisted", "removed from the list"),
    ):
        if day is not None and start < parse_partial(day) <= end:
            summary = f"{entry.name} {said} ({measure.title})"
            steps.append(
                (parse_partial(day), EventNote(date=day, type=kind, summary=summary, source=source))
            )
    return steps
