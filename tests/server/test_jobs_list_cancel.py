"""`GET /jobs` lists the caller's upload jobs; `POST /jobs/{id}/cancel` cancels one, from any
server on the store, leaving nothing of its run; on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import time
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import Settings
from banwatch.store.audit import AuditLog
from banwatch.store.engine import open_engine
from banwatch.store.jobs import JobStore
from banwatch.store.tables import Run

from .conftest import make_keys
from .server_support import PATIENCE, served
from .test_jobs_api import ROWS, as_key, csv_bytes, finished, upload
from .test_jobs_restart import run_status

LEDGER = b"supplier,model,notes\n" + b"".join(
    b"Acme Office Supplies %d,M%d,\n" % (n, n) for n in range(300_000)
)


def job_row(settings: Settings, job_id: str) -> Any:
    with JobStore(settings.database_url) as store:
        return store.get(job_id)


def until(check: Any, what: str) -> Any:
    deadline = time.monotonic() + PATIENCE
    while not (got := check()):
        assert time.monotonic() < deadline, what
        time.sleep(0.05)
    return got


def screening(client: TestClient, job_id: str) -> dict[str, Any]:
    """The job once it has screened some rows (its run begun)."""

    def seen() -> dict[str, Any] | None:
        job: dict[str, Any] = client.get(f"/jobs/{job_id}").json()
        assert job["status"] in ("queued", "running"), job
        return job if job["progress"]["rows_screened"] > 0 else None

    got: dict[str, Any] = until(seen, "the job did not start screening")
    return got


def runs_kept(settings: Settings) -> int:
    """Every run in the store, complete or begun."""
    engine = open_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(Run)) or 0)
    finally:
        engine.dispose()


def gone(settings: Settings, job_id: str, runs_before: int) -> None:
    """Nothing of the job is left once its thread let it go (its upload removed, which comes
    after the run begun, if any, was deleted): no run more than before it."""
    until(lambda: not (settings.home / "uploads" / job_id).exists(), "its upload was kept")
    run_id = job_row(settings, job_id).run_id  # None if cancelled before it could say
    assert run_id is None or run_status(settings, run_id) is None
    assert runs_kept(settings) == runs_before


def test_the_callers_jobs_are_listed_newest_first(
    client: TestClient, keys: dict[str, str], settings: Settings
) -> None:
    mine = [upload(client, f"cameras-{n}.csv", csv_bytes(ROWS)).json()["job_id"] for n in range(3)]
    other = as_key(client, make_keys(settings)["analyst"])
    theirs = upload(other, "theirs.csv", csv_bytes(ROWS)).json()["job_id"]
    done = [finished(client, j) for j in mine]
    finished(other, theirs)
    listed = client.get("/jobs").json()["jobs"]
    assert [j["job_id"] for j in listed] == mine[::-1]  # not the other analyst's
    assert listed == [client.get(f"/jobs/{j}").json() for j in mine[::-1]] == done[::-1]
    assert {"status", "progress", "created_at", "finished_at", "started_by"} <= set(listed[0])
    assert [j["job_id"] for j in client.get("/jobs?limit=2").json()["jobs"]] == mine[:0:-1]
    assert client.get("/jobs?status=failed").json()["jobs"] == []
    assert [j["job_id"] for j in other.get("/jobs").json()["jobs"]] == [theirs]
    every = as_key(client, keys["admin"]).get("/jobs").json()["jobs"]
    assert {theirs, *mine} <= {j["job_id"] for j in every}
    assert as_key(client, keys["viewer"]).get("/jobs").status_code == 403
    for bad in ("/jobs?status=lost", "/jobs?limit=0", "/jobs?limit=501"):
        answer = client.get(bad)
        assert answer.status_code == 422 and answer.json()["type"] == "ValidationError"


def test_a_running_job_is_cancelled_through_another_server(
    client: TestClient, keys: dict[str, str], settings: Settings, matcher: Matcher
) -> None:
    runs_before = runs_kept(settings)
    job_id = upload(client, "ledger.csv", LEDGER).json()["job_id"]
    screening(client, job_id)
    with AuditLog(settings.database_url) as log:
        before = log.count()
    other = create_app(settings, load=lambda _settings: matcher)  # another server, one store
    with served(other) as base:
        until(lambda: httpx.get(f"{base}/readyz").status_code == 200, "not ready")
        cancel = httpx.post(
            f"{base}/jobs/{job_id}/cancel",
            headers={"Authorization": f"ApiKey {keys['analyst']}"},
            timeout=PATIENCE,
        )
    assert cancel.status_code == 200, cancel.text
    job = cancel.json()
    assert job["status"] == "cancelled" and job["finished_at"] and job["run_id"] is None
    assert job["error"].startswith("cancelled by key ") and "nothing was saved" in job["error"]
    gone(settings, job_id, runs_before)
    assert client.get(f"/jobs/{job_id}").json()["status"] == "cancelled"  # it stays so
    again = client.post(f"/jobs/{job_id}/cancel")
    assert again.status_code == 409 and again.json()["type"] == "ConflictError"
    assert client.get(f"/jobs/{job_id}/result").status_code == 409
    with AuditLog(settings.database_url) as log:
        assert log.verify().broken_at is None
        added = [e for e in log.entries() if e.seq > before]
    assert [(e.kind, e.subject) for e in added] == [("job_cancelled", f"job {job_id}")]
    assert added[0].actor.endswith("(test analyst)")
    assert added[0].details == {"file": "ledger.csv", "status": "running", "phase": "screening"}
    # The job thread is free again: the next job runs to the end.
    assert (
        finished(client, upload(client, "next.csv", csv_bytes(ROWS)).json()["job_id"])["status"]
        == "done"
    )


def test_a_queued_job_is_cancelled_before_it_runs(client: TestClient, settings: Settings) -> None:
    runs_before = runs_kept(settings)
    first = upload(client, "ledger.csv", LEDGER).json()["job_id"]
    queued = upload(client, "queued.csv", csv_bytes(ROWS)).json()["job_id"]
    screening(client, first)
    assert client.get(f"/jobs/{queued}").json()["status"] == "queued"
    cancelled = client.post(f"/jobs/{queued}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert client.post(f"/jobs/{first}/cancel").json()["status"] == "cancelled"
    gone(settings, first, runs_before)
    gone(settings, queued, runs_before)
    assert job_row(settings, queued).run_id is None  # it never began a run
    assert client.get(f"/jobs/{queued}").json()["status"] == "cancelled"


def test_who_may_cancel_a_job(client: TestClient, keys: dict[str, str], settings: Settings) -> None:
    job_id = upload(client, "cameras.csv", csv_bytes(ROWS)).json()["job_id"]
    assert finished(client, job_id)["status"] == "done"
    done = client.post(f"/jobs/{job_id}/cancel")
    assert done.status_code == 409 and "is done" in done.json()["detail"]
    other = as_key(client, make_keys(settings)["analyst"])
    assert other.post(f"/jobs/{job_id}/cancel").status_code == 404
    assert as_key(client, keys["viewer"]).post(f"/jobs/{job_id}/cancel").status_code == 403
    assert TestClient(client.app).post(f"/jobs/{job_id}/cancel").status_code == 401
    assert client.post("/jobs/0000000000000000/cancel").status_code == 404
    assert client.get(f"/jobs/{job_id}").json()["status"] == "done"  # still
