"""yente's API: `POST /match/{dataset}`, `GET /search/{dataset}`, `/catalog`, `/algorithms`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from .. import yente
from ..auth import requires
from ..deps import State, Today, state
from ..parsing import body_of, documented, query_of
from ..yente_shapes import MatchBody

router = APIRouter(tags=["yente"], dependencies=[Depends(requires("viewer"))])
# `/match` alone: it checks its key itself, as FastAPI's solving of a dependency cost as
# much as the check (`parsing`).
matching = APIRouter(tags=["yente"])
viewer = requires("viewer")


class MatchQuery(BaseModel):
    """The query parameters of `POST /match/{dataset}`."""

    threshold: float = Field(0.7, ge=0, le=1)
    cutoff: float = Field(0.5, ge=0, le=1)
    limit: int = Field(5, ge=1, le=500)
    algorithm: str = yente.BEST
    exclude_entity_ids: list[str] = []
    as_of: date | None = None


NO_QUERY = MatchQuery()  # an empty query string: shared, never changed


@matching.post(
    "/match/{dataset}",
    response_class=Response,
    openapi_extra=documented(MatchQuery, MatchBody, path=("dataset",)),
)
async def match(request: Request) -> Response:
    """Match example entities, yente's way; results also carry the measures reaching them.

    Query parameters: `threshold`, `cutoff`, `limit`, `algorithm`, `exclude_entity_ids`,
    `as_of`; the body is yente's `{"queries": {key: {schema, properties}}}`."""
    # Read here rather than declared: FastAPI's reading of eight parameters cost more
    # than the rest of a one-query request (`parsing`). The key first, as FastAPI would.
    await viewer(request)
    query = query_of(request, MatchQuery, NO_QUERY)
    body = await body_of(request, MatchBody)
    dataset: str = request.path_params["dataset"]
    params = yente.MatchParams(
        query.threshold,
        query.cutoff,
        query.limit,
        query.algorithm,
        tuple(query.exclude_entity_ids),
    )
    loaded, day = state(request), query.as_of or date.today()
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
