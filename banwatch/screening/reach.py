"""The measures that reach a matched entity, and what each says of one match (pure).

Worked out once per entity (its family, the measures targeting any of it),
then once per entity, certainty and scope (the record's kinds of product and
date): a `MeasureReach` remembers both for one registry, profile and matcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from banwatch.matching.matcher import Evidence, MatcherConfig
from banwatch.model.dates import parse_partial
from banwatch.model.findings import EventNote, MeasureHit
from banwatch.model.measures import Event, Measure
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.model.vocabulary import ACQUIRING_ACTS, VERDICT_RANK, Act, Status, Verdict
from banwatch.screening.family import FamilyPath, family_paths
from banwatch.screening.verdict import (
    NO_SCOPE,
    Certainty,
    ProfileBinding,
    Scope,
    binding,
    coverage,
    measure_verdict,
)
from banwatch.status import StatusReport, status_as_of


def note(event: Event) -> EventNote:
    """An event as shown with a finding."""
    src = str(event.source) if event.source else None
    return EventNote(date=event.date, type=event.type, summary=event.summary, source=src)


@dataclass(frozen=True)
class Reach:
    """A measure that reaches an entity through a path, with its status and binding."""

    measure: Measure
    target: int
    path: FamilyPath
    report: StatusReport
    bind: ProfileBinding
    started: bool


@dataclass
class MeasureReach:
    """The measures reaching entities, and their verdicts, for one profile."""

    registry: Registry
    config: MatcherConfig
    profile: Profile
    _reach: dict[str, list[Reach]] = field(default_factory=dict)
    _hits: dict[tuple[str, str, Scope], list[MeasureHit]] = field(default_factory=dict)
    _family: dict[str, list[FamilyPath]] = field(default_factory=dict)
    # Buying judged on a record's own date: (measure, target, day) -> status, binding.
    _on_day: dict[tuple[str, int, date], tuple[StatusReport, ProfileBinding]] = field(
        default_factory=dict
    )
    _held: dict[str, ProfileBinding] = field(default_factory=dict)  # the acts besides buying

    def reach(self, entity_id: str) -> list[Reach]:
        """Every measure in the asked jurisdictions that covers `entity_id`, once per measure."""
        cached = self._reach.get(entity_id)
        if cached is not None:
            return cached
        out: dict[str, Reach] = {}
        for path in self.family(entity_id):
            for measure, ti in self.registry.measures_targeting(path.end):
                if not self.profile.asks(measure.jurisdiction):
                    continue
                target = measure.targets[ti]
                if not path.coverage_needed() <= set(target.covers):
                    continue
                r = self._reach_one(measure, ti, path)
                old = out.get(measure.id)
                if old is None or _better(r, old):
                    out[measure.id] = r
        result = list(out.values())
        self._reach[entity_id] = result
        return result

    def _reach_one(self, measure: Measure, ti: int, path: FamilyPath) -> Reach:
        report = status_as_of(measure, self.profile.as_of, ti)
        started = any(
            e.date is not None and parse_partial(e.date) <= self.profile.as_of
            for e in measure.events
        )
        return Reach(measure, ti, path, report, binding(measure, self.profile), started)

    def _verified(self, path: FamilyPath) -> bool:
        return all(self.registry.entities[i].verified for i in path.ids)

    def _hit(self, r: Reach, ev: Evidence, scope: Scope) -> MeasureHit:
        certainty = Certainty(
            ev.score,
            self.config.certain,
            r.path.confidence,
            self._verified(r.path),
            family_member=family_member(ev),
        )
        covers = coverage(r.measure, r.target, scope, self.profile.as_of)
        best: tuple[Verdict, str, StatusReport, ProfileBinding, date] | None = None
        for report, bind, day in self._judgements(r, scope):
            verdict, reason = measure_verdict(
                r.measure, report.status, bind, certainty, r.started, covers
            )
            if day != self.profile.as_of:
                reason = f"{reason} (buying judged on the record's date, {day.isoformat()})"
            if best is None or VERDICT_RANK[verdict] > VERDICT_RANK[best[0]]:
                best = (verdict, reason, report, bind, day)
        assert best is not None  # _judgements always gives one
        verdict, reason, report, bind, day = best
        if report.undated and report.status == "in_force":
            reason = f"{reason}; listed, date not given: counted on every date"
        return MeasureHit(
            measure_id=r.measure.id,
            title=r.measure.title,
            jurisdiction=r.measure.jurisdiction,
            status=report.status,
            since=report.since,
            binds=bind.binds,
            verdict=verdict,
            reason=reason,
            target=r.path.end,
            via=list(r.path.ids),
            sources=[str(s) for s in r.measure.sources],
            because=[note(e) for e in report.because],
            # What is pending or due is told as of the date asked, whatever the day judged.
            pending=[note(e) for e in r.report.pending],
            deadlines=[note(e) for e in r.report.deadlines],
            judged_on=day.isoformat(),
        )

    def _judgements(
        self, r: Reach, scope: Scope
    ) -> list[tuple[StatusReport, ProfileBinding, date]]:
        """The measure's status and binding for each date the record is judged on.

        Buying (and importing) happened on the record's own date, when it has
        one, so they are judged on that day; the other acts asked about (using,
        installing, operating ...) are judged on the date asked. Without a
        record date, or when the measure restricts no acquiring act asked
        about, everything is judged on the date asked.
        """
        asked = self.profile.asked_acts
        bought = tuple(a for a in asked if a in ACQUIRING_ACTS and a in r.measure.acts)
        if scope.acquired is None or not bought:
            return [(r.report, r.bind, self.profile.as_of)]
        out: list[tuple[StatusReport, ProfileBinding, date]] = []
        held = tuple(a for a in asked if a not in ACQUIRING_ACTS)
        if set(held) & set(r.measure.acts):
            out.append((r.report, self._held_binding(r.measure, held), self.profile.as_of))
        out.append((*self._bought_on(r, bought, scope.acquired), scope.acquired))
        return out

    def _held_binding(self, measure: Measure, held: tuple[Act, ...]) -> ProfileBinding:
        bind = self._held.get(measure.id)
        if bind is None:
            bind = self._held[measure.id] = binding(measure, replace(self.profile, acts=held))
        return bind

    def _bought_on(
        self, r: Reach, bought: tuple[Act, ...], day: date
    ) -> tuple[StatusReport, ProfileBinding]:
        key = (r.measure.id, r.target, day)
        found = self._on_day.get(key)
        if found is None:
            on_day = replace(self.profile, acts=bought, as_of=day)
            found = (status_as_of(r.measure, day, r.target), binding(r.measure, on_day))
            self._on_day[key] = found
        return found

    def hits(self, ev: Evidence, scope: Scope = NO_SCOPE) -> list[MeasureHit]:
        """The measures reaching a matched entity, strongest verdict first.

        They depend on the match only through whether its score is certain,
        and on the record only through its scope (kind of product, date
        acquired), so they are worked out once per entity, certainty and scope.
        """
        key = self.hits_key(ev, scope)
        cached = self._hits.get(key)
        if cached is None:
            cached = [self._hit(r, ev, scope) for r in self.reach(ev.entity_id)]
            cached.sort(key=lambda h: (-VERDICT_RANK[h.verdict], h.jurisdiction, h.measure_id))
            self._hits[key] = cached
        return cached

    def hits_key(self, ev: Evidence, scope: Scope) -> tuple[str, str, Scope]:
        # How sure: certain, not, or a probable family member (whose doubt is said in other words).
        if ev.score >= self.config.certain:
            sure = "certain"
        else:
            sure = "family" if family_member(ev) else "uncertain"
        return (ev.entity_id, sure, scope)

    def family(self, entity_id: str) -> list[FamilyPath]:
        """The entity's family on the date asked, worked out once per entity."""
        paths = self._family.get(entity_id)
        if paths is None:
            paths = family_paths(self.registry, entity_id, self.profile.as_of)
            self._family[entity_id] = paths
        return paths


def family_member(ev: Evidence) -> bool:
    """Whether the strongest evidence is the name read as a probable member of the family."""
    return ev.features[0].feature == "family"


_STATUS_RANK: dict[Status, int] = {
    "in_force": 4,
    "suspended": 3,
    "pending": 2,
    "not_yet": 1,
    "ended": 0,
}


def _better(a: Reach, b: Reach) -> bool:
    """Prefer the path that binds, is in force, and is more certain."""
    key_a = (a.bind.binds, _STATUS_RANK[a.report.status], a.path.confidence == "high")
    key_b = (b.bind.binds, _STATUS_RANK[b.report.status], b.path.confidence == "high")
    return key_a > key_b
