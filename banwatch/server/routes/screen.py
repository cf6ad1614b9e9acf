"""`POST /screen`: records in, the findings `screen --format jsonl` writes out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from banwatch.store.api_keys import KeyInfo

from ..auth import requires
from ..deps import State, Today
from ..schemas import ScreenBody
from ..screening import screen_body

router = APIRouter(tags=["screening"])


@router.post("/screen", response_class=Response)
def screen(
    body: ScreenBody,
    loaded: State,
    today: Today,
    who: Annotated[KeyInfo, Depends(requires("analyst"))],
) -> Response:
    """Screen the records: `{run_id, registry_version, matcher, as_of, verdicts, warnings,
    findings}`, each finding exactly as one line of `banwatch screen --format jsonl`."""
    answer = screen_body(body, loaded, today, who.actor)
    return Response(answer, media_type="application/json")
