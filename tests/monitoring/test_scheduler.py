"""The server's schedule: `serve --watch-every` checks the watches of a real uvicorn server on
127.0.0.1, delivers the webhook, signed, to a local HTTP server, and audits the delivery."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest

from banwatch.durations import describe, parse_duration
from banwatch.errors import UsageError
from banwatch.matching.matcher import Matcher
from banwatch.monitoring.checking import check_every_watch
from banwatch.monitoring.webhooks import verify
from banwatch.server import create_app
from banwatch.server.scheduler import ACTOR, LOCK_FILE, Scheduler
from banwatch.server.state import Loaded
from banwatch.settings import settings_from
from banwatch.store import RunProfile, RunStore, WatchSpec
from banwatch.store.api_keys import KeyStore
from banwatch.store.audit import AuditLog
from banwatch.store.watch_checks import WatchChecks

from ..cli_support import BANWATCH, run
from ..server.server_support import free_port, served
from .test_watch import SECRET, Receiver

PATIENCE = 60.0


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1s", 1), ("30m", 1800), ("1h", 3600), ("6h", 21600), ("1d", 86400), (" 2H ", 7200)],
)
def test_periods_are_read_as_people_write_them(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds
    assert parse_duration(describe(seconds)) == seconds


@pytest.mark.parametrize("text", ["", "0h", "1", "h", "1.5h", "1w", "-1h", "1h30m"])
def test_a_period_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(UsageError, match="not a period"):
        parse_duration(text)


def test_a_bad_period_setting_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as found:
        settings_from({"BANWATCH_HOME": str(tmp_path), "BANWATCH_WATCH_EVERY": "soon"})
    assert found.value.field == "BANWATCH_WATCH_EVERY"


def test_one_worker_of_a_home_runs_the_schedule(tmp_path: Path) -> None:
    """The lock file under BANWATCH_HOME: one holder; another takes over once it stops."""
    settings = settings_from({"BANWATCH_HOME": str(tmp_path), "BANWATCH_WATCH_EVERY": "1h"})
    first, second = Scheduler(Loaded(settings)), Scheduler(Loaded(settings))
    assert first._take_lock() and first.holds_lock
    assert not second._take_lock() and not second.holds_lock
    first.stop()
    assert second._take_lock()
    second.stop()


def _wait(condition: object, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not callable(condition) or not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {PATIENCE} s for {what}")
        time.sleep(0.1)


def test_the_server_checks_on_schedule_and_sends_a_signed_webhook(
    tmp_path: Path, matcher: Matcher
) -> None:
    home = tmp_path / "home"
    env = {"BANWATCH_HOME": str(home), "BANWATCH_WEBHOOK_SECRET": SECRET}
    settings = replace(settings_from(env), watch_every=1.0)
    inventory = tmp_path / "cameras.csv"
    inventory.write_text("Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis,P3265-LVE\n")
    receiver = Receiver()
    spec = WatchSpec(
        name="cameras",
        files=[str(inventory)],
        profile=RunProfile(jurisdictions=["CA"], sector="business"),
        webhook=receiver.url,
    )
    url = settings.database_url
    with RunStore(url) as store, WatchChecks(url) as checks, AuditLog(url) as log:
        store.add_watch(spec)
        # The last check was on 2025-07-01: today's finds the events since.
        check_every_watch(matcher, store, checks, date(2025, 7, 1), (log, "test"))
    with KeyStore(url) as keys:
        viewer = keys.create("viewer", "test")[1]
    app = create_app(settings, load=lambda _settings: matcher)
    try:
        with served(app) as base:
            _wait(lambda: receiver.received, "the webhook")
            time.sleep(2.5)  # two more rounds: nothing changed since, so nothing more is sent
            auth = {"Authorization": f"ApiKey {viewer}"}
            audit = httpx.get(f"{base}/audit", headers=auth, timeout=30).text
            watches = httpx.get(f"{base}/watches", headers=auth, timeout=30).json()
            changes = httpx.get(f"{base}/watches/cameras/changes", headers=auth, timeout=30)
    finally:
        receiver.close()
    [(body, header)] = receiver.received
    assert verify(body, SECRET, header)
    report = json.loads(body)
    assert report["watch"] == "cameras" and report["as_of"] == date.today().isoformat()
    assert report["previous_as_of"] == "2025-07-01"
    assert report["registry_version"] == matcher.registry.version
    assert report["release"] == {"id": "embedded", "released": None, "key_id": None, "sources": []}
    assert any(e["date"] == "2025-07-07" for e in report["events"])
    [entry] = [json.loads(line) for line in audit.splitlines() if '"webhook"' in line]
    assert (entry["kind"], entry["actor"], entry["subject"]) == ("webhook", ACTOR, "watch cameras")
    host = receiver.url.split("/")[2]
    assert entry["details"]["host"] == host
    assert (entry["details"]["status"], entry["details"]["attempts"]) == (204, 1)
    assert entry["details"]["body_sha256"] == hashlib.sha256(body).hexdigest()
    assert entry["details"]["run_id"] == report["run_id"]
    screened = [json.loads(line) for line in audit.splitlines() if '"screening"' in line]
    assert f"run {report['run_id']}" in [e["subject"] for e in screened if e["actor"] == ACTOR]
    schedule = watches["schedule"]
    assert schedule["watch_every"] == "1s" and schedule["runs_here"]
    assert schedule["last_check"]["outcome"].startswith("checked 1 watches")
    checks_kept = changes.json()["checks"]
    assert len(checks_kept) >= 3  # the one before the server, then one a second
    sent = [c for c in checks_kept if c["delivery"]]
    assert [c["delivery"] for c in sent] == [f"delivered to {host} (HTTP 204, try 1)"]
    assert sent[0]["run_id"] == report["run_id"]


def test_a_bad_period_is_bad_usage(tmp_path: Path) -> None:
    done = run(["serve", "--watch-every", "soon"], tmp_path / "home")
    assert done.returncode == 2
    assert "not a period: 'soon'" in done.stderr and len(done.stderr.splitlines()) == 1


def test_with_two_workers_one_runs_the_schedule(tmp_path: Path) -> None:
    """`banwatch serve --workers 2 --watch-every 1s`: the lock file is held (by a worker), and
    checks come at most once a second, as from one worker."""
    home = tmp_path / "home"
    inventory = tmp_path / "cameras.csv"
    inventory.write_text("Supplier\nHikvision\n")
    assert run(["watch", "add", str(inventory), "--name", "cams"], home).returncode == 0
    assert run(["watch", "check"], home).returncode == 0  # also compiles the index once
    port = free_port()
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    env.pop("BANWATCH_DATABASE_URL", None)
    args = ["serve", "--port", str(port), "--workers", "2", "--watch-every", "1s"]
    server = subprocess.Popen([str(BANWATCH), *args], env=env, stderr=subprocess.PIPE, text=True)
    url = settings_from({"BANWATCH_HOME": str(home)}).database_url
    try:
        with WatchChecks(url) as checks:
            _wait(lambda: len(checks.recent("cams", 100)) >= 3, "two scheduled checks")
            with (home / LOCK_FILE).open("ab") as handle, pytest.raises(BlockingIOError):
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            start = len(checks.recent("cams", 1000))
            began = time.monotonic()
            time.sleep(6)
            made = len(checks.recent("cams", 1000)) - start
            window = time.monotonic() - began
    finally:
        server.terminate()
        server.wait(timeout=PATIENCE)
    assert server.returncode is not None
    assert 1 <= made <= window + 1, (made, window)  # two workers would check twice a second
