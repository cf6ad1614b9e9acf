"""The run store's tables, as typed SQLAlchemy declarative classes.

Invariants:

- A `runs` row is visible to readers only when `status == 'complete'`; while a
  run is being written it is `'running'` and `finished_at` is NULL.
- Since revision 0004 a run's findings are `finding_batches` rows, each the
  exact JSON lines of up to a few thousand findings, compressed (see
  `batches.py`), and one `flagged_findings` row per finding that is not
  `clear`, with plain columns (row, verdict, record key, entity ids) pointing
  at its batch and place. All belong to one run and are deleted with it.
- Runs saved before 0004 keep one `findings` row per finding, as pydantic
  dumped it (`record`, `matches`, `warnings` JSON; `row`, `verdict`, `file`
  plain); they are read as they are, never rewritten. A run has findings in
  one layout only.
- Timestamps are timezone-aware UTC in Python on every backend.
- JSON columns use the portable `JSON` type (PostgreSQL `json`, SQLite text),
  not `JSONB`: `json` keeps the key order of a record, which is the column
  order of the user's input file.

The migrations in `migrations/versions/` are the schema of record; these
classes must describe the same tables (a test compares them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on PostgreSQL (timestamptz) and SQLite (naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps UTC-aware times")
        value = value.astimezone(UTC)
        # SQLite has no time zones: store UTC wall time so text comparison orders correctly.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets 64 bits.
FindingId = BigInteger().with_variant(Integer(), "sqlite")

RUNNING = "running"
COMPLETE = "complete"


class Base(DeclarativeBase):
    """Declarative base of the run store tables."""


class Run(Base):
    """One screening run: what was screened, how, and (once complete) the totals."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Last write by the process producing the run; the sweep removes runs idle too long.
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    input_digest: Mapped[str] = mapped_column(Text)
    input_files: Mapped[list[Any]] = mapped_column(JSON)
    as_of: Mapped[str] = mapped_column(String(10))
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    registry_version: Mapped[str] = mapped_column(Text)
    matcher_version: Mapped[str] = mapped_column(Text)
    banwatch_version: Mapped[str] = mapped_column(Text)
    record_count: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    # How each input file's columns were read (`meta.InputColumns`); NULL before revision 0002.
    columns: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    # The registry release and imported sources it was judged on (`RunMeta.release`); NULL
    # before revision 0010.
    release: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (
        CheckConstraint(f"status IN ('{RUNNING}', '{COMPLETE}')", name="ck_runs_status"),
        Index("ix_runs_status_created_at", "status", "created_at"),
    )


class FindingRow(Base):
    """One finding of a run: an input record, its verdict and its matches."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(FindingId, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(40), ForeignKey("runs.id", ondelete="CASCADE"))
    row: Mapped[int] = mapped_column(Integer)
    record_key: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(16))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    matches: Mapped[list[Any]] = mapped_column(JSON)
    warnings: Mapped[list[Any]] = mapped_column(JSON)
    file: Mapped[str | None] = mapped_column(Text)
    # With --explain, the nearest listed name of a record that matched nothing (revision 0003).
    nearest: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (Index("ix_findings_run_id_row", "run_id", "row"),)


class FindingBatch(Base):
    """Findings of a run as their JSON lines, compressed: rows `first_row`..`last_row`."""

    __tablename__ = "finding_batches"

    id: Mapped[int] = mapped_column(FindingId, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(40), ForeignKey("runs.id", ondelete="CASCADE"))
    first_row: Mapped[int] = mapped_column(Integer)
    last_row: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)  # lines in the batch
    codec: Mapped[str] = mapped_column(
        String(16)
    )  # how `lines` is encoded: `batches.CODEC` and older
    lines: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (Index("ix_finding_batches_run_id_first_row", "run_id", "first_row"),)


class FlaggedFinding(Base):
    """A finding that is not `clear` (an alert to be), in plain columns, and where its line is."""

    __tablename__ = "flagged_findings"

    id: Mapped[int] = mapped_column(FindingId, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(40), ForeignKey("runs.id", ondelete="CASCADE"))
    batch_id: Mapped[int] = mapped_column(
        FindingId, ForeignKey("finding_batches.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)  # the line's place in its batch
    row: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(16))
    record_key: Mapped[str] = mapped_column(Text)
    entity_ids: Mapped[str] = mapped_column(Text)  # matched entities, best first, space-separated

    __table_args__ = (
        Index("ix_flagged_findings_run_id_row", "run_id", "row"),
        Index("ix_flagged_findings_record_key", "record_key"),
    )


class Watch(Base):
    """A watched inventory: its files and profile, screened again on every check (revision 0005).

    `last_run_id` is the run of the last check, the one the next check is compared with.
    """

    __tablename__ = "watches"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    files: Mapped[list[Any]] = mapped_column(JSON)  # absolute paths, in order
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)  # `meta.RunProfile`
    columns: Mapped[list[Any]] = mapped_column(JSON)  # `--column` choices, as ROLE=HEADER
    webhook: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    checked_as_of: Mapped[str | None] = mapped_column(String(10), nullable=True)
    last_run_id: Mapped[str | None] = mapped_column(
        String(40), ForeignKey("runs.id", ondelete="SET NULL"), nullable=True
    )


class WatchCheck(Base):
    """One check of a watched inventory: what it found and how its webhook went (rev. 0010).

    Kept after the watch's `last_run_id` moves on, so past checks stay readable
    (`GET /watches/{name}/changes`); removed with the watch.
    """

    __tablename__ = "watch_checks"

    id: Mapped[int] = mapped_column(FindingId, primary_key=True, autoincrement=True)
    watch: Mapped[str] = mapped_column(String(80), ForeignKey("watches.name", ondelete="CASCADE"))
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    as_of: Mapped[str] = mapped_column(String(10))
    run_id: Mapped[str | None] = mapped_column(
        String(40), ForeignKey("runs.id", ondelete="SET NULL"), nullable=True
    )
    previous_run_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)  # `monitoring.watching.WatchReport`
    delivery: Mapped[str | None] = mapped_column(Text, nullable=True)  # the webhook's outcome

    __table_args__ = (Index("ix_watch_checks_watch_id", "watch", "id"),)


class ApiKey(Base):
    """An API key of the server: its role and the SHA-256 of its secret (revision 0006).

    The key itself is shown once, when made, and never stored; a revoked key
    keeps its row (`revoked_at` set), so its id is never reused.
    """

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # the key's public part
    name: Mapped[str | None] = mapped_column(String(80), nullable=True)
    role: Mapped[str] = mapped_column(String(10))
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the whole key
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    __table_args__ = (
        CheckConstraint("role IN ('viewer', 'analyst', 'admin')", name="ck_api_keys_role"),
    )


ALERT_STATUSES = ("open", "confirmed", "dismissed", "escalated")


class Alert(Base):
    """One entity matched by one non-clear finding of a saved run, and its decision (rev. 0007).

    `version` grows by one with every decision: a decision must name the
    version it read (optimistic versioning).
    """

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(FindingId, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(40), ForeignKey("runs.id", ondelete="CASCADE"))
    row: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    value: Mapped[str] = mapped_column(String(64))  # `alerts.basis.value_digest` of the record
    entity_id: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(64))  # what a dismissal holds against
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)  # why it opened as it did
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        CheckConstraint(
            "status IN ('open', 'confirmed', 'dismissed', 'escalated')", name="ck_alerts_status"
        ),
        Index("ix_alerts_status_id", "status", "id"),
        Index("ix_alerts_run_id_row", "run_id", "row"),
    )


class Decision(Base):
    """Every decision ever taken on an alert, in order; never updated or deleted (rev. 0007)."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(FindingId, primary_key=True, autoincrement=True)
    alert_id: Mapped[int] = mapped_column(
        FindingId, ForeignKey("alerts.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)  # the alert's version this decision made
    decided_by: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Dismissal(Base):
    """A record value dismissed for an entity, and the basis it was dismissed on (rev. 0007)."""

    __tablename__ = "dismissals"

    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    basis: Mapped[str] = mapped_column(String(64))
    alert_id: Mapped[int] = mapped_column(FindingId)  # the alert whose dismissal this is
    dismissed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """One entry of the append-only audit log, chained to the one before it (revision 0008).

    `hash` is the SHA-256 of `prev_hash` and the entry's own fields
    (`audit.entry_hash`); nothing updates or deletes a row.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(FindingId, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


JOB_STATUSES = ("queued", "running", "done", "failed")


class Job(Base):
    """An upload screened in the background by the server, and how far it got (revision 0009).

    `run_id` names the run being written as soon as it is begun (so a job cut
    short can delete it) and the saved run once the job is `done`; `worker`
    and `updated_at` say which server process runs it and when it last said so.
    """

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key_id: Mapped[str | None] = mapped_column(String(16), nullable=True)  # who started it
    actor: Mapped[str] = mapped_column(Text)  # as the audit log names who started it
    file_name: Mapped[str] = mapped_column(Text)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    phase: Mapped[str] = mapped_column(String(32))
    rows_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rows_screened: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[str | None] = mapped_column(
        String(40), ForeignKey("runs.id", ondelete="SET NULL"), nullable=True
    )
    counts: Mapped[dict[str, int] | None] = mapped_column(JSON, nullable=True)
    problems: Mapped[int] = mapped_column(Integer)  # rows that could not be read
    warnings: Mapped[list[str]] = mapped_column(JSON)  # the first of the run's warnings
    error: Mapped[str | None] = mapped_column(Text, nullable=True)  # why it failed
    worker: Mapped[str | None] = mapped_column(String(120), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    __table_args__ = (
        CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed', 'cancelled')", name="ck_jobs_status"
        ),
        Index("ix_jobs_status", "status"),
    )
