"""Watched inventories in the store: what each watches, and where its last check left off.

Invariants: a watch's name is unique (adding one twice is a `UsageError`);
`files` are absolute paths; a check replaces `last_run_id` with the run it
saved only after that run is complete, so an interrupted check leaves the
previous comparison point in place. Deleting a run sets `last_run_id` to NULL
(the next check then starts afresh).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from banwatch.errors import NotFoundError, UsageError
from banwatch.store.meta import RunProfile
from banwatch.store.tables import Watch


class WatchSpec(BaseModel):
    """What a watch screens, for whom, and where it reports."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    files: list[str]
    profile: RunProfile = RunProfile()
    columns: list[str] = []  # `--column` choices, as ROLE=HEADER
    webhook: str | None = None


class WatchState(WatchSpec):
    """A watch as stored: its spec, and its last check."""

    created_at: datetime
    checked_at: datetime | None = None
    checked_as_of: str | None = None
    last_run_id: str | None = None


def insert_watch(conn: Connection, spec: WatchSpec, now: datetime) -> None:
    values = {**spec.model_dump(mode="json"), "created_at": now}
    try:
        with conn.begin_nested():
            conn.execute(insert(Watch), [values])
    except IntegrityError:
        raise UsageError(f"a watch named {spec.name!r} already exists") from None


def all_watches(conn: Connection) -> list[WatchState]:
    rows = conn.execute(select(Watch).order_by(Watch.name)).mappings()
    return [WatchState.model_validate(dict(row)) for row in rows]


def delete_watch(conn: Connection, name: str) -> None:
    if conn.execute(delete(Watch).where(Watch.name == name)).rowcount != 1:
        raise NotFoundError(f"no watch is named {name!r} (see banwatch watch list)")


def mark_checked(
    conn: Connection, name: str, run_id: str | None, as_of: str, now: datetime
) -> None:
    values = {"last_run_id": run_id, "checked_as_of": as_of, "checked_at": now}
    if conn.execute(update(Watch).where(Watch.name == name).values(**values)).rowcount != 1:
        raise NotFoundError(f"no watch is named {name!r}: removed during the check?")
