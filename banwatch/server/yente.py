"""yente's endpoints answered from banwatch: match, search, catalog, algorithms.

The adapters between yente's requests and the screening core; the shapes
themselves are built in `yente_shapes` (pure).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from banwatch.errors import NotFoundError, UsageError
from banwatch.matching.config import DEFAULT_CONFIG, FEATURES
from banwatch.model.profile import Profile
from banwatch.screening.screen import Screening

from .errors import TooLargeError
from .lookup import name_finding
from .screenings import INLINE, release_json
from .state import Loaded
from .yente_shapes import (
    DATASET,
    DATASETS,
    MATCHABLE,
    MatchBody,
    entity_shape,
    query_record,
    query_response,
)

MAX_QUERIES = 1000
"""The most queries one `/match` request may carry (more is 413)."""
BEST = "best"  # yente's name for whichever algorithm the server recommends


@dataclass(frozen=True)
class MatchParams:
    """The query parameters of `/match` banwatch reads."""

    threshold: float = 0.7
    cutoff: float = 0.5
    limit: int = 5
    algorithm: str = BEST
    exclude_entity_ids: tuple[str, ...] = ()


def check_dataset(dataset: str) -> None:
    """NotFoundError for a dataset banwatch does not serve."""
    if dataset not in DATASETS:
        raise NotFoundError(f"no dataset {dataset!r}; this server serves {', '.join(DATASETS)}")


def check_algorithm(name: str) -> None:
    """UsageError for an algorithm other than banwatch's matcher (or yente's `best`)."""
    if name not in (BEST, DEFAULT_CONFIG.name):
        raise UsageError(
            f"unknown algorithm {name!r}; expected {DEFAULT_CONFIG.name} or {BEST}",
            field="algorithm",
        )


def inline(body: MatchBody) -> bool:
    """Whether `match` may screen the body with the kept screening, on the event loop."""
    return len(body.queries) <= INLINE


def match(
    loaded: Loaded,
    dataset: str,
    body: MatchBody,
    params: MatchParams,
    as_of: date,
    *,
    kept: bool = False,
) -> dict[str, Any]:
    """yente's `/match` answer: each query screened as a record, its matches scored.

    `kept`: by the profile's kept screening (`screenings`: on the event loop only),
    else by a fresh one.
    """
    check_dataset(dataset)
    check_algorithm(params.algorithm)
    if len(body.queries) > MAX_QUERIES:
        raise TooLargeError(f"{len(body.queries)} queries; at most {MAX_QUERIES}", field="queries")
    matcher = loaded.matcher()
    registry = matcher.registry
    profile = Profile(as_of=as_of)
    shapes = loaded.screenings.kept(matcher, profile, len(body.queries)) if kept else None
    screening = shapes.screening if shapes else Screening(registry, matcher, profile)
    exclude = frozenset(params.exclude_entity_ids)
    responses: dict[str, Any] = {}
    for key, query in body.queries.items():
        if query.schema_ not in MATCHABLE:
            raise UsageError(
                f"query {key!r}: schema {query.schema_!r} cannot be matched; "
                f"expected one of {', '.join(MATCHABLE)}",
                field="schema",
            )
        finding = screening.screen(query_record(key, query))
        responses[key] = query_response(
            registry,
            query,
            finding,
            threshold=params.threshold,
            cutoff=params.cutoff,
            limit=params.limit,
            exclude=exclude,
            shapes=shapes,
        )
    return {
        "responses": responses,
        "limit": params.limit,
        "registry_version": registry.version,
        "release": release_json(registry),
        "matcher": matcher.version,
        "as_of": as_of.isoformat(),
    }


def search(
    loaded: Loaded, dataset: str, q: str, limit: int, offset: int, as_of: date
) -> dict[str, Any]:
    """yente's `/search` answer: the entities the text names, best first."""
    check_dataset(dataset)
    matcher = loaded.matcher()  # once: a reload meanwhile must not mix two registries
    registry = matcher.registry
    matches = name_finding(matcher, q, as_of).matches
    results = [
        {**entity_shape(registry, registry.entities[m.entity_id]), "score": m.score}
        for m in matches[offset : offset + limit]
    ]
    return {
        "results": results,
        "facets": {},
        "total": {"value": len(matches), "relation": "eq"},
        "limit": limit,
        "offset": offset,
        "registry_version": registry.version,
        "release": registry.named_release().model_dump(mode="json"),
    }


def catalog(loaded: Loaded) -> dict[str, Any]:
    """yente's `/catalog`: the one dataset, loaded, at the registry's version."""
    registry = loaded.registry()
    entry = {
        "title": "banwatch registry",
        "summary": "Technology vendors restricted by governments, and the measures on them.",
        "version": registry.version,
        "entity_count": len(registry.entities),
        "load": True,
        "index_current": True,
        "index_version": registry.version,
    }
    datasets = [
        {"name": DATASET, **entry, "children": []},
        {"name": "default", **entry, "children": [DATASET]},
    ]
    return {
        "datasets": datasets,
        "current": list(DATASETS),
        "outdated": [],
        "index_stale": False,
        "registry_version": registry.version,
        "release": registry.named_release().model_dump(mode="json"),
    }


def algorithms() -> dict[str, Any]:
    """yente's `/algorithms`: banwatch's one matcher, each feature with its sentence."""
    name = DEFAULT_CONFIG.name
    described = {
        "name": name,
        "description": "banwatch's matcher: names in any script, MAC blocks, domains, model "
        "numbers and FCC IDs, scored by one versioned configuration.",
        "docs": {feature: {"description": text} for feature, text in FEATURES.items()},
    }
    return {"algorithms": [described], "default": name, "best": name}
