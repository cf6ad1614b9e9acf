"""`/measures` and `/entities`: the registry as of a date (yente's `GET /entities/{id}` too)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from banwatch.model.vocabulary import Act, Level, Sector

from .. import lookup
from ..auth import requires
from ..deps import State, Today
from ..schemas import ProfileBody
from ..screening import profile_of

router = APIRouter(tags=["registry"], dependencies=[Depends(requires("viewer"))])

AsOf = Annotated[date | None, Query(description="The date asked (ISO 8601); default today.")]


@router.get("/measures")
def list_measures(
    loaded: State,
    today: Today,
    as_of: AsOf = None,
    jurisdiction: Annotated[list[str], Query()] = [],  # noqa: B006  (FastAPI copies defaults)
    sector: Sector | None = None,
    level: Level | None = None,
    act: Annotated[list[Act], Query()] = [],  # noqa: B006
    target: str | None = None,
) -> dict[str, Any]:
    """The measures in the asked jurisdictions, with their status on the date and whom they bind."""
    body = ProfileBody(
        as_of=as_of, jurisdictions=jurisdiction, sector=sector, level=level, acts=act
    )
    return lookup.measures(loaded, profile_of(body, today), target)


@router.get("/measures/{measure_id}")
def get_measure(measure_id: str, loaded: State, today: Today, as_of: AsOf = None) -> dict[str, Any]:
    """One measure: its status on the date, whom it binds, its targets and its whole timeline."""
    return lookup.measure(loaded, measure_id, as_of or today)


@router.get("/entities/search")
def search_entities(
    q: Annotated[str, Query(min_length=1)], loaded: State, today: Today, as_of: AsOf = None
) -> dict[str, Any]:
    """The entities a name refers to, as screening matches it, with the measures reaching them."""
    return lookup.search(loaded, q, as_of or today)


@router.get("/entities/{entity_id}")
def get_entity(entity_id: str, loaded: State, today: Today, as_of: AsOf = None) -> dict[str, Any]:
    """An entity in yente's shape, plus its family, identifiers and the measures reaching it."""
    return lookup.entity(loaded, entity_id, as_of or today)
