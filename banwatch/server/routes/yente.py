"""yente's API: `POST /match/{dataset}`, `GET /search/{dataset}`, `/catalog`, `/algorithms`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .. import yente
from ..auth import requires
from ..deps import State, Today, state
from ..yente_shapes import MatchBody

router = APIRouter(tags=["yente"], dependencies=[Depends(requires("viewer"))])


@router.post("/match/{dataset}", response_class=Response)
async def match(
    dataset: str,
    body: MatchBody,
    request: Request,
    threshold: Annotated[float, Query(ge=0, le=1)] = 0.7,
    cutoff: Annotated[float, Query(ge=0, le=1)] = 0.5,
    limit: Annotated[int, Query(ge=1, le=500)] = 5,
    algorithm: str = yente.BEST,
    exclude_entity_ids: Annotated[list[str], Query()] = [],  # noqa: B006  (FastAPI copies)
    as_of: date | None = None,
) -> Response:
    """Match example entities, yente's way; results also carry the measures reaching them."""
    params = yente.MatchParams(threshold, cutoff, limit, algorithm, tuple(exclude_entity_ids))
    loaded, day = state(request), as_of or date.today()
    # A few queries on the event loop with the kept screening; more on a worker thread.
    if yente.inline(body):
        answer = yente.match(loaded, dataset, body, params, day, kept=True)
    else:
        answer = await run_in_threadpool(yente.match, loaded, dataset, body, params, day)
    # Plain JSON, written once: FastAPI would check and convert every nested value first.
    return Response(orjson.dumps(answer), media_type="application/json")


@router.get("/search/{dataset}")
def search(
    dataset: str,
    q: Annotated[str, Query(min_length=1)],
    loaded: State,
    today: Today,
    limit: Annotated[int, Query(ge=1, le=500)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Search the registry by name, yente's way."""
    return yente.search(loaded, dataset, q, limit, offset, as_of or today)


@router.get("/catalog")
def catalog(loaded: State) -> dict[str, Any]:
    """The datasets served, yente's way."""
    return yente.catalog(loaded)


@router.get("/algorithms")
def algorithms() -> dict[str, Any]:
    """The matching algorithms offered, yente's way."""
    return yente.algorithms()
