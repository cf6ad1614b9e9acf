"""Upload jobs across a server's death: `banwatch serve` killed while a job screens reports the
job failed on its next start, with nothing saved; a job whose run was saved whole before the
kill is finished (alerts, audit) instead. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select

from banwatch.alerts.saved_runs import not_clear
from banwatch.bulk.run_records import run_meta
from banwatch.matching.matcher import Matcher
from banwatch.pipeline import run_screening
from banwatch.readers import open_inputs
from banwatch.requests import profile_from_options
from banwatch.server import create_app
from banwatch.settings import Settings
from banwatch.store import RunStore
from banwatch.store.alerts import AlertStore
from banwatch.store.audit import AuditLog
from banwatch.store.engine import open_engine
from banwatch.store.jobs import JobStore
from banwatch.store.tables import Run
from banwatch.writers import open_writer

from ..cli_support import BANWATCH
from .conftest import make_keys
from .server_support import PATIENCE, free_port, wait_ready, wait_served

ROW = b"Acme Office Supplies %d,Model %d\n"


@contextmanager
def serving(settings: Settings, port: int) -> Iterator[subprocess.Popen[str]]:
    """`banwatch serve` on the settings' home and store, until it is ready."""
    env = {**os.environ, "BANWATCH_HOME": str(settings.home)}
    env["BANWATCH_DATABASE_URL"] = settings.database_url
    server = subprocess.Popen(
        [str(BANWATCH), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        # The first start compiles the index.
        wait_served(f"http://127.0.0.1:{port}", server, 4 * PATIENCE)
        yield server
    finally:
        if server.poll() is None:
            server.terminate()
        server.wait(timeout=PATIENCE)


def run_status(settings: Settings, run_id: str) -> str | None:
    """A run's status behind the store's back (None: no such row)."""
    engine = open_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            found: str | None = conn.scalar(select(Run.status).where(Run.id == run_id))
            return found
    finally:
        engine.dispose()


def test_a_job_cut_short_by_a_kill_is_failed_on_the_next_start(settings: Settings) -> None:
    key = make_keys(settings)["analyst"]
    headers = {"Authorization": f"ApiKey {key}"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    ledger = b"Supplier,Model\n" + b"".join(ROW % (n, n) for n in range(400_000))
    with serving(settings, port) as server:
        files = {"file": ("ledger.csv", ledger)}
        started = httpx.post(f"{base}/screen/upload", files=files, headers=headers, timeout=60)
        assert started.status_code == 202, started.text
        job_id = started.json()["job_id"]
        deadline = time.monotonic() + PATIENCE
        while (
            httpx.get(f"{base}/jobs/{job_id}", headers=headers).json()["progress"]["rows_screened"]
            < 1000
        ):
            assert time.monotonic() < deadline, "the job did not start screening"
            time.sleep(0.05)
        server.kill()  # SIGKILL: no shutdown, the job's run half-written
        server.wait(timeout=PATIENCE)
    with JobStore(settings.database_url) as jobs:
        cut = jobs.get(job_id)
    assert cut.status == "running" and cut.run_id is not None
    assert run_status(settings, cut.run_id) == "running"  # begun, never finished
    with serving(settings, port):
        with JobStore(settings.database_url) as jobs:  # the start finishes it, unasked
            deadline = time.monotonic() + PATIENCE
            while not jobs.get(job_id).finished:
                assert time.monotonic() < deadline, "the job was not finished on start"
                time.sleep(0.05)
        job = httpx.get(f"{base}/jobs/{job_id}", headers=headers).json()
        assert job["status"] == "failed" and job["run_id"] is None
        assert "interrupted" in job["error"] and "nothing was saved" in job["error"]
        listed = httpx.get(f"{base}/runs", headers=headers).json()["runs"]
        assert cut.run_id not in [r["id"] for r in listed]
    assert run_status(settings, cut.run_id) is None  # deleted, not left for the hourly sweep
    assert not (settings.home / "uploads" / job_id).exists()


def _dead_pid() -> int:
    """The id of a process of this host that has ended."""
    probe = subprocess.Popen([sys.executable, "-c", "pass"])
    probe.wait()
    return probe.pid


def test_a_job_whose_run_was_saved_whole_is_finished_on_the_next_start(
    settings: Settings, matcher: Matcher, tmp_path: Path
) -> None:
    """The state a kill leaves between saving the run and its alerts: the start opens them,
    writes the audit entry and reports the job done; a run only begun is deleted."""
    path = tmp_path / "cameras.csv"
    path.write_text("Supplier\nHikvision\nAcme Office Supplies\n", encoding="utf-8")
    profile = profile_from_options(date(2025, 8, 15), ("CA",), "government", (), None)
    with RunStore(settings.database_url) as runs, open(os.devnull, "w") as sink:
        inputs = open_inputs([path])
        writer = open_writer("jsonl", sink)
        args = (inputs, profile, matcher.registry, matcher, writer, runs, lambda _m: None)
        saved = run_screening(*args).run_id
        assert saved is not None and list(not_clear(runs.lines(saved)))
        begun = runs.begin_run(run_meta(open_inputs([path]), profile, matcher.registry, matcher))
    gone = f"{os.uname().nodename} {_dead_pid()} 00000000"
    with JobStore(settings.database_url) as jobs:
        whole = jobs.create("aaaa000000000001", None, "key test (saved)", "a.csv", {}, gone)
        half = jobs.create("aaaa000000000002", None, "key test (half)", "b.csv", {}, gone)
        jobs.progress(whole.id, status="running", phase="screening", run_id=saved)
        jobs.progress(half.id, status="running", phase="screening", run_id=begun)
    app = create_app(settings, load=lambda _settings: matcher)
    with TestClient(app) as client:
        wait_ready(client)
        with JobStore(settings.database_url) as jobs:
            deadline = time.monotonic() + PATIENCE
            while not (jobs.get(whole.id).finished and jobs.get(half.id).finished):
                assert time.monotonic() < deadline, "the jobs were not finished on start"
                time.sleep(0.05)
            done, failed = jobs.get(whole.id), jobs.get(half.id)
    assert (
        done.status == "done"
        and done.run_id == saved
        and done.counts == {"prohibited": 1, "clear": 1}
    )
    assert failed.status == "failed" and "nothing was saved" in (failed.error or "")
    assert run_status(settings, begun) is None
    with AlertStore(settings.database_url) as alerts:
        assert [a.row for a in alerts.alerts(run_id=saved)] == [0]
    with AuditLog(settings.database_url) as log:
        audited = [e for e in log.entries() if e.subject == f"run {saved}"]
    assert [(e.kind, e.actor) for e in audited] == [("screening", "key test (saved)")]


def _cancelled_as_its_process_died(settings: Settings, matcher: Matcher, job_id: str) -> str:
    """What a process killed just before it saw its job's cancel leaves: the job `cancelled`,
    the run it had begun still `running`; the run's id."""
    profile = profile_from_options(date(2025, 8, 15), ("CA",), "government", (), None)
    path = settings.home / "cameras.csv"
    path.write_text("Supplier\nHikvision\n", encoding="utf-8")
    with RunStore(settings.database_url) as runs:
        begun = runs.begin_run(run_meta(open_inputs([path]), profile, matcher.registry, matcher))
    gone = f"{os.uname().nodename} {_dead_pid()} 00000000"
    with JobStore(settings.database_url) as jobs:
        jobs.create(job_id, None, "key test (cut)", "c.csv", {}, gone)
        jobs.progress(job_id, status="running", phase="screening", run_id=begun)
        assert jobs.cancel(job_id, "key test (canceller)")
    (settings.home / "uploads" / job_id).mkdir(parents=True)
    assert run_status(settings, begun) == "running"
    return begun


def test_the_run_of_a_job_cancelled_as_its_process_died_is_deleted_on_the_next_start(
    settings: Settings, matcher: Matcher
) -> None:
    begun = _cancelled_as_its_process_died(settings, matcher, "cccc000000000001")
    with TestClient(create_app(settings, load=lambda _settings: matcher)) as client:
        wait_ready(client)
        deadline = time.monotonic() + PATIENCE
        while run_status(settings, begun) is not None:
            assert time.monotonic() < deadline, "the run was not deleted on start"
            time.sleep(0.05)
    with JobStore(settings.database_url) as jobs:
        job = jobs.get("cccc000000000001")
    assert job.status == "cancelled" and "nothing was saved" in (job.error or "")
    assert not (settings.home / "uploads" / job.id).exists()


def test_the_run_of_a_job_cancelled_as_its_process_died_is_deleted_when_the_job_is_read(
    settings: Settings, matcher: Matcher
) -> None:
    admin = {"Authorization": f"ApiKey {make_keys(settings)['admin']}"}
    with TestClient(create_app(settings, load=lambda _settings: matcher)) as client:
        wait_ready(client)
        time.sleep(1.0)  # ordering, not timing: the start's look for such runs is behind us
        begun = _cancelled_as_its_process_died(settings, matcher, "cccc000000000002")
        answer = client.get("/jobs/cccc000000000002", headers=admin)
        assert answer.status_code == 200, answer.text
        assert answer.json()["status"] == "cancelled"
        assert run_status(settings, begun) is None  # deleted, not left for the hourly sweep
        listed = client.get("/runs", headers=admin).json()["runs"]
        assert begun not in [r["id"] for r in listed]
    assert not (settings.home / "uploads" / "cccc000000000002").exists()
