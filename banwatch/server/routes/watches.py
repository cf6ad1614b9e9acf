"""`/watches`: the watched inventories, and what their recent checks found (viewers and up).

A watch's webhook is shown by its host only: its path or query may hold a
token, and the secret that signs the body is never shown at all.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from banwatch.errors import NotFoundError
from banwatch.monitoring.checking import host_of
from banwatch.store import WatchState
from banwatch.store.watch_checks import CheckRecord

from ..auth import requires
from ..deps import State

router = APIRouter(tags=["watches"], dependencies=[Depends(requires("viewer"))])


@router.get("/watches")
def list_watches(loaded: State, request: Request) -> dict[str, Any]:
    """Every watched inventory: its files, profile, webhook host and last check (with counts:
    records changed, new events, steps ahead); and the server's schedule (`serve
    --watch-every`, `--pull-every`)."""
    checks = loaded.watch_checks()
    watches = []
    for w in loaded.store().watches():
        last = checks.recent(w.name, 1)
        watches.append(_watch_json(w, _check_summary(last[0]) if last else None))
    scheduler = getattr(request.app.state, "scheduler", None)
    return {"watches": watches, "schedule": scheduler.describe() if scheduler else None}


@router.get("/watches/{name}/changes")
def watch_changes(
    name: str, loaded: State, limit: Annotated[int, Query(ge=1, le=500)] = 20
) -> dict[str, Any]:
    """What the watch's recent checks found, newest first: records changed, new events, the
    steps ahead, and how each webhook delivery went."""
    if all(w.name != name for w in loaded.store().watches()):
        raise NotFoundError(f"no watch is named {name!r}; `GET /watches` lists them")
    checks = [_check_json(c) for c in loaded.watch_checks().recent(name, limit)]
    return {"watch": name, "checks": checks}


def _watch_json(w: WatchState, last: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "name": w.name,
        "files": w.files,
        "profile": w.profile.model_dump(mode="json"),
        "columns": w.columns,
        "webhook_host": host_of(w.webhook) if w.webhook else None,
        "created_at": w.created_at.isoformat(),
        "checked_at": w.checked_at.isoformat() if w.checked_at else None,
        "checked_as_of": w.checked_as_of,
        "last_run_id": w.last_run_id,
        "last_check": last,
    }


def _check_summary(c: CheckRecord) -> dict[str, Any]:
    """A check in a line: how many records changed and events came; the rest at `/changes`."""
    full = _check_json(c)
    for part in ("changes", "events", "upcoming"):
        full[part] = len(full[part])
    return full


def _check_json(c: CheckRecord) -> dict[str, Any]:
    report = c.report
    return {
        "id": c.id,
        "checked_at": c.checked_at.isoformat(),
        "as_of": c.as_of,
        "run_id": c.run_id,
        "previous_run_id": c.previous_run_id,
        "changed": bool(report.get("changes") or report.get("events")),
        "verdicts": report.get("verdicts", {}),
        "changes": report.get("changes", []),
        "events": report.get("events", []),
        "upcoming": report.get("upcoming", []),
        "error": report.get("error"),
        "delivery": c.delivery,
        "registry_version": report.get("registry_version"),
        "release": report.get("release"),
    }
