"""`banwatch alerts` and `banwatch decide` show and change the same state as `/alerts`."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import settings_from

from ..cli_support import run
from ..server.conftest import make_keys
from ..server.server_support import wait_ready

RECORDS = [{"supplier": "EZVIZ Inc.", "asset_id": "A-1"}, {"supplier": "Acme", "asset_id": "A-2"}]


def test_the_cli_lists_and_decides_what_the_api_opened(tmp_path: Path, matcher: Matcher) -> None:
    settings = settings_from({"BANWATCH_HOME": str(tmp_path)})
    auth = {"Authorization": f"ApiKey {make_keys(settings)['analyst']}"}
    with TestClient(create_app(settings, load=lambda _s: matcher), headers=auth) as client:
        wait_ready(client)
        body = {"records": RECORDS, "jurisdictions": ["CA"], "as_of": "2025-08-15"}
        run_id = client.post("/screen", json=body).json()["run_id"]
        opened = client.get("/alerts").json()["alerts"]
        assert opened

        listed = run(["alerts", "--run", run_id, "--format", "jsonl"], tmp_path)
        assert listed.returncode == 0, listed.stderr
        assert [json.loads(line) for line in listed.stdout.splitlines()] == opened
        table = run(["alerts", "--status", "open"], tmp_path).stdout
        assert f"{opened[0]['id']:>6} v1 open" in table

        first = opened[0]["id"]
        args = ["decide", str(first), "--status", "dismissed", "--reason", "a test unit"]
        decided = run([*args, "--version", "1"], tmp_path)
        assert decided.returncode == 0, decided.stderr
        assert decided.stdout == f"alert {first}: dismissed (version 2)\n"
        stale = run([*args, "--version", "1"], tmp_path)
        assert stale.returncode == 2 and "version 2, not 1" in stale.stderr

        [decision] = client.get(f"/alerts/{first}").json()["decisions"]
        assert decision["decided_by"].startswith("cli ") and decision["reason"] == "a test unit"
