"""The registry as one immutable value: entities, measures, MAC blocks, version.

Built by `banwatch.registry.loader` and passed around explicitly; nothing in
banwatch loads it at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from banwatch.model.entities import Entity, ModelPattern
from banwatch.model.measures import Measure

EMBEDDED = "embedded"  # the release name of the registry bundled with banwatch
FOLDER = "folder"  # the release name of a registry folder given by `BANWATCH_REGISTRY`


class ImportedSource(BaseModel):
    """An imported source merged into the registry, as a run names it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    version: str


class RegistryRelease(BaseModel):
    """Where the registry's files came from: a pulled release (its version, release date and
    the fingerprint of the key that signed it), the bundled registry (`embedded`) or a folder
    of one's own (`folder`); with the imported sources merged in, as a run names them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = EMBEDDED
    released: str | None = None
    key_id: str | None = None
    sources: tuple[ImportedSource, ...] = ()


@dataclass(frozen=True)
class MacBlock:
    """An IEEE MAC address block attributed to an entity through its registrant name."""

    prefix: str  # upper-case hex digits, 6 (MA-L), 7 (MA-M) or 9 (MA-S) long
    registrant: str
    entity_id: str
    source: str
    verified: bool = True  # False when the registrant's link to the entity is not confirmed


@dataclass(frozen=True)
class SourceData:
    """Entities and measures imported from a list published by others (one version of it)."""

    name: str  # the source's name, e.g. "us-csl" or "opensanctions-default"
    version: str  # changes with every import of different content
    entities: tuple[Entity, ...]
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Registry:
    """Everything screening needs to know, validated and cross-checked."""

    entities: Mapping[str, Entity]
    measures: Mapping[str, Measure]
    mac_blocks: Mapping[str, MacBlock] = field(default_factory=dict)
    model_patterns: tuple[ModelPattern, ...] = ()
    name_corpus: tuple[str, ...] = ()  # organisation names used to weigh words (IEEE registrants)
    sources: tuple[tuple[str, str], ...] = ()  # (name, version) of every imported source merged in
    version: str = "unversioned"
    # Where the files came from: set by whoever loads it from settings (`loading`), since
    # equal files give one cached index whether they came bundled or as a release.
    release: RegistryRelease = field(default_factory=RegistryRelease)

    def named_release(self) -> RegistryRelease:
        """The release, with the imported sources merged in."""
        merged = tuple(ImportedSource(name=n, version=v) for n, v in self.sources)
        return self.release.model_copy(update={"sources": merged})

    def measures_targeting(self, entity_id: str) -> list[tuple[Measure, int]]:
        """Every (measure, target index) whose target is `entity_id`."""
        return list(self._targeting.get(entity_id, ()))

    @cached_property
    def _targeting(self) -> dict[str, list[tuple[Measure, int]]]:
        # Built on first use: imported lists hold thousands of measures, and
        # screening asks this for every entity a record matches.
        out: dict[str, list[tuple[Measure, int]]] = {}
        for m in self.measures.values():
            for i, t in enumerate(m.targets):
                if t.entity is not None:
                    out.setdefault(t.entity, []).append((m, i))
        return out


def dangling_references(
    entities: Mapping[str, Entity], measures: Mapping[str, Measure]
) -> list[str]:
    """Describe every relation or target that names an entity id that does not exist."""
    problems: list[str] = []
    for e in entities.values():
        for r in e.relations:
            if r.target not in entities:
                problems.append(
                    f"entity {e.id!r}: relation {r.type} -> unknown entity {r.target!r}"
                )
    for m in measures.values():
        for t in m.targets:
            if t.entity is not None and t.entity not in entities:
                problems.append(f"measure {m.id!r}: target -> unknown entity {t.entity!r}")
    return problems
