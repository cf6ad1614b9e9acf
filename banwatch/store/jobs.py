"""Upload jobs: files the server screens in the background, and how far each got.

Invariants:
- A job moves `queued` → `running` → `done` or `failed`, never back, or
  to `cancelled` from `queued` or `running` until its run is saved (phase
  `opening alerts`: from then on the run stands, and so does the job); a
  finished job (`done`, `failed`, `cancelled`) does not change again, so two
  server processes that both try to finish one cannot both win (`_finish`
  names the statuses it moves from). A cancel is written with its audit
  entry, in one transaction; the process running the job sees it at its
  next progress write (`progress` is then False) and abandons the run; if
  that process stopped first, whoever finds the run left (`cancelled_runs`)
  deletes it.
- `run_id` is written as soon as the job's run is begun: while the job is
  unfinished it names a run that may still be `running` (invisible to
  readers) and that whoever finds the job cut short deletes; once the job
  is `done` it names the complete run.
- `worker` names the server process that runs the job and `updated_at` the
  last time that process said it was still at it (`beat`).
- Warnings kept are the first `KEPT_WARNINGS` of the run; `problems` counts
  them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import insert, select, update

from banwatch.errors import NotFoundError
from banwatch.store.audit import append
from banwatch.store.opened import OpenedStore
from banwatch.store.tables import AuditEntry, Job, Run

JobStatus = Literal["queued", "running", "done", "failed", "cancelled"]
UNFINISHED = ("queued", "running")
FINISHING = "opening alerts"
"""The phase from which a job's run is saved and the job can no longer be cancelled."""
KEPT_WARNINGS = 1000
Told = tuple[int, Sequence[str]]
"""How many problems a run met, and the first of their messages."""


class JobView(BaseModel):
    """A job as read."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: str
    key_id: str | None
    actor: str
    file_name: str
    profile: dict[str, Any]
    status: JobStatus
    phase: str
    rows_total: int | None
    rows_screened: int
    run_id: str | None
    counts: dict[str, int] | None
    problems: int
    warnings: list[str]
    error: str | None
    worker: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        """Whether the job is done or failed (it will not change again)."""
        return self.status not in UNFINISHED


class JobStore(OpenedStore):
    """The upload jobs in the run store's database (SQLite or PostgreSQL)."""

    def create(
        self,
        job_id: str,
        key_id: str | None,
        actor: str,
        file_name: str,
        profile: Mapping[str, Any],
        worker: str,
    ) -> JobView:
        """Record a new `queued` job (`job_id`: 16 random hex digits) for `worker`; return it."""
        now = self._clock()
        row: dict[str, Any] = {
            "id": job_id,
            "key_id": key_id,
            "actor": actor,
            "file_name": file_name,
            "profile": dict(profile),
            "status": "queued",
            "phase": "queued",
            "rows_total": None,
            "rows_screened": 0,
            "problems": 0,
            "warnings": [],
            "worker": worker,
            "created_at": now,
            "updated_at": now,
        }
        with self._writer.begin() as conn:
            conn.execute(insert(Job), [row])
        return JobView.model_validate(
            {**row, "run_id": None, "counts": None, "error": None, "finished_at": None}
        )

    def get(self, job_id: str) -> JobView:
        """The job with this id; NotFoundError if there is none."""
        with self._engine.connect() as conn:
            row = conn.execute(select(Job).where(Job.id == job_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no job has the id {job_id!r}", record_id=job_id)
        return JobView.model_validate(dict(row))

    def listed(
        self, key_id: str | None, status: JobStatus | None = None, limit: int = 50
    ) -> list[JobView]:
        """The newest jobs first, at most `limit`: those started by `key_id` (None: anyone's),
        of `status` if given."""
        query = select(Job).order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)
        if key_id is not None:
            query = query.where(Job.key_id == key_id)
        if status is not None:
            query = query.where(Job.status == status)
        with self._engine.connect() as conn:
            return [JobView.model_validate(dict(r)) for r in conn.execute(query).mappings()]

    def cancel(self, job_id: str, by: str) -> bool:
        """Cancel a queued or running job whose run is not yet saved, with its audit entry
        (`job_cancelled`) in the same transaction; False if it is finished or finishing."""
        job = self.get(job_id)
        now = self._clock()
        values = {"status": "cancelled", "error": f"cancelled by {by}; nothing was saved"}
        query = (
            update(Job)
            .where(Job.id == job_id, Job.status.in_(UNFINISHED), Job.phase != FINISHING)
            .values(**values, finished_at=now, updated_at=now)
        )
        details = {"file": job.file_name, "status": job.status, "phase": job.phase}
        with self._writer.begin() as conn:
            if conn.execute(query).rowcount != 1:
                return False
            append(conn, "job_cancelled", by, f"job {job_id}", details, now)
        return True

    def cancelled_runs(self, job_id: str | None = None) -> list[JobView]:
        """The cancelled jobs whose run is still in the store (only `job_id`'s, if given): begun,
        or even saved, by a process that stopped before it saw the cancel."""
        query = select(Job).join(Run, Run.id == Job.run_id).where(Job.status == "cancelled")
        if job_id is not None:
            query = query.where(Job.id == job_id)
        with self._engine.connect() as conn:
            return [JobView.model_validate(dict(r)) for r in conn.execute(query).mappings()]

    def unfinished(self) -> list[JobView]:
        """Every job queued or running, oldest first."""
        query = select(Job).where(Job.status.in_(UNFINISHED)).order_by(Job.created_at, Job.id)
        with self._engine.connect() as conn:
            return [JobView.model_validate(dict(r)) for r in conn.execute(query).mappings()]

    def progress(self, job_id: str, **values: Any) -> bool:
        """Say how far an unfinished job got (`status`, `phase`, `rows_total`, `rows_screened`,
        `run_id`); a finished job (cancelled, or finished by another process) is left as it
        is, and the answer is False."""
        return self._update(job_id, UNFINISHED, values)

    def claim(self, job_id: str, worker: str | None, by: str) -> bool:
        """Take an unfinished job over from `worker` (gone) for `by`; False if another process
        took it first or it is finished."""
        query = (
            update(Job)
            .where(Job.id == job_id, Job.worker == worker, Job.status.in_(UNFINISHED))
            .values(worker=by, updated_at=self._clock())
        )
        with self._writer.begin() as conn:
            return bool(conn.execute(query).rowcount == 1)

    def beat(self, worker: str) -> None:
        """Say that `worker` is still running its unfinished jobs."""
        query = (
            update(Job)
            .where(Job.worker == worker, Job.status.in_(UNFINISHED))
            .values(updated_at=self._clock())
        )
        with self._writer.begin() as conn:
            conn.execute(query)

    def done(self, job_id: str, run_id: str, counts: Mapping[str, int], told: Told) -> bool:
        """Finish a job with its saved run; False if it was finished already."""
        values: dict[str, Any] = {"status": "done", "phase": "done", "run_id": run_id}
        values["counts"] = dict(counts)
        values["rows_screened"] = sum(counts.values())
        return self._finish(job_id, values, told)

    def failed(self, job_id: str, error: str, told: Told = (0, ())) -> bool:
        """Finish a job as failed, saying why; False if it was finished already."""
        return self._finish(job_id, {"status": "failed", "error": error}, told)

    def audited(self, run_id: str) -> bool:
        """Whether the audit log holds the screening entry of the run."""
        query = select(AuditEntry.seq).where(
            AuditEntry.kind == "screening", AuditEntry.subject == f"run {run_id}"
        )
        with self._engine.connect() as conn:
            return conn.execute(query.limit(1)).first() is not None

    def _finish(self, job_id: str, values: dict[str, Any], told: Told) -> bool:
        now = self._clock()
        problems, warnings = told
        values |= {"finished_at": now, "problems": problems}
        values["warnings"] = list(warnings[:KEPT_WARNINGS])
        return self._update(job_id, UNFINISHED, values, now)

    def _update(
        self,
        job_id: str,
        states: Sequence[str],
        values: Mapping[str, Any],
        now: datetime | None = None,
    ) -> bool:
        query = (
            update(Job)
            .where(Job.id == job_id, Job.status.in_(states))
            .values(**values, updated_at=now or self._clock())
        )
        with self._writer.begin() as conn:
            return bool(conn.execute(query).rowcount == 1)
