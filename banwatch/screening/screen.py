"""Screen records: match, walk relations, fold measures, decide verdicts (pure).

A `Screening` holds one registry, one compiled matcher and one profile. It
judges a record from its recognised cells (`judge`), remembering each
judgement by those cells (`parts`), with the measures reaching each matched
entity worked out once (`reach.MeasureReach`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter
from typing import cast

from banwatch.matching.matcher import Cell, Evidence, Found, Matcher, cell_warnings
from banwatch.model.findings import Finding
from banwatch.model.products import kind_of
from banwatch.model.profile import Profile
from banwatch.model.record_dates import read_record_date
from banwatch.model.records import Record
from banwatch.model.registry import Registry
from banwatch.screening.family import FamilyPath, describe
from banwatch.screening.parts import (
    CellsKeys,
    EntityPart,
    Judgement,
    MadeMatch,
    Screened,
    remember,
)
from banwatch.screening.reach import MeasureReach, Reach, note
from banwatch.screening.verdict import NO_SCOPE, Scope, strongest
from banwatch.writers.finding_json import (
    RECORD_HEAD,
    ROW_HEAD,
    cells_json,
    json_text,
    match_head,
    match_relation,
)

_roles_of = attrgetter("roles")
_values_of = attrgetter("values")
_NO_FILE = object()  # no record's file: `line_texts` has not met a file yet

__all__ = ["Judgement", "Reach", "Screened", "Screening", "cells_json", "json_text", "note"]


@dataclass
class Screening:
    """Screens records for one profile against one registry."""

    registry: Registry
    matcher: Matcher
    profile: Profile
    explain: bool = False  # say, for a record matching nothing, the nearest listed name
    _parts: dict[tuple[str, str, Scope], EntityPart] = field(default_factory=dict)
    # Judgements by the columns that have roles, then by those columns' cells.
    _judged: dict[tuple[str, ...], CellsKeys] = field(default_factory=dict)
    _by_cells: dict[tuple[tuple[Cell, ...], tuple[str, ...], Scope], Judgement] = field(
        default_factory=dict
    )
    _model_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    _made_matches: dict[tuple[object, ...], MadeMatch] = field(default_factory=dict)
    _files: dict[str | None, str] = field(default_factory=dict)  # JSON of each file name

    def __post_init__(self) -> None:
        self._matcher_json = json_text(self.matcher.version)
        self.measures = MeasureReach(self.registry, self.matcher.config, self.profile)

    def reach(self, entity_id: str) -> list[Reach]:
        """Every measure in the asked jurisdictions that covers `entity_id` (`MeasureReach`)."""
        return self.measures.reach(entity_id)

    def family(self, entity_id: str) -> list[FamilyPath]:
        """The entity's family on the date asked (`MeasureReach.family`)."""
        return self.measures.family(entity_id)

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
            remember(self._made_matches, key, made)
        return made

    def _entity_part(self, ev: Evidence, scope: Scope) -> EntityPart:
        """What every match of `ev`'s entity, certainty and scope says about the entity."""
        key = self.measures.hits_key(ev, scope)
        part = self._parts.get(key)
        if part is None:
            hits = self.measures.hits(ev, scope)
            top = None
            if hits:  # most matched names are on no measure's path
                paths = {r.path.end: r.path for r in self.reach(ev.entity_id)}
                top = paths.get(hits[0].target)
            path = top or FamilyPath((ev.entity_id,), (), "high")
            name = self.registry.entities[ev.entity_id].name
            via, said = list(path.ids), describe(self.registry, path)
            part = EntityPart(
                name=name,
                via=via,
                path=said,
                confidence=path.confidence,
                hits=hits,
                head_json=match_head(ev.entity_id, name),
                middle_json=match_relation(via, said, path.confidence),
                measures_json="[" + ",".join(h.model_dump_json() for h in hits) + "]",
            )
            self._parts[key] = part
        return part

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
            remember(self._by_cells, why, judged)
        if self.explain and not judged.made:
            # Every record that matches nothing shares one judgement: its own
            # cells decide what was nearest.
            near = self.matcher.nearest(record)
            if near is not None:
                judged = replace(
                    judged,
                    nearest=near,
                    nearest_json=near.model_dump_json(),
                    _middle=None,
                    _frame=None,
                )
        remember(judged_here, key, judged)
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
            remember(self._model_kinds, value, kinds)
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
        out = self._looked_up(records)
        missed = [k for k, got in enumerate(out) if got is None]
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

    def _looked_up(self, records: Sequence[Record]) -> list[Judgement | None]:
        """The judgement of each record remembered by its cells, None for those not judged yet.

        The records of one file share one dict of roles (`readers`); when all
        of them do, their keys are picked and looked up in C loops, a million
        rows' worth of Python steps fewer.
        """
        if not records:
            return []
        roles = records[0].roles
        if list(map(_roles_of, records)).count(roles) == len(records):  # `is` first, in C
            keys = self._keys(records[0])
            return list(map(keys.judged.get, keys.keys(list(map(_values_of, records)))))
        out: list[Judgement | None] = []
        for record in records:
            keys = self._keys(record)
            out.append(keys.judged.get(keys.key(record.values)))
        return out

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
        """The JSON line of a record with its judgement (`writers.finding_json`)."""
        text = self.line_text(record, j)
        return Screened(j.verdict, text, j.warnings, record.file, record.line, record.row, j)

    def line_texts(self, records: Sequence[Record], judged: Sequence[Judgement]) -> list[str]:
        """`line_text` of each record with its judgement, as one loop (a chunk of a run)."""
        texts: list[str] = []
        add = texts.append
        matcher = self._matcher_json
        last: object = _NO_FILE
        file = ""
        for record, j in zip(records, judged, strict=True):
            if record.file is not last:
                last = record.file
                file = self._file_json(record.file)
            after, end = j.frame(file, matcher)
            line = "null" if record.line is None else record.line
            add(f"{ROW_HEAD}{record.row}{RECORD_HEAD}{cells_json(record.values)}{after}{line}{end}")
        return texts

    def _file_json(self, name: str | None) -> str:
        file = self._files.get(name)
        if file is None:
            file = self._files[name] = json_text(name)
        return file

    def line_text(self, record: Record, j: Judgement) -> str:
        """The text of `line`: the record's own members set in its judgement's frame.

        Per row only the row, the cells and the line number are written; the
        rest is the judgement's, made once per file (`Judgement.frame`).
        """
        after, end = j.frame(self._file_json(record.file), self._matcher_json)
        line = "null" if record.line is None else record.line
        return f"{ROW_HEAD}{record.row}{RECORD_HEAD}{cells_json(record.values)}{after}{line}{end}"
