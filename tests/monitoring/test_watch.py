"""`banwatch watch`: a watched inventory checked again, its changes reported and sent, signed."""

from __future__ import annotations

import hashlib
import json
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.monitoring.webhooks import SIGNATURE_HEADER, deliver, signature, verify

from ..cli_support import jsonl, run

SECRET = "s3cret-for-tests"


class Receiver:
    """A webhook endpoint on 127.0.0.1: records each POST; fails the first `failures` of them."""

    def __init__(self, failures: int = 0) -> None:
        self.received: list[tuple[bytes, str]] = []
        self.failures = failures
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((body, self.headers.get(SIGNATURE_HEADER, "")))
                failing = receiver.failures > 0
                receiver.failures -= 1
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    path = tmp_path / "inventory.csv"
    path.write_text("Supplier,Model\nHikvision,DS-2CD2143G2-I\nAcme Widgets Ltd,X1\n")
    return path


def test_a_watched_inventory_reached_by_a_newly_imported_list(
    inventory: Path, tmp_path: Path, receiver: Receiver
) -> None:
    home = tmp_path / "home"
    add = ["watch", "add", str(inventory), "--name", "cams", "--jurisdiction", "CA"]
    assert (
        run([*add, "--webhook", receiver.url], home, BANWATCH_WEBHOOK_SECRET=SECRET).returncode == 0
    )
    first = run(["watch", "check", "--as-of", "2025-08-16"], home, BANWATCH_WEBHOOK_SECRET=SECRET)
    assert first.returncode == 0, first.stderr
    assert "first check" in first.stdout and receiver.received == []  # nothing changed yet
    first_run = first.stdout.split(" run ")[1].split(":")[0]
    ours = tmp_path / "list.csv"
    ours.write_text("name,source\nAcme Widgets Ltd,https://example.org/our-list\n")
    imported = run(
        ["import", "watchlist", str(ours), "--name", "our-list", "--jurisdiction", "CA"], home
    )
    assert imported.returncode == 0, imported.stderr
    again = [
        "watch",
        "check",
        "--as-of",
        "2025-08-16",
        "--format",
        "jsonl",
        "--fail-on",
        "prohibited",
    ]
    second = run(again, home, BANWATCH_WEBHOOK_SECRET=SECRET)
    assert second.returncode == 1, second.stderr  # --fail-on met: Acme is now prohibited
    (report,) = jsonl(second.stdout)
    (change,) = report["changes"]
    assert change["record"]["Supplier"] == "Acme Widgets Ltd"
    assert (change["verdict_a"], change["verdict_b"]) == ("clear", "prohibited")
    assert report["delivery"].startswith("delivered")
    ((body, signed),) = receiver.received
    assert verify(body, SECRET, signed)
    assert json.loads(body)["changes"][0]["record"] == change["record"]
    entries = jsonl(run(["audit", "--format", "jsonl"], home).stdout)
    [sent] = [e for e in entries if e["kind"] == "webhook"]
    assert sent["subject"] == "watch cams" and str(sent["actor"]).startswith("cli ")
    details = sent["details"]
    assert isinstance(details, dict)
    assert details["host"] == receiver.url.split("/")[2]
    assert (details["status"], details["attempts"], details["delivered"]) == (204, 1, True)
    assert details["body_sha256"] == hashlib.sha256(body).hexdigest()
    assert details["run_id"] == report["run_id"]
    assert run(["audit", "verify"], home).returncode == 0
    checked = [e["subject"] for e in entries if e["kind"] == "screening"]
    assert checked[-2:] == [f"run {first_run}", f"run {report['run_id']}"]  # each check's run
    pack = tmp_path / "pack.zip"
    assert run(["evidence", str(report["run_id"]), "--output", str(pack)], home).returncode == 0
    with zipfile.ZipFile(pack) as z:
        about = [json.loads(line) for line in z.read("audit.jsonl").splitlines()]
    assert [e["kind"] for e in about] == ["screening", "webhook"]


def test_a_webhook_down_is_reported_and_the_check_still_counts(
    inventory: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    down = "http://127.0.0.1:9/hook"  # the discard port: nothing listens
    add = ["watch", "add", str(inventory), "--name", "cams", "--webhook", down]
    assert run(add, home).returncode == 0
    assert run(["watch", "check", "--as-of", "2025-07-01"], home).returncode == 0
    res = run(["watch", "check", "--as-of", "2025-08-15"], home, BANWATCH_WEBHOOK_SECRET=SECRET)
    assert res.returncode == 0
    assert (
        "watch cams: webhook not delivered to http://127.0.0.1:9/hook after 4 tries" in res.stderr
    )
    listed = jsonl(run(["watch", "list", "--format", "jsonl"], home).stdout)
    assert listed[0]["checked_as_of"] == "2025-08-15"
    entries = jsonl(run(["audit", "--format", "jsonl"], home).stdout)
    [failed] = [e["details"] for e in entries if e["kind"] == "webhook"]
    assert isinstance(failed, dict)
    assert (failed["host"], failed["delivered"], failed["attempts"]) == ("127.0.0.1:9", False, 4)
    assert failed["status"] is None and failed["error"]


def test_a_delivery_is_retried_until_it_is_taken() -> None:
    flaky = Receiver(failures=2)
    try:
        done = deliver(flaky.url, b'{"a": 1}', SECRET, sleep=lambda _s: None)
    finally:
        flaky.close()
    assert (done.delivered, done.attempts, done.status) == (True, 3, 204)
    assert len(flaky.received) == 3


def test_watch_names_and_files_are_checked_when_added(inventory: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run(["watch", "add", str(inventory), "--name", "Cams!"], home).returncode == 2
    gone = run(["watch", "add", str(tmp_path / "gone.csv"), "--name", "cams"], home)
    assert gone.returncode == 2 and "gone.csv" in gone.stderr
    assert run(["watch", "add", str(inventory), "--name", "cams"], home).returncode == 0
    twice = run(["watch", "add", str(inventory), "--name", "cams"], home)
    assert twice.returncode == 2 and "already exists" in twice.stderr
    assert run(["watch", "remove", "cams"], home).returncode == 0
    assert run(["watch", "remove", "cams"], home).returncode == 2


@given(st.binary(max_size=200), st.text(min_size=1, max_size=20), st.data())
def test_a_body_altered_in_one_byte_fails_its_signature(
    body: bytes, secret: str, data: st.DataObject
) -> None:
    signed = signature(body, secret)
    assert verify(body, secret, signed)
    if body:
        at = data.draw(st.integers(min_value=0, max_value=len(body) - 1))
        altered = body[:at] + bytes([body[at] ^ 1]) + body[at + 1 :]
        assert not verify(altered, secret, signed)
    assert not verify(body, secret + "x", signed)
