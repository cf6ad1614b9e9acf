"""yente's wire shapes, built from banwatch's registry and findings (pure: data in, data out).

What a yente client sends is read into a banwatch `Record` (its properties
become cells with column roles), screened by the same `Screening` as any
file's row, and the matches are written back in yente's shapes. Every shape
keeps yente's keys and adds banwatch's beside them (a client that ignores
unknown keys sees plain yente): a result also carries the measures that
reach its entity with their status, and every response the registry version.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from banwatch.model.entities import Entity
from banwatch.model.findings import Finding, Match
from banwatch.model.records import Record, Role
from banwatch.model.registry import Registry
from banwatch.readers.columns import unique_name

DATASET = "banwatch"
"""The one dataset banwatch serves; yente's `default` names it too."""
DATASETS = (DATASET, "default")

MATCHABLE = ("Thing", "LegalEntity", "Organization", "Company", "PublicBody", "Person")
"""The FollowTheMoney schemata a `/match` query may name."""

PROPERTY_ROLES: dict[str, Role] = {
    "name": "name",
    "alias": "name",
    "weakAlias": "name",
    "previousName": "name",
    "country": "country",
    "jurisdiction": "country",
    "mainCountry": "country",
    "website": "domain",
}
"""The query properties banwatch reads, and the column role each becomes."""

IDENTIFIER_PROPERTIES = {
    "domain": "website",
    "lei": "leiCode",
    "isin": "isinCode",
    "imo": "imoNumber",
    "tax_id": "taxNumber",
    "register": "registrationNumber",
    "uscc": "registrationNumber",
    "ticker": "ticker",
}
"""Each kind of banwatch identifier as the FollowTheMoney property that holds it."""


class EntityQuery(BaseModel):
    """One query of a `/match` request: an example entity."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    schema_: str = Field(alias="schema")
    # Factories, not `{}`: pydantic deep-copies a mutable default for every query it reads.
    properties: dict[str, list[str]] = Field(default_factory=dict)


class MatchBody(BaseModel):
    """The body of `POST /match/{dataset}`: queries by key (weights and config are accepted)."""

    queries: dict[str, EntityQuery]
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)


def query_record(key: str, query: EntityQuery) -> Record:
    """A query as a record: one cell per value of each property banwatch reads."""
    values: dict[str, str] = {}
    roles: dict[str, Role] = {}
    for prop, given in query.properties.items():
        role = PROPERTY_ROLES.get(prop)
        if role is None:
            continue
        for value in given:
            header = unique_name(prop, values)
            values[header] = value.strip()
            roles[header] = role
    return Record(row=0, file=f"query {key}", line=1, values=values, roles=roles)


def schema_of(entity: Entity) -> str:
    """The FollowTheMoney schema closest to a banwatch entity's kind."""
    return {"person": "Person", "vessel": "Vessel"}.get(entity.kind, "Organization")


def entity_shape(registry: Registry, entity: Entity) -> dict[str, Any]:
    """An entity as yente gives one (`id`, `caption`, `schema`, `properties`, ...)."""
    props: dict[str, list[str]] = {"name": [entity.name]}
    others = [n.value for n in entity.names if n.value != entity.name]
    if others:
        props["alias"] = others
    if entity.country:
        props["country"] = [entity.country.lower()]
    for ident in entity.identifiers:
        prop = IDENTIFIER_PROPERTIES.get(ident.kind)
        if prop is not None:
            props.setdefault(prop, []).append(ident.value)
    props["sourceUrl"] = [str(s) for s in entity.sources]
    if entity.note:
        props["notes"] = [entity.note]
    return {
        "id": entity.id,
        "caption": entity.name,
        "schema": schema_of(entity),
        "properties": props,
        "datasets": [DATASET],
        "referents": [],
        "target": targeted(registry, entity.id),
    }


def targeted(registry: Registry, entity_id: str) -> bool:
    """Whether some measure names this entity among its targets."""
    return bool(registry.measures_targeting(entity_id))


class Shapes(Protocol):
    """Where results already shaped are kept, by match (`server.screenings.Kept`)."""

    def shape(self, match: Match) -> dict[str, Any] | None: ...

    def keep(self, match: Match, shape: dict[str, Any]) -> None: ...


def scored(
    registry: Registry, match: Match, threshold: float, shapes: Shapes | None = None
) -> dict[str, Any]:
    """A match as yente's scored result, with banwatch's path and measures beside it.

    All but `match` depends on the match alone, so it is taken from `shapes`
    when kept there (and kept there when made); the dicts are shared, never changed.
    """
    whole = shapes.shape(match) if shapes is not None else None
    if whole is None:
        whole = _scored(registry, match)
        if shapes is not None:
            shapes.keep(match, whole)
    head, tail = whole["head"], whole["tail"]
    return {**head, "score": match.score, "match": match.score >= threshold, **tail}


def _scored(registry: Registry, match: Match) -> dict[str, Any]:
    """The parts of `scored` before and after its `score` and `match`."""
    explanations = {
        f.feature: {"score": f.score, "detail": f.explanation, "query": f.value}
        for f in match.features
    }
    tail = {
        "explanations": explanations,
        "matched_on": match.matched_on,
        "path": match.path,
        "via": match.via,
        "measures": [m.model_dump(mode="json") for m in match.measures],
    }
    return {"head": entity_shape(registry, registry.entities[match.entity_id]), "tail": tail}


def query_response(
    registry: Registry,
    query: EntityQuery,
    finding: Finding,
    *,
    threshold: float,
    cutoff: float,
    limit: int,
    exclude: frozenset[str],
    shapes: Shapes | None = None,
) -> dict[str, Any]:
    """One key's answer: the matches at or above `cutoff`, best first, at most `limit`."""
    kept = [m for m in finding.matches if m.score >= cutoff and m.entity_id not in exclude]
    results = [scored(registry, m, threshold, shapes) for m in kept[:limit]]
    return {
        "status": 200,
        "results": results,
        "total": {"value": len(kept), "relation": "eq"},
        "query": query.model_dump(by_alias=True),
        "verdict": finding.verdict,
    }
