"""Upload jobs: a file screened in the background, saved, its alerts opened and audited.

A job is a row of the store (`store.jobs`) and a task on this server
process's one job thread, so `GET /jobs/{id}` answers from any worker and
after a restart. The file is kept under `BANWATCH_HOME/uploads/<job id>/`
until its job ends. The run is saved as `POST /screen` saves one
(`pipeline.run_screening` with the store); then its
alerts are opened and its audit entry written (`alerts.saved_runs`), and
only then is the job `done`.

Nothing is half-saved: a run is invisible until complete and is deleted if
the job fails. A job whose server process died (found on the next start,
or by any process reading it: `abandoned`) is finished by whoever finds it:
if its run was saved whole, its alerts and audit entry are made if missing
and the job is `done`; otherwise the run begun is deleted and the job is
`failed`, saying why. A job cancelled while its process died has the run
that process began (or saved) deleted the same way (`_clear_cancelled`).

A job is cancelled in the store (`JobStore.cancel`, from any process) until
its run is saved; the process running it finds out at its next progress
write, at most `PROGRESS_EVERY` seconds of screening later, and aborts the
run begun, so nothing of a cancelled job is kept.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from banwatch.alerts.saved_runs import audit_screening, not_clear, open_run_alerts
from banwatch.errors import BanwatchError, NotFoundError
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.pipeline import run_screening
from banwatch.readers import ColumnChoices, Inputs, input_file, reader_for
from banwatch.readers.counting import count_records
from banwatch.store import RunMeta, RunProfile, RunStore
from banwatch.store.jobs import FINISHING, KEPT_WARNINGS, JobStatus, JobStore, JobView, Told
from banwatch.writers import open_writer

from .state import Loaded

log = logging.getLogger(__name__)

BEAT = 5.0  # seconds between a process's word that its jobs are still running
STALE = timedelta(seconds=60)  # no word for this long: the process running a job is gone
PROGRESS_EVERY = 0.5  # seconds between progress writes
UPLOADS = "uploads"  # the folder of BANWATCH_HOME holding files waiting for their job


class StoppingError(Exception):
    """Raised inside a job's run when the server is shutting down (the run is then aborted)."""


class LeftError(Exception):
    """Raised inside a job's run when the job was cancelled (or finished by another process
    that took it for abandoned): the run is aborted and the job left as the store has it."""


@dataclass(frozen=True)
class Upload:
    """A file received for a job: where it is, what its sender called it, how to read it."""

    path: Path
    name: str
    profile: Profile
    choices: ColumnChoices


@dataclass
class Warnings:
    """A run's problems: how many, and the first `KEPT_WARNINGS` messages."""

    count: int = 0
    kept: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.kept) < KEPT_WARNINGS:
            self.kept.append(message)

    def told(self) -> Told:
        return self.count, self.kept


class NotingRuns(RunStore):
    """The run store, telling the job the id of its run as soon as the run is begun."""

    def __init__(self, url: str, begun: Callable[[str], None]) -> None:
        super().__init__(url)
        self._begun = begun

    def begin_run(self, meta: RunMeta) -> str:
        run_id = super().begin_run(meta)
        self._begun(run_id)
        return run_id


def worker_name() -> str:
    """This process, as jobs name the process running them: `host pid token` (a token per
    server, so a server started again in the same process is another one)."""
    return f"{socket.gethostname()} {os.getpid()} {os.urandom(4).hex()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def abandoned(job: JobView, me: str, now: datetime) -> bool:
    """Whether the process running an unfinished job is gone (`gone`)."""
    return not job.finished and gone(job, me, now)


def gone(job: JobView, me: str, now: datetime) -> bool:
    """Whether the process that ran the job (not `me`) is gone: a process of this host that has
    ended, or any that has said nothing for `STALE` (another host's, or a reused process id)."""
    if job.worker == me:
        return False
    host, pid, _token = (job.worker or "? 0 ?").split(" ", 2)
    if host == me.split(" ", 1)[0] and not _alive(int(pid)):
        return True
    return now - job.updated_at > STALE


class Jobs:
    """This server process's upload jobs: one job thread, and its word that it is alive."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.worker = worker_name()
        self.folder = loaded.settings.home / UPLOADS
        self._store: JobStore | None = None
        self._opening = threading.Lock()
        self._stopping = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="banwatch-job")
        self._beat = threading.Thread(target=self._beating, name="banwatch-jobs", daemon=True)

    def start(self) -> None:
        """Finish the jobs of processes that died, once the server is loaded; then keep saying
        this process is alive."""
        self._beat.start()

    def close(self) -> None:
        """Stop: the running job's run is aborted at its next progress, queued jobs fail."""
        self._stopping.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._beat.is_alive():
            self._beat.join(timeout=2 * BEAT)
        if self._store is not None:
            for job in self._store.unfinished():
                if job.worker == self.worker:
                    self._store.failed(job.id, "the server stopped before the job ran")
                    self.discard(job.id)
            self._store.close()

    def store(self) -> JobStore:
        """The jobs in the run store's database, opened on first use."""
        with self._opening:
            if self._store is None:
                self._store = JobStore(self.loaded.settings.database_url)
            return self._store

    def receive(self) -> tuple[str, Path]:
        """A fresh job id, and the folder (readable by this user only) to put its upload in:
        whoever finishes the job removes it."""
        job_id = os.urandom(8).hex()
        where = self.folder / job_id
        where.mkdir(parents=True, mode=0o700)
        return job_id, where

    def discard(self, job_id: str) -> None:
        """Remove the folder of an upload that will not become a job (or whose job ended)."""
        shutil.rmtree(self.folder / job_id, ignore_errors=True)

    def submit(self, job_id: str, upload: Upload, key_id: str | None, actor: str) -> JobView:
        """Queue the job of an upload received in `receive`'s folder; return it, queued."""
        self.loaded.matcher()  # NotReadyError (503) now rather than a failed job later
        profile = {"as_of": upload.profile.as_of.isoformat()}
        profile |= RunProfile.of(upload.profile).model_dump(mode="json")
        job = self.store().create(job_id, key_id, actor, upload.name, profile, self.worker)
        self._pool.submit(self._run, job, upload)
        return job

    def cancel(self, job_id: str, actor: str) -> bool:
        """Cancel a job not yet finishing (`JobStore.cancel`); the process running it, this
        one or another, abandons its run at its next progress write."""
        return self.store().cancel(job_id, actor)

    def listed(self, key_id: str | None, status: JobStatus | None, limit: int) -> list[JobView]:
        """The newest jobs of `key_id` (None: everyone's), those of dead processes finished."""
        jobs, now = self.store().listed(key_id, status, limit), datetime.now(UTC)
        if any(j.status == "cancelled" and j.run_id for j in jobs):
            self._clear_cancelled()
        return [self.get(j.id) if abandoned(j, self.worker, now) else j for j in jobs]

    def get(self, job_id: str) -> JobView:
        """The job; one whose process died is finished first (see the module docstring)."""
        job = self.store().get(job_id)
        if abandoned(job, self.worker, datetime.now(UTC)):
            self._recover(job)
            job = self.store().get(job_id)
        elif job.status == "cancelled" and job.run_id:
            self._clear_cancelled(job_id)
        return job

    def _clear_cancelled(self, job_id: str | None = None) -> None:
        """Delete the run of a job cancelled while the process running it stopped before it
        saw the cancel (it is left `running`, or even complete), and its upload: nothing of a
        cancelled job is kept. Only `job_id`'s, if given."""
        now = datetime.now(UTC)
        for job in self.store().cancelled_runs(job_id):
            if job.run_id and gone(job, self.worker, now):
                self.loaded.store().abort_run(job.run_id)
                self.discard(job.id)
                log.warning("job %s: cancelled as its process stopped; run deleted", job.id)

    def wait(self, job_id: str, seconds: float) -> JobView:
        """The job once finished, or as it is after `seconds`."""
        deadline = time.monotonic() + seconds
        job = self.get(job_id)
        while not job.finished and time.monotonic() < deadline:
            time.sleep(0.05)
            job = self.get(job_id)
        return job

    def _run(self, job: JobView, upload: Upload) -> None:
        """Screen, save and finish one job (on the job thread)."""
        store, told, undo = self.store(), Warnings(), None
        try:
            if self._stopping.is_set():
                raise StoppingError
            run_id, counts, registry = self._screen(job, upload, told)
            undo = run_id
            self._after(job, run_id, registry)
            undo = None  # audited: the run stands whatever happens next
            store.done(job.id, run_id, counts, told.told())
        except BaseException as e:
            if undo is not None:  # saved, but its alerts or audit entry failed: take it back
                self.loaded.store().abort_run(undo)  # (its alerts go with it)
            store.failed(job.id, _why(job, e), told.told())
            if not isinstance(e, Exception):
                raise
        finally:
            self.discard(job.id)

    def _screen(
        self, job: JobView, upload: Upload, told: Warnings
    ) -> tuple[str, dict[str, int], Registry]:
        """Read the file and screen it into a saved run; its id, counts per verdict and the
        registry it was screened with."""
        store, matcher = self.store(), self.loaded.matcher()
        _said(store.progress(job.id, status="running", phase="reading"))
        read = input_file(
            reader_for(upload.path, upload.name), upload.path, upload.name, upload.choices, True
        )
        inputs = Inputs((read,), upload.choices)
        _said(store.progress(job.id, phase="counting"))
        counted = count_records([upload.path]) or None  # 0: it could not be counted
        _said(store.progress(job.id, phase="screening", rows_total=counted))
        runs = NotingRuns(self.loaded.settings.database_url, lambda r: _noted(store, job.id, r))
        try:
            # Not under `Loaded.saving`, which `POST /screen` takes for a whole run: a job may
            # take minutes, and its run is written in short transactions (a few thousand
            # findings each), between which the other runs' writes take their turn.
            with open(os.devnull, "w", encoding="utf-8") as sink:
                outcome = run_screening(
                    inputs,
                    upload.profile,
                    matcher.registry,
                    matcher,
                    open_writer("jsonl", sink),  # the store keeps the lines; nobody reads these
                    runs,
                    told.add,
                    progress=self._ticker(job.id),
                )
        finally:
            runs.close()
        if outcome.run_id is None:
            raise BanwatchError("the run was not saved")
        return outcome.run_id, dict(outcome.verdicts), matcher.registry

    def _ticker(self, job_id: str) -> Callable[[int], None]:
        """The run's progress: rows screened, written now and then; StoppingError on shutdown."""
        store, last = self.store(), [0.0]

        def tick(done: int) -> None:
            if self._stopping.is_set():
                raise StoppingError
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY:
                last[0] = now
                _said(store.progress(job_id, rows_screened=done))

        return tick

    def _after(self, job: JobView, run_id: str, registry: Registry) -> None:
        """What follows a saved run, as for `POST /screen`: its alerts, then its audit entry."""
        store, loaded = self.store(), self.loaded
        _said(store.progress(job.id, phase=FINISHING, run_id=run_id))  # no cancel from here
        runs = loaded.store()
        open_run_alerts(loaded.alerts(), registry, run_id, not_clear(runs.lines(run_id)))
        audit_screening(loaded.audit(), runs.get_run(run_id), job.actor)

    def _recover(self, job: JobView) -> None:
        """Finish a job whose process died (see the module docstring); another process that
        finds it at the same time leaves it to whichever claims it first."""
        store = self.store()
        if not store.claim(job.id, job.worker, self.worker):
            return
        runs = self.loaded.store()
        try:
            saved = runs.get_run(job.run_id) if job.run_id else None
        except NotFoundError:
            saved = None
        if saved is not None:
            if not self.loaded.alerts().alerts(run_id=saved.id, limit=1):
                open_run_alerts(
                    self.loaded.alerts(),
                    self.loaded.registry(),
                    saved.id,
                    not_clear(runs.lines(saved.id)),
                )
            if not store.audited(saved.id):
                audit_screening(self.loaded.audit(), saved, job.actor)
            store.done(job.id, saved.id, saved.counts, (job.problems, job.warnings))
        else:
            if job.run_id:
                runs.abort_run(job.run_id)
            why = (
                f"interrupted: the server process running it stopped while {job.phase} "
                f"({job.rows_screened} rows screened); nothing was saved: upload the file again"
            )
            store.failed(job.id, why, (job.problems, job.warnings))
        self.discard(job.id)

    def _beating(self) -> None:
        """Once loaded, finish the jobs of dead processes; then say now and then that this
        process's jobs are still running."""
        while not self.loaded.ready.wait(BEAT):
            if self._stopping.is_set() or self.loaded.failure:
                return
        try:
            for job in self.store().unfinished():
                if abandoned(job, self.worker, datetime.now(UTC)):
                    self._recover(job)
            self._clear_cancelled()
            while not self._stopping.wait(BEAT):
                self.store().beat(self.worker)
        except Exception:  # a store that went away: the server's own requests will say so
            log.exception("the jobs' watch stopped")


def _why(job: JobView, e: BaseException) -> str:
    """What a failed job says about why."""
    if isinstance(e, StoppingError):
        return "the server stopped while screening; nothing was saved"
    if isinstance(e, LeftError):  # the store has the job finished already; this is not kept
        return "cancelled"
    if isinstance(e, BanwatchError):
        return str(e)
    # Unforeseen: the server's log keeps where it happened, not the message, which may quote
    # the file's contents (the job, seen by its owner only, keeps the message).
    where = "".join(traceback.format_tb(e.__traceback__))
    log.error("job %s failed: %s\n%s", job.id, type(e).__name__, where)
    return f"{type(e).__name__}: {e}"


def _said(written: bool) -> None:
    """LeftError when a progress write found the job finished: cancelled, or taken over."""
    if not written:
        raise LeftError


def _noted(store: JobStore, job_id: str, run_id: str) -> None:
    store.progress(job_id, run_id=run_id)
