"""What is coming: the dated steps of the measures that reach a profile, or its inventories.

Invariants: pure; a step dated from the date asked to `days` later is listed,
soonest first; with inventories, only the measures reaching at least one of
their records are, each step saying how many records that measure reaches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from banwatch.model.dates import parse_partial
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.screening.verdict import binding

from .events import steps_between


@dataclass(frozen=True)
class Upcoming:
    """One dated step of a measure ahead of the date asked."""

    date: str
    days_left: int
    measure_id: str
    title: str
    jurisdiction: str
    type: str
    summary: str
    source: str | None
    binds_you: bool  # whether the measure binds the profile asked
    records: int | None  # records of the inventories it reaches (None: no inventory given)


def upcoming(
    registry: Registry, profile: Profile, days: int, reached: Mapping[str, int] | None = None
) -> list[Upcoming]:
    """The steps ahead within `days` of `profile.as_of` (that day included), soonest first.

    `reached`, when given, maps each measure reaching the inventories to the
    number of records it reaches; the other measures are left out.
    """
    today = profile.as_of
    found: list[Upcoming] = []
    for measure in registry.measures.values():
        if not profile.asks(measure.jurisdiction):
            continue
        if reached is not None and measure.id not in reached:
            continue
        steps = steps_between(measure, None, today - timedelta(days=1), today + timedelta(days))
        if not steps:
            continue
        binds = binding(measure, profile).binds
        for step in steps:
            if step.date is None:  # only dated steps fall in a window; this one cannot
                continue
            found.append(
                Upcoming(
                    date=step.date,
                    days_left=(parse_partial(step.date) - today).days,
                    measure_id=measure.id,
                    title=measure.title,
                    jurisdiction=measure.jurisdiction,
                    type=step.type,
                    summary=step.summary,
                    source=step.source,
                    binds_you=binds,
                    records=None if reached is None else reached[measure.id],
                )
            )
    found.sort(key=lambda u: (u.days_left, u.jurisdiction, u.measure_id))
    return found


def measures_reached(statuses_per_record: list[set[str]]) -> dict[str, int]:
    """How many records each measure reaches, from each record's set of measure ids."""
    counts: dict[str, int] = {}
    for measures in statuses_per_record:
        for measure_id in measures:
            counts[measure_id] = counts.get(measure_id, 0) + 1
    return counts
