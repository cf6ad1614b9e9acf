"""`POST /screen`: records in, the findings `screen --format jsonl` writes out."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from banwatch.store.api_keys import KeyInfo

from ..auth import requires
from ..deps import state
from ..schemas import ScreenBody
from ..screening import inline, screen_body, screen_kept

router = APIRouter(tags=["screening"])


@router.post("/screen", response_class=Response)
async def screen(
    body: ScreenBody,
    request: Request,
    who: Annotated[KeyInfo, Depends(requires("analyst"))],
) -> Response:
    """Screen the records: `{run_id, registry_version, matcher, as_of, verdicts, warnings,
    findings}`, each finding exactly as one line of `banwatch screen --format jsonl`."""
    # A few records, unsaved: on the event loop, by the profile's kept screening; anything
    # more (or a run to save) on a worker thread, so the loop is not held for long.
    loaded, today = state(request), date.today()
    answer = screen_kept(body, loaded, today) if inline(body) else None
    if answer is None:
        answer = await run_in_threadpool(screen_body, body, loaded, today, who.actor)
    return Response(answer, media_type="application/json")
