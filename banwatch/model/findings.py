"""Findings: what screening says about one record, in the JSON lines contract.

Field names here are the public interface of `screen --format jsonl`
(DESIGN.md): extend them, never rename them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from banwatch.model.vocabulary import MatchedOn, Status, Verdict


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EventNote(_Out):
    """An event shown with a measure: why it has its status, or what is pending or due."""

    date: str | None
    type: str
    summary: str
    source: str | None


class MeasureHit(_Out):
    """One measure that covers a matched entity, as it stands on the date asked."""

    measure_id: str
    title: str
    jurisdiction: str
    status: Status
    since: str | None  # date of the event that gave the current status
    binds: bool
    verdict: Verdict
    reason: str  # why this verdict, in plain words
    target: str  # the entity id the measure names
    via: list[str]  # path from the matched entity to `target`
    sources: list[str]
    because: list[EventNote] = []
    pending: list[EventNote] = []
    deadlines: list[EventNote] = []
    # The day the status and binding were judged on: the date asked, or the
    # record's own date for buying (None in findings saved before it was told).
    judged_on: str | None = None


class Feature(_Out):
    """One piece of evidence behind a match score."""

    feature: str
    value: str
    column: str | None
    score: float
    explanation: str


class Match(_Out):
    """An entity the record is judged to refer to, how, and the measures that reach it."""

    entity_id: str
    entity_name: str
    score: float
    matched_on: MatchedOn
    matched_value: str
    via: list[str]
    path: str  # "EZVIZ → brand of → Hikvision"
    confidence: str  # weakest confidence along the path: low, medium or high
    features: list[Feature]
    measures: list[MeasureHit]


class Nearest(_Out):
    """For a record that matches nothing, asked with `--explain`: the closest listed name."""

    entity_id: str
    entity_name: str
    name: str  # the listed name the cell came closest to
    column: str
    value: str  # the cell, as read
    # Below `threshold`; at or above it only when the reading was set aside (an
    # ambiguous name beside another country).
    score: float
    threshold: float

    def describe(self) -> str:
        """In words, for tables and CSV cells."""
        listed = f"{self.name!r}" + (
            f" ({self.entity_name})" if self.name != self.entity_name else ""
        )
        return (
            f"nearest: {self.column} {self.value!r} to {listed} at {self.score:.2f}, "
            f"below {self.threshold:.2f}"
        )


class Finding(_Out):
    """One input record, the entities it matched, the measures and the verdict."""

    row: int
    record: dict[str, str]
    verdict: Verdict
    matches: list[Match]
    warnings: list[str] = []
    file: str | None = None
    line: int | None = None  # where the record starts in its file
    matcher: str | None = None  # the matching algorithm's version name
    nearest: Nearest | None = None  # with --explain, for a record that matched nothing
