"""What changed between two runs, record by record, in plain words.

Invariants:

- Pure: findings in, changes out; no database, clock or I/O.
- Records are paired by `keys.record_key` (k-th occurrence with k-th
  occurrence), never by row alone, so a re-sorted input shows no changes.
- A record is reported when it was added or removed, when its verdict
  changed, or when any measure reaching it (per measure and matched entity)
  changed status, started or stopped binding, or changed verdict. Score or
  evidence changes alone are not reported.
- Changes come in the order of run `b`, then records removed from run `a` in
  `a`'s order. Memory holds a compact digest of run `a` only; `b` streams.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from banwatch.model.findings import Finding, MeasureHit
from banwatch.model.vocabulary import Status, Verdict
from banwatch.store.keys import record_key


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MeasureChange(_Frozen):
    """One measure reaching one matched entity, before (`_a`) and after (`_b`); None: absent."""

    measure_id: str
    entity: str
    status_a: Status | None
    status_b: Status | None
    binds_a: bool | None
    binds_b: bool | None
    verdict_a: Verdict | None
    verdict_b: Verdict | None


class Change(_Frozen):
    """A record whose standing changed between run `a` and run `b`, and why."""

    key: str
    row_a: int | None  # None: the record is new in `b`
    row_b: int | None  # None: the record is gone from `b`
    record: dict[str, str]  # as in `b` when present, else as in `a`
    verdict_a: Verdict | None
    verdict_b: Verdict | None
    measures: list[MeasureChange]
    why: list[str]


@dataclass(frozen=True, slots=True)
class _Side:
    """What the diff needs of one finding."""

    row: int
    record: dict[str, str]
    verdict: Verdict
    entities: tuple[str, ...]
    measures: dict[tuple[str, str], MeasureHit]


def _side(finding: Finding) -> _Side:
    measures: dict[tuple[str, str], MeasureHit] = {}
    for match in finding.matches:
        for hit in match.measures:
            measures.setdefault((hit.measure_id, match.entity_id), hit)
    entities = tuple(match.entity_id for match in finding.matches)
    return _Side(finding.row, finding.record, finding.verdict, entities, measures)


def _keyed(findings: Iterable[Finding]) -> Iterator[tuple[str, tuple[str, int], _Side]]:
    seen: dict[str, int] = {}
    for finding in findings:
        key = record_key(finding.record, finding.row)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        yield key, (key, occurrence), _side(finding)


def diff_runs(a: Iterable[Finding], b: Iterable[Finding]) -> list[Change]:
    """The records that changed from run `a` to run `b` (see the module invariants)."""
    before = {pair: side for _, pair, side in _keyed(a)}
    changes: list[Change] = []
    for key, pair, after in _keyed(b):
        change = _compare(key, before.pop(pair, None), after)
        if change is not None:
            changes.append(change)
    for (key, _), gone in before.items():
        change = _compare(key, gone, None)
        if change is not None:
            changes.append(change)
    return changes


def _measure_changes(a: _Side | None, b: _Side | None) -> list[MeasureChange]:
    old = a.measures if a else {}
    new = b.measures if b else {}
    changes = []
    for measure_id, entity in dict.fromkeys([*old, *new]):
        x, y = old.get((measure_id, entity)), new.get((measure_id, entity))
        change = MeasureChange(
            measure_id=measure_id,
            entity=entity,
            status_a=x.status if x else None,
            status_b=y.status if y else None,
            binds_a=x.binds if x else None,
            binds_b=y.binds if y else None,
            verdict_a=x.verdict if x else None,
            verdict_b=y.verdict if y else None,
        )
        if (change.status_a, change.binds_a, change.verdict_a) != (
            change.status_b,
            change.binds_b,
            change.verdict_b,
        ):
            changes.append(change)
    return changes


def _compare(key: str, a: _Side | None, b: _Side | None) -> Change | None:
    measures = _measure_changes(a, b)
    if a is not None and b is not None and a.verdict == b.verdict and not measures:
        return None
    shown = b or a
    assert shown is not None  # one side always exists
    return Change(
        key=key,
        row_a=a.row if a else None,
        row_b=b.row if b else None,
        record=shown.record,
        verdict_a=a.verdict if a else None,
        verdict_b=b.verdict if b else None,
        measures=measures,
        why=_why(a, b, measures),
    )


def _why(a: _Side | None, b: _Side | None, measures: list[MeasureChange]) -> list[str]:
    if a is None:
        return ["record added"]
    if b is None:
        return ["record removed"]
    why: list[str] = []
    if a.verdict != b.verdict:
        why.append(f"verdict {a.verdict} → {b.verdict}")
    why += [f"new match {entity}" for entity in b.entities if entity not in a.entities]
    why += [f"no longer matches {entity}" for entity in a.entities if entity not in b.entities]
    for change in measures:
        why += _measure_why(change)
    return list(dict.fromkeys(why))


def _measure_why(change: MeasureChange) -> list[str]:
    name = change.measure_id
    if change.status_a is None:
        return [f"{name}: now applies ({change.status_b})"]
    if change.status_b is None:
        return [f"{name}: no longer applies (was {change.status_a})"]
    why = []
    if change.status_a != change.status_b:
        why.append(f"{name}: {change.status_a} → {change.status_b}")
    if change.binds_a != change.binds_b:
        why.append(f"{name}: {'now binds' if change.binds_b else 'no longer binds'}")
    if not why:
        why.append(f"{name}: verdict {change.verdict_a} → {change.verdict_b}")
    return why
