"""Walk an entity's relations, as they stand on a date, to the entities measures target (pure).

A path records each step's relation type and the weakest confidence along it;
a relation counts only between its `start` and `end` (Lorex stopped being a
Dahua subsidiary when it was sold).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from banwatch.model.dates import parse_partial
from banwatch.model.entities import Relation
from banwatch.model.registry import Registry
from banwatch.model.vocabulary import CONFIDENCE_RANK, Confidence, Coverage

STEP_COVERAGE: dict[str, Coverage] = {
    "subsidiary_of": "subsidiaries",
    "affiliate_of": "subsidiaries",
    "brand_of": "brands",
    "oem_of": "products",
}
MAX_DEPTH = 6


@dataclass(frozen=True)
class FamilyPath:
    """From a matched entity up to a related one."""

    ids: tuple[str, ...]  # matched first, reached last
    steps: tuple[str, ...]  # relation types, one fewer than ids
    confidence: Confidence

    @property
    def end(self) -> str:
        """The entity this path reaches."""
        return self.ids[-1]

    def coverage_needed(self) -> set[Coverage]:
        """What a target's `covers` must include for a measure on `end` to reach the start."""
        return {STEP_COVERAGE[s] for s in self.steps} or {"entity"}


def active(relation: Relation, on: date) -> bool:
    """Whether a relation holds on a date."""
    if relation.start and parse_partial(relation.start) > on:
        return False
    return not (relation.end and parse_partial(relation.end) <= on)


def _weaker(a: Confidence, b: Confidence) -> Confidence:
    return a if CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] else b


def family_paths(registry: Registry, entity_id: str, on: date) -> list[FamilyPath]:
    """Every entity reachable from `entity_id` (itself included), by its strongest shortest path."""
    best: dict[str, FamilyPath] = {entity_id: FamilyPath((entity_id,), (), "high")}
    frontier = [best[entity_id]]
    for _ in range(MAX_DEPTH):
        nxt: list[FamilyPath] = []
        for path in frontier:
            entity = registry.entities.get(path.end)
            if entity is None:
                continue
            for rel in entity.relations:
                if not active(rel, on) or rel.target in path.ids:
                    continue
                step = FamilyPath(
                    (*path.ids, rel.target),
                    (*path.steps, rel.type),
                    _weaker(path.confidence, rel.confidence),
                )
                old = best.get(rel.target)
                if (
                    old is None
                    or CONFIDENCE_RANK[step.confidence] > CONFIDENCE_RANK[old.confidence]
                ):
                    best[rel.target] = step
                    nxt.append(step)
        frontier = nxt
    return list(best.values())


STEP_WORDS = {
    "subsidiary_of": "subsidiary of",
    "affiliate_of": "affiliate of",
    "brand_of": "brand of",
    "oem_of": "reportedly made by",
}


def describe(registry: Registry, path: FamilyPath) -> str:
    """A path in words: "EZVIZ → brand of → Hikvision"."""
    parts = [registry.entities[path.ids[0]].name]
    for step, ident in zip(path.steps, path.ids[1:], strict=True):
        parts += [STEP_WORDS[step], registry.entities[ident].name]
    return " → ".join(parts)
