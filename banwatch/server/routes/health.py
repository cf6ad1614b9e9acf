"""`/healthz` (the process answers) and `/readyz` (the index is loaded: 503 until then)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import State
from ..schemas import Status

router = APIRouter(tags=["system"])


@router.get("/healthz", response_model=Status)
def healthz() -> Status:
    """The server process is up."""
    return Status(status="ok")


@router.get("/readyz", response_model=Status, responses={503: {"model": Status}})
def readyz(loaded: State) -> Status | JSONResponse:
    """The index is loaded and requests can be screened; 503 while it loads or if it failed."""
    if not loaded.ready.is_set():
        detail = loaded.failure or "the index is still loading"
        body = Status(status="loading" if loaded.failure is None else "failed", detail=detail)
        return JSONResponse(body.model_dump(), status_code=503)
    matcher = loaded.matcher()
    return Status(status="ok", registry_version=matcher.registry.version, matcher=matcher.version)
