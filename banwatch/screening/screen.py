"""Screen records: match, walk relations, fold measures, decide verdicts (pure).

A `Screening` holds one registry, one compiled matcher and one profile; the
measures reaching an entity are worked out once per entity and reused for
every record that matches it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from operator import itemgetter
from typing import NamedTuple, TypeVar, cast

import orjson

from banwatch.matching.matcher import Cell, Evidence, Found, Matcher, cell_warnings
from banwatch.model.dates import parse_partial
from banwatch.model.findings import EventNote, Finding, Match, MeasureHit, Nearest
from banwatch.model.measures import Event, Measure
from banwatch.model.products import kind_of
from banwatch.model.profile import Profile
from banwatch.model.record_dates import read_record_date
from banwatch.model.records import Record
from banwatch.model.registry import Registry
from banwatch.model.vocabulary import ACQUIRING_ACTS, VERDICT_RANK, Act, Status, Verdict
from banwatch.screening.family import FamilyPath, describe, family_paths
from banwatch.screening.verdict import (
    NO_SCOPE,
    Certainty,
    ProfileBinding,
    Scope,
    binding,
    coverage,
    measure_verdict,
    strongest,
)
from banwatch.status import StatusReport, status_as_of

JUDGED_CACHE = 250_000  # distinct combinations of cells remembered at once
K = TypeVar("K")
V = TypeVar("V")


# Compact JSON, characters as they are: how pydantic writes a finding's plain fields.
json_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def cells_json(values: dict[str, str]) -> str:
    """A record's cells as JSON, exactly as `json_text` writes them (and pydantic).

    Written for every output line, so by orjson, some ten times faster; text
    orjson refuses (lone surrogates standing for undecodable input bytes) goes
    through `json_text`.
    """
    try:
        return orjson.dumps(values).decode()
    except TypeError:
        return json_text(values)


@dataclass(frozen=True)
class EntityPart:
    """What a match says about its entity: the same for every evidence of the same
    entity and certainty, so worked out and written as JSON once."""

    name: str
    via: list[str]
    path: str
    confidence: str
    hits: list[MeasureHit]
    head_json: str  # the `entity_id` and `entity_name` members
    middle_json: str  # the `via`, `path` and `confidence` members
    measures_json: str  # the `measures` array


class MadeMatch:
    """A match: its evidence and its entity's part; the model and its JSON made when first needed.

    A supplier's measures are the same beside each of its thousands of MAC
    addresses: only the evidence is written anew for each.
    """

    __slots__ = ("_json", "_match", "entity", "evidence")

    def __init__(self, evidence: Evidence, entity: EntityPart) -> None:
        self.evidence = evidence
        self.entity = entity
        self._match: Match | None = None
        self._json: str | None = None

    @property
    def match(self) -> Match:
        if self._match is None:
            ev, e = self.evidence, self.entity
            # Every part is a validated model or a plain value built here.
            self._match = Match.model_construct(
                entity_id=ev.entity_id,
                entity_name=e.name,
                score=round(ev.score, 4),
                matched_on=ev.matched_on,
                matched_value=ev.matched_value,
                via=e.via,
                path=e.path,
                confidence=e.confidence,
                features=ev.features,
                measures=e.hits,
            )
        return self._match

    def json(self) -> str:
        """`match.model_dump_json()`, composed from parts (tests compare the two)."""
        if self._json is None:
            ev, e = self.evidence, self.entity
            features = ",".join(f.model_dump_json() for f in ev.features)
            self._json = (
                f'{{{e.head_json},"score":{json_text(round(ev.score, 4))},'
                f'"matched_on":{json_text(ev.matched_on)},'
                f'"matched_value":{json_text(ev.matched_value)},{e.middle_json},'
                f'"features":[{features}],"measures":{e.measures_json}}}'
            )
        return self._json


@dataclass
class Judgement:
    """What a record's recognised cells amount to; the same for every record repeating them."""

    made: list[MadeMatch]
    warnings: list[str]
    verdict: Verdict
    nearest: Nearest | None = None  # with --explain, when nothing matched
    nearest_json: str = "null"
    _middle: str | None = None
    _matches: list[Match] | None = None

    @property
    def matches(self) -> list[Match]:
        if self._matches is None:
            self._matches = [m.match for m in self.made]
        return self._matches

    def middle(self) -> str:
        """The finding's `verdict`, `matches` and `warnings` as JSON members, written once."""
        if self._middle is None:
            matches = ",".join(m.json() for m in self.made)
            self._middle = (
                f'"verdict":{json_text(self.verdict)},"matches":[{matches}],'
                f'"warnings":{json_text(self.warnings)}'
            )
        return self._middle


class Screened(NamedTuple):
    """One record screened straight to its JSON line, for writers that take lines.

    A named tuple: one is made per input row, and tuples are the cheapest to make.
    """

    verdict: Verdict
    text: str  # exactly `Finding.model_dump_json()` of the record's finding
    warnings: list[str]
    file: str | None
    line: int | None


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
class Screening:
    """Screens records for one profile against one registry."""

    registry: Registry
    matcher: Matcher
    profile: Profile
    explain: bool = False  # say, for a record matching nothing, the nearest listed name
    _reach: dict[str, list[Reach]] = field(default_factory=dict)
    _hits: dict[tuple[str, str, Scope], list[MeasureHit]] = field(default_factory=dict)
    _parts: dict[tuple[str, str, Scope], EntityPart] = field(default_factory=dict)
    # Judgements by the columns that have roles, then by those columns' cells.
    _judged: dict[tuple[str, ...], CellsKeys] = field(default_factory=dict)
    _family: dict[str, list[FamilyPath]] = field(default_factory=dict)
    _by_cells: dict[tuple[tuple[Cell, ...], tuple[str, ...], Scope], Judgement] = field(
        default_factory=dict
    )
    _model_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    _made_matches: dict[tuple[object, ...], MadeMatch] = field(default_factory=dict)
    _where: dict[str | None, str] = field(default_factory=dict)  # JSON of each file name

    def __post_init__(self) -> None:
        self._matcher_json = json_text(self.matcher.version)
        # Judgements of buying on a record's own date: (measure, target, day) -> status, binding.
        self._on_day: dict[tuple[str, int, date], tuple[StatusReport, ProfileBinding]] = {}
        self._held: dict[
            str, ProfileBinding
        ] = {}  # measure -> binding for the acts other than buying

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
            self.matcher.config.certain,
            r.path.confidence,
            self._verified(r.path),
            family_member=_family_member(ev),
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
        key = self._hits_key(ev, scope)
        cached = self._hits.get(key)
        if cached is None:
            cached = [self._hit(r, ev, scope) for r in self.reach(ev.entity_id)]
            cached.sort(key=lambda h: (-VERDICT_RANK[h.verdict], h.jurisdiction, h.measure_id))
            self._hits[key] = cached
        return cached

    def _hits_key(self, ev: Evidence, scope: Scope) -> tuple[str, str, Scope]:
        # How sure: certain, not, or a probable family member (whose doubt is said in other words).
        if ev.score >= self.matcher.config.certain:
            sure = "certain"
        else:
            sure = "family" if _family_member(ev) else "uncertain"
        return (ev.entity_id, sure, scope)

    def _made(self, ev: Evidence, scope: Scope = NO_SCOPE) -> MadeMatch:
        """The match for `ev`, made once per distinct evidence.

        A supplier on thousands of rows beside different MAC addresses gives
        the same evidence each time, and so the same match. Its features are
        the very objects its cells' readings hold (the matcher remembers each
        cell's reading), so they are told apart by identity, not by hashing
        and comparing models: a cached match keeps its features alive, so an
        identity in the key cannot be reused by another object meanwhile.
        """
        key: tuple[object, ...] = (scope, ev.entity_id, ev.score, ev.matched_on)
        key += (ev.matched_value, *map(id, ev.features))
        made = self._made_matches.get(key)
        if made is None:
            made = MadeMatch(ev, self._entity_part(ev, scope))
            _remember(self._made_matches, key, made)
        return made

    def _entity_part(self, ev: Evidence, scope: Scope) -> EntityPart:
        """What every match of `ev`'s entity, certainty and scope says about the entity."""
        key = self._hits_key(ev, scope)
        part = self._parts.get(key)
        if part is None:
            hits = self.hits(ev, scope)
            paths = {r.path.end: r.path for r in self.reach(ev.entity_id)}
            top = paths.get(hits[0].target) if hits else None
            path = top or FamilyPath((ev.entity_id,), (), "high")
            name = self.registry.entities[ev.entity_id].name
            via, said = list(path.ids), describe(self.registry, path)
            part = EntityPart(
                name=name,
                via=via,
                path=said,
                confidence=path.confidence,
                hits=hits,
                head_json=f'"entity_id":{json_text(ev.entity_id)},"entity_name":{json_text(name)}',
                middle_json=(
                    f'"via":{json_text(via)},"path":{json_text(said)},'
                    f'"confidence":{json_text(path.confidence)}'
                ),
                measures_json="[" + ",".join(h.model_dump_json() for h in hits) + "]",
            )
            self._parts[key] = part
        return part

    def family(self, entity_id: str) -> list[FamilyPath]:
        """The entity's family on the date asked, worked out once per entity."""
        paths = self._family.get(entity_id)
        if paths is None:
            paths = family_paths(self.registry, entity_id, self.profile.as_of)
            self._family[entity_id] = paths
        return paths

    def _drop_ancestors(self, found: list[Evidence]) -> list[Evidence]:
        """Of an entity and a relative its relations reach, keep the one read better.

        A child read better than its parent says more ("Hikvision Canada");
        a child read worse than its parent is a weaker reading of what the
        record names ("Hikvision" also reads, below certainty, as Hikvision
        Canada Inc.). At equal scores both stay.
        """
        if len(found) < 2:
            return found
        score = {e.entity_id: e.score for e in found}
        dropped: set[str] = set()
        for e in found:
            for p in self.family(e.entity_id):
                if p.end == e.entity_id or p.end not in score:
                    continue
                if score[p.end] < e.score:
                    dropped.add(p.end)
                elif score[p.end] > e.score:
                    dropped.add(e.entity_id)
        return [e for e in found if e.entity_id not in dropped]

    def judge(self, record: Record) -> Judgement:
        """Matches, cell warnings and verdict for a record's recognised cells.

        They depend only on those cells, so records that repeat them (the same
        supplier on thousands of ledger lines) are judged once.
        """
        keys = self._keys(record)
        judged_here = keys.judged
        key = keys.key(record.values)
        cached = judged_here.get(key)
        if cached is not None:
            return cached
        # Cells that point at nobody do not change the judgement: a new supplier
        # beside a known model number is judged as that model number alone.
        telling: list[Cell] = []
        found: list[Found] = []
        read = list(self.matcher.cells(record))
        for cell, (got, _) in read:
            if got:
                telling.append(cell)
                found.extend(got)
        warnings = cell_warnings(read)
        scope = self._scope(record, telling, warnings) if found else NO_SCOPE
        why = (tuple(telling), tuple(warnings), scope)
        judged = self._by_cells.get(why)
        if judged is None:
            evidence = self.matcher.combine(found)
            made = [self._made(e, scope) for e in self._drop_ancestors(evidence)]
            verdict = strongest([h.verdict for m in made for h in m.entity.hits])
            judged = Judgement(made, warnings, verdict)
            _remember(self._by_cells, why, judged)
        if self.explain and not judged.made:
            # Every record that matches nothing shares one judgement: its own
            # cells decide what was nearest.
            near = self.matcher.nearest(record)
            if near is not None:
                judged = replace(
                    judged, nearest=near, nearest_json=near.model_dump_json(), _middle=None
                )
        _remember(judged_here, key, judged)
        return judged

    def _scope(self, record: Record, telling: list[Cell], warnings: list[str]) -> Scope:
        """The record's kinds of product (model patterns, a described column) and its date."""
        kinds: set[str] = set()
        for _, role, value in telling:
            if role == "model":
                kinds |= self._kinds_of_model(value)
        acquired: date | None = None
        unread: list[str] = []
        for column, role in record.roles.items():
            value = record.values.get(column, "").strip()
            if not value:
                continue
            if role == "kind":
                kind = kind_of(value)
                if kind is not None:
                    kinds.add(kind)
            elif role == "date":
                # Of several dates (ordered, delivered, installed), the earliest is
                # when the item was bought.
                day, why = read_record_date(value)
                if day is None:
                    unread.append(f"column {column!r}: {why}")
                elif acquired is None or day < acquired:
                    acquired = day
        outcome = (
            "the record's date is unknown, so buying is judged on the date asked"
            if acquired is None
            else "the record's date is taken from its other date columns"
        )
        warnings.extend(f"{said}; {outcome}" for said in unread)
        return Scope(frozenset(kinds), acquired)

    def _kinds_of_model(self, value: str) -> frozenset[str]:
        kinds = self._model_kinds.get(value)
        if kinds is None:
            found = self.matcher.models.search(value)
            kinds = frozenset(h.pattern.kind for h in found if h.pattern.kind is not None)
            _remember(self._model_kinds, value, kinds)
        return kinds

    def _keys(self, record: Record) -> CellsKeys:
        columns = tuple(record.roles)
        keys = self._judged.get(columns)
        if keys is None:
            keys = self._judged[columns] = CellsKeys(columns)
        return keys

    def judge_all(self, records: Sequence[Record]) -> list[Judgement]:
        """`judge` of each record, the names of records not judged before searched together first.

        Searching a batch of names one after the other keeps the name index
        in the processor's caches; between rows it is evicted by everything
        else a row does, and a name then costs about twice as much.
        """
        out: list[Judgement | None] = []
        missed: list[int] = []
        for k, record in enumerate(records):
            keys = self._keys(record)
            got = keys.judged.get(keys.key(record.values))
            out.append(got)
            if got is None:
                missed.append(k)
        if missed:
            self.matcher.read_names(
                [
                    value
                    for k in missed
                    for column, role in records[k].roles.items()
                    if role == "name" and (value := records[k].values.get(column, ""))
                ]
            )
            for k in missed:
                out[k] = self.judge(records[k])
        return cast(list[Judgement], out)

    def screen(self, record: Record) -> Finding:
        """The finding for one record."""
        j = self.judge(record)
        # Every part is already a validated model or plain value built here:
        # constructing without validating again saves most of the cost per row.
        return Finding.model_construct(
            row=record.row,
            record=record.values,
            verdict=j.verdict,
            matches=j.matches,
            warnings=j.warnings,
            file=record.file,
            line=record.line,
            matcher=self.matcher.version,
            nearest=j.nearest,
        )

    def screen_line(self, record: Record) -> Screened:
        """The finding for one record as its JSON line, without building the finding.

        The part that depends only on the recognised cells is written once per
        distinct combination of them; tests check the text equals the
        finding's `model_dump_json()`.
        """
        return self.line(record, self.judge(record))

    def screen_lines(self, records: Sequence[Record]) -> list[Screened]:
        """`screen_line` of each record, judged together (`judge_all`)."""
        line = self.line
        return [line(r, j) for r, j in zip(records, self.judge_all(records), strict=True)]

    def line(self, record: Record, j: Judgement) -> Screened:
        """The JSON line of a record with its judgement."""
        where = self._where.get(record.file)
        if where is None:
            where = self._where[record.file] = f',"file":{json_text(record.file)},"line":'
        line = "null" if record.line is None else str(record.line)
        text = (
            f'{{"row":{record.row},"record":{cells_json(record.values)},{j.middle()}'
            f'{where}{line},"matcher":{self._matcher_json},"nearest":{j.nearest_json}}}'
        )
        return Screened(j.verdict, text, j.warnings, record.file, record.line)


CellsKey = str | tuple[str, ...]
_SEP = "\x1f"  # the unit separator: joins a record's cells into one key


class CellsKeys:
    """The judgements of records with one set of recognised columns, by those columns' cells.

    A record's key is its cells of `columns` joined into one string (one
    hash, one comparison), or a tuple of them when a cell holds the
    separator, so that different cells never give the same key. A missing
    cell counts as empty, as it does when cells are read.
    """

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self.judged: dict[CellsKey, Judgement] = {}
        # Picks the cells in one C call; a single column gives the cell, not a tuple.
        self._pick = itemgetter(*columns) if len(columns) > 1 else None

    def key(self, values: dict[str, str]) -> CellsKey:
        """The key of a record's cells (`values` holds every cell of the record)."""
        if self._pick is None:
            return values.get(self.columns[0], "") if self.columns else ""
        try:
            cells = self._pick(values)
        except KeyError:
            cells = tuple([values.get(c, "") for c in self.columns])
        joined = _SEP.join(cells)
        return joined if joined.count(_SEP) == len(cells) - 1 else cells


def _cells_key(columns: tuple[str, ...], values: dict[str, str]) -> CellsKey:
    """The key `CellsKeys` gives a record's cells of `columns` (for tests and one-off use)."""
    return CellsKeys(columns).key(values)


def _family_member(ev: Evidence) -> bool:
    """Whether the strongest evidence is the name read as a probable member of the family."""
    return ev.features[0].feature == "family"


def _remember(cache: dict[K, V], key: K, judged: V) -> None:
    """Keep `judged` under `key`; a full cache forgets its oldest tenth.

    Forgetting a part, not all, keeps a working set slightly above the limit
    from missing on every row.
    """
    if len(cache) >= JUDGED_CACHE:
        for old in list(islice(cache, JUDGED_CACHE // 10)):
            del cache[old]
    cache[key] = judged


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
