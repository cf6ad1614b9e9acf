"""`POST /screen`: records in, the findings `screen --format jsonl` writes out."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..auth import requires
from ..deps import state
from ..parsing import body_of, documented
from ..schemas import ScreenBody
from ..screening import inline, screen_body, screen_kept

router = APIRouter(tags=["screening"])
analyst = requires("analyst")


@router.post("/screen", response_class=Response, openapi_extra=documented(None, ScreenBody))
async def screen(request: Request) -> Response:
    """Screen the records: `{run_id, registry_version, matcher, as_of, verdicts, warnings,
    findings}`, each finding exactly as one line of `banwatch screen --format jsonl`."""
    # The key, then the body, read here rather than declared: FastAPI's solving of the two
    # cost about as much as screening a record with the kept screening (`parsing`).
    who = await analyst(request)
    body = await body_of(request, ScreenBody)
    # A few records, unsaved: on the event loop, by the profile's kept screening; anything
    # more (or a run to save) on a worker thread, so the loop is not held for long.
    loaded, today = state(request), date.today()
    answer = screen_kept(body, loaded, today) if inline(body) else None
    if answer is None:
        answer = await run_in_threadpool(screen_body, body, loaded, today, who.actor)
    return Response(answer, media_type="application/json")
