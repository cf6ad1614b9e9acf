"""`/healthz` (the process answers) and `/readyz` (the index is loaded: 503 until then)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import State
from ..schemas import Status

router = APIRouter(tags=["system"])


# Async, though neither waits: FastAPI would run a plain function on a worker thread, a
# hop that costs more than the answer (these are asked often, by load balancers too).
@router.get("/healthz", response_model=Status)
async def healthz() -> Status:
    """The server process is up."""
    return Status(status="ok")


@router.get("/readyz", response_model=Status, responses={503: {"model": Status}})
async def readyz(loaded: State) -> Status | JSONResponse:
    """The index is loaded and requests can be screened; 503 while it loads or if it failed."""
    if not loaded.ready.is_set():
        detail = loaded.failure or "the index is still loading"
        body = Status(status="loading" if loaded.failure is None else "failed", detail=detail)
        # `release` is told once loaded; the shape of the 503 stays what it was.
        return JSONResponse(body.model_dump(exclude={"release"}), status_code=503)
    matcher = loaded.matcher()
    registry = matcher.registry
    release = registry.named_release().model_dump(mode="json")
    return Status(
        status="ok", registry_version=registry.version, release=release, matcher=matcher.version
    )
