"""What an alert is about, and what a dismissal of it holds against (pure).

Invariants:
- `value_digest` names a record by its values alone (non-empty, sorted), so
  the same record screened again in another file, row or column order is
  the same value; a dismissal is remembered for that value and one entity.
- `basis` digests everything a dismissal was judged on: the matched entity
  and every entity on its path to a target (names, identifiers, relations),
  and every measure reaching it (timeline, targets, scope). Any change to
  one of them (a new event, a status change, a new listing, a new relation)
  changes the digest, which re-opens the alert; nothing else does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from banwatch.model.findings import Finding
from banwatch.model.registry import Registry


def value_digest(record: Mapping[str, str]) -> str:
    """The SHA-256 (hex) of a record's non-empty values, sorted."""
    values = sorted(v.strip() for v in record.values() if v and v.strip())
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()


def basis(registry: Registry, entity_ids: Iterable[str], measure_ids: Iterable[str]) -> str:
    """The SHA-256 (hex) of the entities and measures a decision was judged on."""
    parts = [registry.entities[e].model_dump_json() for e in sorted(set(entity_ids))] + [
        registry.measures[m].model_dump_json() for m in sorted(set(measure_ids))
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class AlertSeed:
    """One alert to open: a finding's record and one entity it matched."""

    row: int
    record: dict[str, str]
    value: str  # `value_digest` of the record
    entity_id: str
    verdict: str
    basis: str


def alert_seeds(registry: Registry, findings: Iterable[Finding]) -> list[AlertSeed]:
    """An alert for each entity matched by each finding that is not clear, in row order."""
    seeds = []
    for finding in findings:
        if finding.verdict == "clear":
            continue
        value = value_digest(finding.record)
        for match in finding.matches:
            entities = [match.entity_id, *match.via]
            measures = [m.measure_id for m in match.measures]
            seeds.append(
                AlertSeed(
                    row=finding.row,
                    record=dict(finding.record),
                    value=value,
                    entity_id=match.entity_id,
                    verdict=finding.verdict,
                    basis=basis(registry, entities, measures),
                )
            )
    return seeds
