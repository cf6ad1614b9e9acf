"""Alerts in the store: opened for a saved run, listed, decided under optimistic versioning.

Invariants:
- A decision names the alert's version it read; if the alert has moved on
  since, `ConflictError` (409) and nothing is written. Every decision is
  appended to `decisions` (never updated or deleted) in the transaction that
  updates the alert, so the history is whole whenever the alert is.
- Dismissing remembers (record value, entity) with the alert's basis, by an
  upsert, so two alerts of one value and entity dismissed at once both stand. A new
  alert for the same value and entity opens `dismissed` when its basis is
  the same, and `open`, saying why, when it changed. A later decision other
  than `dismissed` on that alert forgets the dismissal.
- Each decision is also an entry of the audit log, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from banwatch.alerts.basis import AlertSeed
from banwatch.errors import BanwatchError, NotFoundError
from banwatch.store.audit import append
from banwatch.store.opened import OpenedStore
from banwatch.store.tables import Alert, Decision, Dismissal

AlertStatus = Literal["open", "confirmed", "dismissed", "escalated"]
Decided = Literal["confirmed", "dismissed", "escalated"]


class ConflictError(BanwatchError):
    """Raised when a decision names a version of the alert that is no longer its own."""


class AlertView(BaseModel):
    """An alert as listed."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: int
    run_id: str
    row: int
    record: dict[str, str]
    entity_id: str
    verdict: str
    status: AlertStatus
    version: int
    note: str | None
    created_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    reason: str | None


class DecisionView(BaseModel):
    """One decision in an alert's history."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    status: Decided
    reason: str
    version: int
    decided_by: str
    decided_at: datetime


class AlertStore(OpenedStore):
    """The alerts in the run store's database (SQLite or PostgreSQL)."""

    def open_for_run(self, run_id: str, seeds: Sequence[AlertSeed]) -> int:
        """Open an alert per seed of a saved run, in one transaction; return how many."""
        now = self._clock()
        with self._writer.begin() as conn:
            rows = [_alert_row(conn, run_id, seed, now) for seed in seeds]
            if rows:
                conn.execute(insert(Alert), rows)
        return len(rows)

    def alerts(
        self, status: str | None = None, run_id: str | None = None, limit: int = 500
    ) -> list[AlertView]:
        """Alerts, oldest first, maybe only those with `status` or of one run."""
        query = select(Alert).order_by(Alert.id).limit(limit)
        if status is not None:
            query = query.where(Alert.status == status)
        if run_id is not None:
            query = query.where(Alert.run_id == run_id)
        with self._engine.connect() as conn:
            return [AlertView.model_validate(dict(r)) for r in conn.execute(query).mappings()]

    def get(self, alert_id: int) -> tuple[AlertView, list[DecisionView]]:
        """One alert and its decisions, in order; NotFoundError if there is none."""
        with self._engine.connect() as conn:
            return _get(conn, alert_id)

    def decide(
        self, alert_id: int, status: Decided, reason: str, version: int, by: str
    ) -> AlertView:
        """Record a decision on the alert at `version`; ConflictError if it moved on."""
        now = self._clock()
        with self._writer.begin() as conn:
            changed = conn.execute(
                update(Alert)
                .where(Alert.id == alert_id, Alert.version == version)
                .values(
                    status=status,
                    version=version + 1,
                    decided_at=now,
                    decided_by=by,
                    reason=reason,
                )
            ).rowcount
            if changed != 1:
                current, _ = _get(conn, alert_id)  # NotFoundError if there is no such alert
                raise ConflictError(
                    f"alert {alert_id} is at version {current.version}, not {version}: "
                    f"it was decided meanwhile ({current.status}); read it again",
                    field="version",
                )
            decision = {
                "alert_id": alert_id,
                "status": status,
                "reason": reason,
                "version": version + 1,
                "decided_by": by,
                "decided_at": now,
            }
            conn.execute(insert(Decision), [decision])
            _remember(conn, alert_id, status, now)
            details = {"status": status, "reason": reason, "version": version + 1}
            append(conn, "decision", by, f"alert {alert_id}", details, now)
            alert, _ = _get(conn, alert_id)
        return alert


def _get(conn: Connection, alert_id: int) -> tuple[AlertView, list[DecisionView]]:
    row = conn.execute(select(Alert).where(Alert.id == alert_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"no alert {alert_id}")
    history = conn.execute(
        select(Decision).where(Decision.alert_id == alert_id).order_by(Decision.id)
    ).mappings()
    return AlertView.model_validate(dict(row)), [
        DecisionView.model_validate(dict(d)) for d in history
    ]


def _alert_row(conn: Connection, run_id: str, seed: AlertSeed, now: datetime) -> dict[str, Any]:
    """The row of a new alert: dismissed again if dismissed before on the same basis."""
    before = (
        conn.execute(
            select(Dismissal).where(
                Dismissal.value == seed.value, Dismissal.entity_id == seed.entity_id
            )
        )
        .mappings()
        .first()
    )
    status, note = "open", None
    if before is not None and before["basis"] == seed.basis:
        status = "dismissed"
        note = f"dismissed before (alert {before['alert_id']}); nothing it was judged on changed"
    elif before is not None:
        note = (
            f"re-opened: alert {before['alert_id']} was dismissed, but the entity, its relations "
            "or a measure reaching it changed since"
        )
    return {
        "run_id": run_id,
        "row": seed.row,
        "record": seed.record,
        "value": seed.value,
        "entity_id": seed.entity_id,
        "verdict": seed.verdict,
        "basis": seed.basis,
        "status": status,
        "version": 1,
        "note": note,
        "created_at": now,
    }


def _remember(conn: Connection, alert_id: int, status: str, now: datetime) -> None:
    """Keep, or forget, the dismissal an alert's decision makes."""
    alert = conn.execute(select(Alert).where(Alert.id == alert_id)).mappings().one()
    key = (Dismissal.value == alert["value"], Dismissal.entity_id == alert["entity_id"])
    if status != "dismissed":
        conn.execute(delete(Dismissal).where(*key, Dismissal.alert_id == alert_id))
        return
    row = {
        "value": alert["value"],
        "entity_id": alert["entity_id"],
        "basis": alert["basis"],
        "alert_id": alert_id,
        "dismissed_at": now,
    }
    # One statement, not delete-then-insert: two alerts of the same value and entity dismissed
    # at the same moment on PostgreSQL would both find no row to delete, and the second insert
    # would fail on the primary key (a 500). The upsert waits for the first and overwrites it.
    dialect_insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    upsert = dialect_insert(Dismissal).values(row)
    changed = {name: upsert.excluded[name] for name in ("basis", "alert_id", "dismissed_at")}
    conn.execute(upsert.on_conflict_do_update(index_elements=["value", "entity_id"], set_=changed))
