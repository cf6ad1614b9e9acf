"""`/runs`: saved runs, one run with its findings, and what changed between two runs."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from banwatch.store import diff_runs

from ..auth import requires
from ..deps import State

router = APIRouter(tags=["runs"], dependencies=[Depends(requires("viewer"))])


@router.get("/runs")
def list_runs(loaded: State, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict[str, Any]:
    """The newest complete runs, newest first."""
    runs = loaded.store().list_runs(limit)
    return {"runs": [r.model_dump(mode="json") for r in runs]}


@router.get("/runs/{run_id}", response_class=Response)
def get_run(run_id: str, loaded: State) -> Response:
    """A run (id or unique prefix) and its findings, each the JSON line it was saved as."""
    store = loaded.store()
    run = store.get_run(run_id)
    head = orjson.dumps({"run": run.model_dump(mode="json")})
    lines = [line.encode() for line in store.lines(run.id)]
    body = head[:-1] + b',"findings":[' + b",".join(lines) + b"]}"
    return Response(body, media_type="application/json")


@router.get("/runs/{run_a}/diff/{run_b}")
def diff(run_a: str, run_b: str, loaded: State) -> dict[str, Any]:
    """The records whose verdict or measure status changed from run `a` to run `b`, and why."""
    store = loaded.store()
    a, b = store.get_run(run_a), store.get_run(run_b)
    changes = diff_runs(store.findings(a.id), store.findings(b.id))
    return {
        "a": a.model_dump(mode="json"),
        "b": b.model_dump(mode="json"),
        "changes": [c.model_dump(mode="json") for c in changes],
    }
