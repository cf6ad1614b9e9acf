"""Every check of a watched inventory, kept: what it found, and how its webhook went.

Invariants: a successful check is written in one transaction with the
watch's new comparison point (`watches.mark_checked`), so the history and
the watch never disagree; a check that could not screen (a file gone) is
kept too, and leaves the comparison point where it was. Rows are removed
only with their watch.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from banwatch.errors import NotFoundError
from banwatch.store.opened import OpenedStore
from banwatch.store.tables import WatchCheck
from banwatch.store.watches import mark_checked


class CheckRecord(BaseModel):
    """One kept check: when, on what date, its run and the run it was compared with, what it
    found (`monitoring.watching.WatchReport`, as JSON) and its webhook's outcome."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: int
    watch: str
    checked_at: datetime
    as_of: str
    run_id: str | None
    previous_run_id: str | None
    report: dict[str, Any]
    delivery: str | None


class WatchChecks(OpenedStore):
    """The checks of every watch, in the run store's database."""

    def record(
        self, watch: str, as_of: str, run_id: str | None, previous: str | None, report: Any
    ) -> int:
        """Keep a check (and, when it saved a run, make that run the watch's comparison
        point, in the same transaction); return the check's id. `NotFoundError` when the
        watch was removed meanwhile (nothing is kept)."""
        now = self._clock()
        row = {
            "watch": watch,
            "checked_at": now,
            "as_of": as_of,
            "run_id": run_id,
            "previous_run_id": previous,
            "report": report,
        }
        try:
            with self._writer.begin() as conn:
                added = conn.execute(insert(WatchCheck).returning(WatchCheck.id), row)
                check_id = added.scalar_one()
                if run_id is not None:
                    mark_checked(conn, watch, run_id, as_of, now)
        except IntegrityError:  # the watch's row is gone: the check has nothing to belong to
            raise NotFoundError(f"no watch is named {watch!r}: removed during the check?") from None
        return int(check_id)

    def delivered(self, check_id: int, delivery: str) -> None:
        """Say how the check's webhook went."""
        with self._writer.begin() as conn:
            stmt = update(WatchCheck).where(WatchCheck.id == check_id).values(delivery=delivery)
            conn.execute(stmt)

    def recent(self, watch: str, limit: int = 20) -> list[CheckRecord]:
        """The watch's last `limit` checks, newest first."""
        query = (
            select(WatchCheck)
            .where(WatchCheck.watch == watch)
            .order_by(WatchCheck.id.desc())
            .limit(max(limit, 0))
        )
        with self._engine.connect() as conn:
            return [CheckRecord.model_validate(dict(r)) for r in conn.execute(query).mappings()]
