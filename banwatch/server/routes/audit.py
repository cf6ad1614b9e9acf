"""`GET /audit`: the audit log as JSON lines or CSV, streamed in order."""

from __future__ import annotations

import io
from typing import Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from banwatch.reports.audit import write_entries

from ..auth import requires
from ..deps import State

router = APIRouter(tags=["audit"], dependencies=[Depends(requires("viewer"))])

MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


@router.get("/audit", response_class=Response)
def audit(loaded: State, format: Literal["jsonl", "csv"] = "jsonl") -> Response:
    """Every entry of the audit log, oldest first: screenings, decisions and key changes."""
    out = io.StringIO()
    write_entries(loaded.audit().entries(), format, out)
    return Response(out.getvalue(), media_type=MEDIA[format])
