"""The registry's measures and entities, as `banwatch measures` and `banwatch entity` see them.

Thin adapters over `banwatch.reports`: the same rows and views the CLI
writes, as JSON-ready dicts, each answer saying which registry it came from.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from banwatch.errors import NotFoundError
from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Finding
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.reports.entity import describe_entity
from banwatch.reports.measures import measure_rows
from banwatch.screening.screen import Screening

from .state import Loaded
from .yente_shapes import entity_shape


def measures(loaded: Loaded, profile: Profile, target: str | None) -> dict[str, Any]:
    """The measures the profile asks about (maybe only those on `target`), with their status."""
    registry = loaded.registry()
    rows = measure_rows(registry, profile, target)
    return {
        "registry_version": registry.version,
        "release": registry.named_release().model_dump(mode="json"),
        "as_of": profile.as_of.isoformat(),
        "measures": [asdict(r) for r in rows],
    }


def measure(loaded: Loaded, measure_id: str, as_of: date) -> dict[str, Any]:
    """One measure's row as of `as_of`, with its whole timeline; NotFoundError if unknown."""
    registry = loaded.registry()
    found = registry.measures.get(measure_id)
    if found is None:
        raise NotFoundError(f"no measure {measure_id!r}; `GET /measures` lists them")
    row = next(
        r for r in measure_rows(registry, Profile(as_of=as_of), None) if r.measure_id == measure_id
    )
    events = [e.model_dump(mode="json") for e in found.events]
    return {
        "registry_version": registry.version,
        "release": registry.named_release().model_dump(mode="json"),
        "as_of": as_of.isoformat(),
        **asdict(row),
        "events": events,
    }


def entity(loaded: Loaded, entity_id: str, as_of: date) -> dict[str, Any]:
    """An entity in yente's shape, with `banwatch entity`'s view of it beside it."""
    matcher = loaded.matcher()
    if entity_id not in matcher.registry.entities:
        raise NotFoundError(f"no entity {entity_id!r}; `GET /entities/search?q=` finds one")
    view = describe_entity(matcher.registry, matcher, entity_id, as_of)
    shape = entity_shape(matcher.registry, matcher.registry.entities[entity_id])
    return {
        **shape,
        **asdict(view),
        "as_of": as_of.isoformat(),
        "registry_version": matcher.registry.version,
        "release": matcher.registry.named_release().model_dump(mode="json"),
    }


def name_finding(matcher: Matcher, name: str, as_of: date) -> Finding:
    """What screening makes of a record holding only this name (every jurisdiction asked)."""
    record = Record(0, "query", 1, {"name": name}, {"name": "name"})
    return Screening(matcher.registry, matcher, Profile(as_of=as_of)).screen(record)


def search(loaded: Loaded, q: str, as_of: date) -> dict[str, Any]:
    """The entities a name refers to, best first, as screening matches them."""
    matcher = loaded.matcher()  # once: a reload meanwhile must not mix two registries
    finding = name_finding(matcher, q, as_of)
    return {
        "query": q,
        "registry_version": matcher.registry.version,
        "release": matcher.registry.named_release().model_dump(mode="json"),
        "as_of": as_of.isoformat(),
        "matches": [m.model_dump(mode="json") for m in finding.matches],
    }
