"""The run store: screening runs and their findings, on SQLite or PostgreSQL.

Atomicity invariants:

- A run is visible (`list_runs`, `get_run`, `findings`) only once
  `finish_run` has flipped it from 'running' to 'complete', in one
  transaction that also records its totals. A process killed before that
  leaves nothing visible, whatever it had streamed.
- Each `add_lines` (or `add_findings`) call is one transaction: a killed call
  adds nothing. Findings are saved as compressed batches of their exact JSON
  lines, with plain columns for those not `clear` (see `batches.py`).
- Every write to a run refreshes its `updated_at`. `sweep` deletes runs left
  'running' and idle longer than `STALE_AFTER` (one hour), with their
  findings; it runs on open, so a run still being written by another process
  is safe while it writes at least once an hour.
- Writers serialise on the run's row (PostgreSQL) or on the database's write
  lock taken at BEGIN (SQLite), so `finish_run`, `abort_run` and `sweep`
  never interleave with an `add_findings` on the same run.
- Opening migrates the schema to the newest revision first, under a lock.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TypeVar

from sqlalchemy import Connection, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from banwatch.errors import NotFoundError, StoreError, UsageError
from banwatch.model.findings import Finding
from banwatch.store.batches import CODEC, FindingLine, Packed, SavedLine, pack
from banwatch.store.engine import open_engine
from banwatch.store.meta import RunMeta, RunSummary
from banwatch.store.migrations import current_revision, head_revision, is_known_revision, upgrade
from banwatch.store.reading import run_lines
from banwatch.store.rows import run_values, summary_from_run
from banwatch.store.tables import COMPLETE, RUNNING, FindingBatch, FindingRow, FlaggedFinding, Run
from banwatch.store.watches import (
    WatchSpec,
    WatchState,
    all_watches,
    delete_watch,
    insert_watch,
    mark_checked,
)

STALE_AFTER = timedelta(hours=1)
BATCH_LINES = 5000  # findings per compressed batch
# Any constant works; it only has to be the same for every banwatch process.
_MIGRATION_LOCK_KEY = 0x62616E77  # "banw"

T = TypeVar("T")


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def new_run_id(now: datetime) -> str:
    """A short id that sorts by start time: `20261127T101500-3f9a`."""
    return f"{now.astimezone(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@contextmanager
def _translated(action: str) -> Iterator[None]:
    """Turn database failures into `StoreError` naming what was being done."""
    try:
        yield
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        first_line = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
        raise StoreError(f"{action} failed: {type(cause).__name__}: {first_line}") from exc


class RunStore:
    """Screening runs and their findings in one database (see the module invariants)."""

    def __init__(self, url: str, *, clock: Callable[[], datetime] = utc_now) -> None:
        """Open (creating if needed) the store at `url`, migrate it and sweep stale runs."""
        self._engine = open_engine(url)
        # Write transactions take SQLite's write lock at BEGIN (see engine.py).
        self._writer = self._engine.execution_options(sqlite_begin="IMMEDIATE")
        self._clock = clock
        try:
            with _translated("opening the run store"):
                self._migrate()
            self.sweep()
        except BaseException:
            self._engine.dispose()
            raise

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def _migrate(self) -> None:
        with self._engine.connect() as conn:
            current = current_revision(conn)
        if current == head_revision():
            return  # the common case takes no write lock
        if current is not None and not is_known_revision(current):
            raise StoreError(
                f"the database is at schema revision {current}, which this banwatch does not "
                "know: it was written by a newer banwatch; upgrade banwatch to use it"
            )
        with self._writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two processes opening a fresh database must not both create tables.
                lock = text("SELECT pg_advisory_xact_lock(:key)")
                conn.execute(lock, {"key": _MIGRATION_LOCK_KEY})
            upgrade(conn)

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        with _translated(action), self._writer.begin() as conn:
            yield conn

    # -- writing a run ---------------------------------------------------

    def begin_run(self, meta: RunMeta) -> str:
        """Record a new run as 'running' (invisible to readers) and return its id."""
        now = self._clock()
        values = run_values(meta, now)
        for _attempt in range(8):
            run_id = new_run_id(now)
            try:
                with self._write("starting a run") as conn:
                    conn.execute(insert(Run), [{"id": run_id, **values}])
            except StoreError as exc:
                if isinstance(exc.__cause__, IntegrityError):
                    continue  # two runs started in the same second drew the same suffix
                raise
            return run_id
        raise StoreError("could not find a free run id; try again")

    def add_lines(self, run_id: str, lines: Iterable[SavedLine]) -> None:
        """Append findings, given as their JSON lines, to a running run, in one transaction.

        Each line is exactly `Finding.model_dump_json()` of a finding (as
        `Screened.text` is); it is kept byte for byte, `BATCH_LINES` to a
        compressed batch.
        """
        with self._write(f"writing findings of run {run_id}") as conn:
            self._touch(conn, run_id)
            for chunk in _chunks(lines, BATCH_LINES):
                _insert_batch(conn, run_id, pack(chunk))

    def add_findings(self, run_id: str, findings: Iterable[Finding]) -> None:
        """`add_lines` of findings given as objects."""
        self.add_lines(run_id, (FindingLine(f.verdict, f.model_dump_json()) for f in findings))

    def finish_run(self, run_id: str, counts: Mapping[str, int]) -> None:
        """Mark a running run complete with its totals: from now on readers see it whole."""
        now = self._clock()
        record_count = (
            select(func.coalesce(func.sum(FindingBatch.size), 0))
            .where(FindingBatch.run_id == run_id)
            .scalar_subquery()
        )
        with self._write(f"finishing run {run_id}") as conn:
            done = conn.execute(
                update(Run)
                .where(Run.id == run_id, Run.status == RUNNING)
                .values(
                    status=COMPLETE,
                    finished_at=now,
                    updated_at=now,
                    record_count=record_count,
                    counts={str(k): int(v) for k, v in counts.items()},
                )
            )
            if done.rowcount != 1:
                self._not_running(conn, run_id)

    def abort_run(self, run_id: str) -> None:
        """Delete a run and its findings, whatever its status; a missing run is no error."""
        with self._write(f"deleting run {run_id}") as conn:
            _delete_runs(conn, [run_id])

    def sweep(self, older_than: timedelta = STALE_AFTER) -> int:
        """Delete runs left 'running' with no write for `older_than`; return how many."""
        cutoff = self._clock() - older_than
        stale_runs = select(Run.id).where(Run.status == RUNNING, Run.updated_at < cutoff)
        with _translated("looking for unfinished runs"), self._engine.connect() as conn:
            if conn.scalar(stale_runs.limit(1)) is None:
                return 0  # the common case takes no write lock
        with self._write("sweeping unfinished runs") as conn:
            # A row locked by a writer is being written right now: not stale, skip it.
            stale = list(conn.scalars(stale_runs.with_for_update(skip_locked=True)))
            if stale:
                _delete_runs(conn, stale)
        return len(stale)

    def _touch(self, conn: Connection, run_id: str) -> None:
        """Refresh a running run's `updated_at`, locking its row; fail if it is not running."""
        touched = conn.execute(
            update(Run)
            .where(Run.id == run_id, Run.status == RUNNING)
            .values(updated_at=self._clock())
        )
        if touched.rowcount != 1:
            self._not_running(conn, run_id)

    def _not_running(self, conn: Connection, run_id: str) -> None:
        status = conn.scalar(select(Run.status).where(Run.id == run_id))
        if status is None:
            raise NotFoundError(
                "no such run being written (aborted, or swept after an hour idle)",
                record_id=run_id,
            )
        raise StoreError(f"run is {status}, not running: it cannot change", record_id=run_id)

    # -- reading complete runs -------------------------------------------

    def list_runs(self, limit: int = 50) -> list[RunSummary]:
        """Complete runs, newest first, at most `limit`."""
        query = (
            select(Run)
            .where(Run.status == COMPLETE)
            .order_by(Run.created_at.desc(), Run.id.desc())
            .limit(max(limit, 0))
        )
        with _translated("listing runs"), Session(self._engine) as session:
            return [summary_from_run(run) for run in session.scalars(query)]

    def get_run(self, run_id: str) -> RunSummary:
        """The complete run with this id or unique id prefix.

        Raises `NotFoundError` when no complete run matches, `UsageError` when
        the prefix matches several.
        """
        with _translated(f"reading run {run_id}"), Session(self._engine) as session:
            return summary_from_run(self._resolve(session, run_id))

    def findings(self, run_id: str) -> Iterator[Finding]:
        """The findings of a complete run (id or unique prefix), by row, streamed in batches.

        The run is looked up now (raising `NotFoundError` at once); findings
        are read a page at a time, each page in its own short transaction.
        """
        return (Finding.model_validate_json(line) for line in self.lines(run_id))

    def lines(self, run_id: str) -> Iterator[str]:
        """The JSON line of each finding of a complete run, by row, exactly as it was saved."""
        summary = self.get_run(run_id)
        return self._lines(summary.id)

    def _lines(self, run_id: str) -> Iterator[str]:
        with _translated(f"reading findings of run {run_id}"):
            yield from run_lines(self._engine, run_id)

    # -- watched inventories (`watches.py`) ------------------------------

    def add_watch(self, spec: WatchSpec) -> None:
        """Remember a new watch; `UsageError` if one has its name."""
        with self._write(f"adding watch {spec.name}") as conn:
            insert_watch(conn, spec, self._clock())

    def watches(self) -> list[WatchState]:
        """Every watch, by name."""
        with _translated("listing watches"), self._engine.connect() as conn:
            return all_watches(conn)

    def remove_watch(self, name: str) -> None:
        """Forget a watch (its runs stay); `NotFoundError` if there is none by that name."""
        with self._write(f"removing watch {name}") as conn:
            delete_watch(conn, name)

    def watch_checked(self, name: str, run_id: str | None, as_of: str) -> None:
        """Record a finished check: the run the next check compares with, and the date asked."""
        with self._write(f"recording the check of watch {name}") as conn:
            mark_checked(conn, name, run_id, as_of, self._clock())

    def _resolve(self, session: Session, run_id: str) -> Run:
        run = session.get(Run, run_id)
        if run is not None and run.status == COMPLETE:
            return run
        candidates = list(
            session.scalars(
                select(Run)
                .where(Run.status == COMPLETE, Run.id.startswith(run_id, autoescape=True))
                .order_by(Run.id)
                .limit(3)
            )
        )
        if not run_id or not candidates:
            raise NotFoundError("no such run", record_id=run_id)
        if len(candidates) > 1:
            first, second = candidates[0].id, candidates[1].id
            shown = (
                f"{first}, {second} and more" if len(candidates) > 2 else f"{first} and {second}"
            )
            raise UsageError(
                f"run id prefix is ambiguous: it matches {shown}; give more of the id",
                record_id=run_id,
            )
        return candidates[0]


def _insert_batch(conn: Connection, run_id: str, packed: Packed) -> None:
    """Insert one compressed batch and the plain columns of its findings that are not clear."""
    batch_id = conn.execute(
        insert(FindingBatch).returning(FindingBatch.id),
        {
            "run_id": run_id,
            "first_row": packed.first_row,
            "last_row": packed.last_row,
            "size": packed.size,
            "codec": CODEC,
            "lines": packed.lines,
        },
    ).scalar_one()
    if packed.flags:
        conn.execute(
            insert(FlaggedFinding),
            [
                {
                    "run_id": run_id,
                    "batch_id": batch_id,
                    "position": f.position,
                    "row": f.row,
                    "verdict": f.verdict,
                    "record_key": f.record_key,
                    "entity_ids": f.entity_ids,
                }
                for f in packed.flags
            ],
        )


def _delete_runs(conn: Connection, run_ids: list[str]) -> None:
    """Delete runs and everything they hold, in either layout."""
    for table in (FlaggedFinding, FindingBatch, FindingRow):
        conn.execute(delete(table).where(table.run_id.in_(run_ids)))
    conn.execute(delete(Run).where(Run.id.in_(run_ids)))
