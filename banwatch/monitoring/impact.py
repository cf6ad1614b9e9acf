"""What a change of date does to one record: its verdict, and each measure's status for it.

`banwatch impact` screens every record as the law stood on two dates; a
record is reported when its verdict or the status of any measure reaching it
differs, with the steps of each such measure in between that can explain it
(events that change a status, challenges, decisions, deadlines, the target's
listing; not news or statements).

Invariants: pure; a record whose two findings agree on the verdict and on
every (measure, target) status and verdict gives no change; a measure
reaching the record on one date only shows as `none` on the other (a new
listing, a delisting). A measure whose status stays but whose verdict moves
(a binding that starts on a date: a later phase reaching more sectors) is a
change too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from banwatch.model.findings import EventNote, Finding
from banwatch.model.registry import Registry

from .events import steps_between

NONE = "none"  # the status of a measure that does not reach the record on that date


@dataclass(frozen=True)
class StatusChange:
    """One measure whose status for the record differs between the two dates."""

    measure_id: str
    target: str  # the entity the measure names
    from_status: str
    to_status: str
    events: list[EventNote]
    from_verdict: str  # the measure's own verdict for the record (`none` if it did not reach it)
    to_verdict: str


@dataclass(frozen=True)
class RecordImpact:
    """A record whose verdict or measures changed between the two dates."""

    row: int
    record: dict[str, str]
    file: str | None
    line: int | None
    from_verdict: str
    to_verdict: str
    changes: list[StatusChange]


def statuses(finding: Finding) -> dict[tuple[str, str], tuple[str, str]]:
    """Each (measure, target) reaching the record's matches, with its status and verdict.

    Matches come strongest first, so of two reaching one measure through one
    target the first says the most.
    """
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for match in finding.matches:
        for hit in match.measures:
            out.setdefault((hit.measure_id, hit.target), (hit.status, hit.verdict))
    return out


def impact_of(
    registry: Registry, before: Finding, after: Finding, start: date, end: date
) -> RecordImpact | None:
    """The record's change from `start` (`before`) to `end` (`after`); None when nothing changed."""
    was, now = statuses(before), statuses(after)
    changes = []
    for key in sorted(was.keys() | now.keys()):
        (from_status, from_verdict), (to_status, to_verdict) = (
            was.get(key, (NONE, NONE)),
            now.get(key, (NONE, NONE)),
        )
        if (from_status, from_verdict) == (to_status, to_verdict):
            continue
        measure_id, target = key
        steps = steps_between(registry.measures[measure_id], [target], start, end, True)
        changes.append(
            StatusChange(
                measure_id, target, from_status, to_status, steps, from_verdict, to_verdict
            )
        )
    if not changes and before.verdict == after.verdict:
        return None
    return RecordImpact(
        row=after.row,
        record=after.record,
        file=after.file,
        line=after.line,
        from_verdict=before.verdict,
        to_verdict=after.verdict,
        changes=changes,
    )
