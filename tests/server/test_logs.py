"""No API key and no uploaded content reaches the server's log.

A real uvicorn (its own logging set-up, access log on, at debug level) serves
the app; the test screens records, uploads a file as a job, imports a list,
signs in to the pages, decides an alert and sends a wrong key, each carrying
marker strings, then reads everything written to standard output, standard
error and the logging tree: the keys and the markers are not there, while
the request lines are (so the capture is real).
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.store.api_keys import KeyStore
from banwatch.store.engine import open_engine
from banwatch.store.tables import ApiKey

from ..importers.support import FIXTURES
from .conftest import make_keys, settings_for
from .server_support import PATIENCE

MARKERS = ["Qorvane Marker 7741 Ltd", "QMX-7741-SECRET", "Uplodix Marker 5521", "ZQ-5521-HIDDEN"]
RECORDS = [
    {"supplier": MARKERS[0], "model": MARKERS[1]},
    {"supplier": "Hikvision", "model": "DS-2CD2043G2-I", "note": MARKERS[0]},
]
UPLOAD = f"supplier,model\n{MARKERS[2]},{MARKERS[3]}\nHikvision,DS-2CD2043G2-I\n".encode()
WATCHLIST = FIXTURES / "watchlist-sample.csv"
WRONG_KEY = "bw_00000000000000ff_NotAKeyButSecretLooking9876"


class Kept(logging.Handler):
    """Every record the logging tree sees, formatted with its arguments."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(logging.Formatter("%(name)s %(message)s %(exc_text)s").format(record))


@contextmanager
def loud_server(app: FastAPI) -> Iterator[str]:
    """uvicorn at debug level with its access log, as `banwatch serve` configures it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="debug", access_log=True)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + PATIENCE
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(PATIENCE)
        sock.close()


def exercise(base: str, keys: dict[str, str]) -> None:
    """Requests carrying keys and contents, on every path that takes either."""
    analyst, admin = ({"Authorization": f"ApiKey {keys[r]}"} for r in ("analyst", "admin"))
    with httpx.Client(base_url=base, timeout=PATIENCE) as http:
        deadline = time.monotonic() + PATIENCE
        while http.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        body = {"records": RECORDS, "jurisdictions": ["CA"], "as_of": "2025-08-15"}
        assert http.post("/screen", json=body, headers=analyst).status_code == 200
        unreadable = {"records": [{"": MARKERS[1]}]}
        assert http.post("/screen", json=unreadable, headers=analyst).status_code < 500
        files = {"file": ("inventory.csv", UPLOAD, "text/csv")}
        job = http.post(
            "/screen/upload", files=files, data={"jurisdictions": "CA"}, headers=analyst
        )
        assert job.status_code == 202, job.text
        while http.get(f"/jobs/{job.json()['job_id']}", headers=analyst).json()["status"] in (
            "queued",
            "running",
        ):
            assert time.monotonic() < deadline + PATIENCE
            time.sleep(0.05)
        with WATCHLIST.open("rb") as f:
            form = {"source": "watchlist", "jurisdiction": "CA"}
            imported = http.post("/imports", data=form, files={"file": f}, headers=admin)
            assert imported.status_code == 201, imported.text
        [alert, *_] = http.get("/alerts", headers=analyst).json()["alerts"]
        decision = {"status": "dismissed", "reason": MARKERS[3], "version": 1}
        http.post(f"/alerts/{alert['id']}/decision", json=decision, headers=analyst)
        assert (
            http.get("/catalog", headers={"Authorization": f"Bearer {WRONG_KEY}"}).status_code
            == 401
        )
        signed = http.post("/ui/login", data={"key": keys["viewer"]}, follow_redirects=False)
        assert signed.status_code == 303
        assert http.post("/ui/login", data={"key": WRONG_KEY}).status_code == 401


def test_no_key_and_no_uploaded_content_in_the_logs(
    tmp_path: Path, matcher: Matcher, capfd: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(tmp_path)
    keys = make_keys(settings)
    kept, root = Kept(), logging.getLogger()
    root.addHandler(kept)
    level, root.level = root.level, logging.DEBUG
    try:
        with loud_server(create_app(settings, load=lambda _s: matcher)) as base:
            exercise(base, keys)
    finally:
        root.removeHandler(kept)
        root.setLevel(level)
    out, err = capfd.readouterr()
    logged = "\n".join([out, err, *kept.lines])
    assert '"POST /screen HTTP/1.1" 200' in logged  # the access log was captured
    assert '"POST /imports HTTP/1.1" 201' in logged
    # A secret is all after "bw_<id>_", and may itself hold "_".
    secrets = [*keys.values(), WRONG_KEY, *(k.split("_", 2)[2] for k in keys.values())]
    assert [s for s in secrets if s in logged] == []
    imported = WATCHLIST.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    assert [m for m in [*MARKERS, imported] if m in logged] == []


def test_a_store_error_does_not_carry_the_values_it_was_writing(tmp_path: Path) -> None:
    # A failed statement's message (what a 500 would log) names no value of the row.
    settings = settings_for(tmp_path)
    with KeyStore(settings.database_url) as store:
        info, _ = store.create("viewer", "first")
    engine = open_engine(settings.database_url)
    row = {"id": info.id, "name": MARKERS[0], "role": "viewer", "digest": "d" * 64}
    with pytest.raises(IntegrityError) as failed, engine.begin() as conn:
        conn.execute(insert(ApiKey), [{**row, "created_at": info.created_at}])
    engine.dispose()
    assert MARKERS[0] not in str(failed.value)
