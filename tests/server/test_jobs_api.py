"""Upload jobs: `POST /screen/upload` a CSV or XLSX file, follow `GET /jobs/{id}` to done, take
the result in each format; the upload limit; who may see a job; on both stores."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import Settings
from banwatch.store import RunStore
from banwatch.store.audit import AuditLog
from banwatch.store.engine import open_engine

from .conftest import make_keys, settings_for
from .server_support import PATIENCE, served, wait_ready

ROWS = [
    {"supplier": "EZVIZ Inc.", "model": "CS-C6N"},
    {"supplier": "Hikvision", "notes": "lobby cameras"},
    {"supplier": "Acme Office Supplies", "notes": ""},
]
PROFILE = {"jurisdictions": "CA", "as_of": "2025-08-15", "sector": "government"}
HEADERS = ["supplier", "model", "notes"]
JSON_PROFILE = {"jurisdictions": ["CA"], "as_of": "2025-08-15", "sector": "government"}


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows: list[dict[str, str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([row.get(h, "") for h in HEADERS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_key(client: TestClient, key: str) -> TestClient:
    """A client of the same app sending another key."""
    return TestClient(client.app, headers={"Authorization": f"ApiKey {key}"})


def upload(client: TestClient, name: str, body: bytes, **form: Any) -> Any:
    return client.post("/screen/upload", files={"file": (name, body)}, data={**PROFILE, **form})


def finished(client: TestClient, job_id: str) -> dict[str, Any]:
    """Poll the job until it is done or failed; every answer on the way is a status it may have."""
    deadline = time.monotonic() + PATIENCE
    while True:
        answer = client.get(f"/jobs/{job_id}")
        assert answer.status_code == 200, answer.text
        job: dict[str, Any] = answer.json()
        assert job["status"] in ("queued", "running", "done", "failed")
        if job["status"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("name", "make"), [("cameras.csv", csv_bytes), ("cameras.xlsx", xlsx_bytes)]
)
def test_a_file_is_screened_saved_and_given_back_in_every_format(
    client: TestClient, settings: Settings, name: str, make: Any
) -> None:
    started = upload(client, name, make(ROWS))
    assert started.status_code == 202, started.text
    body = started.json()
    assert set(body) == {"job_id", "status", "links"}
    assert started.headers["Location"] == f"/jobs/{body['job_id']}"
    job = finished(client, body["job_id"])
    assert job["status"] == "done", job
    assert job["verdicts"] == {"prohibited": 2, "clear": 1}
    assert job["progress"]["rows_screened"] == 3 and job["progress"]["rows_total"] == 3
    assert job["file"] == name and job["error"] is None
    run_id = job["run_id"]
    # The run is saved as POST /screen saves one: listed, its alerts open, audited.
    saved = client.get(f"/runs/{run_id}").json()
    assert [f["verdict"] for f in saved["findings"]] == ["prohibited", "prohibited", "clear"]
    assert {f["file"] for f in saved["findings"]} == {name}
    alerts = client.get("/alerts", params={"run_id": run_id}).json()["alerts"]
    assert {a["row"] for a in alerts} == {0, 1}
    with AuditLog(settings.database_url) as log:
        entries = [e for e in log.entries() if e.subject == f"run {run_id}"]
    assert [e.kind for e in entries] == ["screening"]
    assert entries[0].actor.startswith("key ") and "analyst" in entries[0].actor
    results = {
        f: client.get(f"/jobs/{body['job_id']}/result", params={"format": f})
        for f in ("csv", "xlsx", "jsonl")
    }
    assert all(r.status_code == 200 for r in results.values())
    lines = [json.loads(line) for line in results["jsonl"].text.splitlines()]
    assert lines == saved["findings"]
    table = list(csv.DictReader(io.StringIO(results["csv"].text)))
    assert len(table) == 3
    book = openpyxl.load_workbook(io.BytesIO(results["xlsx"].content), read_only=True)
    cells = [v for row in book.worksheets[0].iter_rows(values_only=True) for v in row]
    assert "EZVIZ Inc." in cells and "Acme Office Supplies" in cells
    assert results["xlsx"].headers["content-type"].startswith("application/vnd.openxmlformats")


def test_bad_rows_are_problems_of_a_done_job(client: TestClient) -> None:
    body = b'{"supplier": "Hikvision"}\nnot json at all\n{"supplier": "Acme"}\n'
    job = finished(client, upload(client, "mixed.jsonl", body).json()["job_id"])
    assert job["status"] == "done", job
    assert job["problems"] == 1 and "mixed.jsonl" in job["warnings"][0]
    assert job["verdicts"] == {"prohibited": 1, "clear": 1}


def test_an_unreadable_file_fails_its_job_saying_why(client: TestClient) -> None:
    job = finished(client, upload(client, "empty.csv", b"").json()["job_id"])
    assert job["status"] == "failed" and "empty.csv" in job["error"]
    assert job["run_id"] is None
    refused = client.get(f"/jobs/{job['job_id']}/result")
    assert refused.status_code == 409 and refused.json()["type"] == "ConflictError"


@pytest.mark.parametrize(
    ("name", "form", "status", "field"),
    [
        ("cameras.doc", {}, 400, "file"),
        ("c" * 300 + ".csv", {}, 400, "file"),
        ("cameras.csv", {"jurisdictions": "Canada"}, 400, "jurisdictions"),
        ("cameras.csv", {"sector": "navy"}, 422, "body.sector"),
        ("cameras.csv", {"as_of": "15/08/2025"}, 422, "body.as_of"),
    ],
)
def test_bad_requests_start_no_job(
    client: TestClient, settings: Settings, name: str, form: dict[str, str], status: int, field: str
) -> None:
    uploads = settings.home / "uploads"
    before = set(uploads.iterdir()) if uploads.exists() else set()
    answer = upload(client, name, csv_bytes(ROWS), **form)
    assert answer.status_code == status, answer.text
    assert answer.json()["field"] == field
    assert (set(uploads.iterdir()) if uploads.exists() else set()) == before  # nothing kept


def test_who_may_see_a_job(client: TestClient, keys: dict[str, str], settings: Settings) -> None:
    job_id = upload(client, "cameras.csv", csv_bytes(ROWS)).json()["job_id"]
    finished(client, job_id)
    other = make_keys(settings)["analyst"]  # another analyst's key
    assert as_key(client, other).get(f"/jobs/{job_id}").status_code == 404
    assert as_key(client, other).get(f"/jobs/{job_id}/result").status_code == 404
    assert as_key(client, keys["admin"]).get(f"/jobs/{job_id}").status_code == 200
    viewer = as_key(client, keys["viewer"])
    assert viewer.get(f"/jobs/{job_id}").status_code == 403
    refused = upload(viewer, "cameras.csv", csv_bytes(ROWS))
    assert refused.status_code == 403 and refused.json()["type"] == "ForbiddenError"
    assert TestClient(client.app).get(f"/jobs/{job_id}").status_code == 401
    assert client.get("/jobs/0000000000000000").status_code == 404


def limited_app(settings: Settings, matcher: Matcher) -> FastAPI:
    """An app on the same store taking bodies of at most 1 MB."""
    limited = Settings(**{**settings.__dict__, "max_upload_mb": 1})
    return create_app(limited, load=lambda _settings: matcher)


@pytest.fixture(scope="module")
def small(settings: Settings, matcher: Matcher, keys: dict[str, str]) -> Iterator[TestClient]:
    """A second app on the same store, taking bodies of at most 1 MB."""
    with TestClient(
        limited_app(settings, matcher), headers={"Authorization": f"ApiKey {keys['analyst']}"}
    ) as opened:
        wait_ready(opened)
        yield opened


def big_csv(size: int) -> bytes:
    row = b"Acme Office Supplies,model,a row to fill the file\n"
    return b"supplier,model,notes\n" + row * (size // len(row) + 1)


@pytest.mark.parametrize("path", ["/screen/upload", "/screen", "/match/default"])
def test_a_body_over_the_limit_is_413(small: TestClient, path: str) -> None:
    if path == "/screen":
        records = [{"supplier": "Acme Office Supplies", "notes": "x" * 200}] * 6000
        answer = small.post(path, json={"records": records, "save": False})
    elif path.startswith("/match/"):
        # Few queries, each carrying a long name: the body, not their count, is too large.
        name = "Acme Office Supplies " * 10_000
        queries = {f"q{k}": {"schema": "Company", "properties": {"name": [name]}} for k in range(6)}
        answer = small.post(path, json={"queries": queries})
    else:
        answer = upload(small, "big.csv", big_csv(1_100_000))
    assert answer.status_code == 413, answer.text
    assert answer.json()["type"] == "TooLargeError"
    assert set(answer.json()) == {"detail", "type", "status", "file", "row", "column", "field"}
    assert "BANWATCH_MAX_UPLOAD_MB" in answer.json()["detail"]


def test_a_body_under_the_limit_is_taken(small: TestClient) -> None:
    started = upload(small, "fill.csv", big_csv(900_000))
    assert started.status_code == 202, started.text
    job = finished(small, started.json()["job_id"])
    assert job["status"] == "done" and job["progress"]["rows_screened"] > 10_000


def test_more_records_than_one_request_may_carry_is_413(client: TestClient) -> None:
    answer = client.post("/screen", json={"records": [{"supplier": "x"}] * 10_001, "save": False})
    assert answer.status_code == 413 and answer.json()["field"] == "records"


def test_a_job_does_not_hold_up_a_screening_saved_meanwhile(client: TestClient) -> None:
    rows = b"".join(b"Acme Office Supplies %d,M%d,\n" % (n, n) for n in range(100_000))
    job_id = upload(client, "ledger.csv", b"supplier,model,notes\n" + rows).json()["job_id"]
    deadline = time.monotonic() + PATIENCE
    while client.get(f"/jobs/{job_id}").json()["progress"]["rows_screened"] < 1000:
        assert time.monotonic() < deadline, "the job did not start screening"
        time.sleep(0.05)
    saved = client.post("/screen", json={"records": [{"supplier": "Hikvision"}], **JSON_PROFILE})
    assert saved.status_code == 200 and saved.json()["run_id"] is not None
    assert client.get(f"/jobs/{job_id}").json()["status"] == "running"  # still going
    job = finished(client, job_id)
    assert job["status"] == "done" and job["verdicts"] == {"clear": 100_000}
    lines = client.get(f"/jobs/{job_id}/result").text.splitlines()  # many chunks of a MB
    assert [json.loads(lines[n])["row"] for n in (0, 49_999, 99_999)] == [0, 49_999, 99_999]
    assert len(lines) == 100_000
    listed = {r["id"] for r in client.get("/runs").json()["runs"]}
    assert {job["run_id"], saved.json()["run_id"]} <= listed


def test_a_body_sent_without_a_length_is_cut_at_the_limit(
    settings: Settings, matcher: Matcher, keys: dict[str, str]
) -> None:
    """Chunked, over a real uvicorn: the app is told the client left, and the answer is 413."""

    def chunks() -> Iterator[bytes]:
        yield b'{"records": ['
        for _ in range(20_000):
            yield b'{"supplier": "Acme Office Supplies", "notes": "a cell to fill the body"},'
        yield b'{"supplier": "Acme"}], "save": false}'

    headers = {"Authorization": f"ApiKey {keys['analyst']}", "content-type": "application/json"}
    with served(limited_app(settings, matcher)) as base:
        deadline = time.monotonic() + PATIENCE
        while httpx.get(f"{base}/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        answer = httpx.post(f"{base}/screen", content=chunks(), headers=headers, timeout=PATIENCE)
    assert answer.status_code == 413, answer.text
    assert answer.json()["type"] == "TooLargeError"


def test_a_run_whose_audit_entry_cannot_be_written_is_taken_back(
    tmp_path: Path, matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    """The audit table dropped behind the store's back: the job fails saying so, and its run
    (saved, its alerts opened) is deleted with its alerts, not left unaudited."""
    settings = settings_for(tmp_path)
    key = make_keys(settings)["analyst"]
    app = create_app(settings, load=lambda _settings: matcher)
    with TestClient(app, headers={"Authorization": f"ApiKey {key}"}) as opened:
        wait_ready(opened)
        engine = open_engine(settings.database_url)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE audit_log"))
        engine.dispose()
        job = finished(opened, upload(opened, "cameras.csv", csv_bytes(ROWS)).json()["job_id"])
        assert job["status"] == "failed" and "audit_log" in job["error"], job
        logged = [r.getMessage() for r in caplog.records if r.name == "banwatch.server.jobs"]
        assert logged and "OperationalError" in logged[0]
        assert "audit_log" not in logged[0]  # the message (which may quote a file) stays out
        assert opened.get("/runs").json()["runs"] == []
        assert opened.get("/alerts").json()["alerts"] == []
    with RunStore(settings.database_url) as runs:
        assert runs.list_runs() == []


def test_another_server_on_the_store_follows_a_job_without_taking_it(
    client: TestClient, small: TestClient
) -> None:
    """`small` is a second app (another server) on the same store: it reads the job's progress
    while the first runs it, and never mistakes the first for gone."""
    rows = b"".join(b"Acme Office Supplies %d,M%d,\n" % (n, n) for n in range(30_000))
    job_id = upload(client, "ledger.csv", b"supplier,model,notes\n" + rows).json()["job_id"]
    seen = set()
    deadline = time.monotonic() + PATIENCE
    while (job := small.get(f"/jobs/{job_id}").json())["status"] not in ("done", "failed"):
        seen.add(job["status"])
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert job["status"] == "done" and job["verdicts"] == {"clear": 30_000}, job
    assert seen <= {"queued", "running"} and seen
