"""`GET /audit` and `banwatch audit`: screenings, decisions and key changes, in one chain."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import settings_from
from banwatch.store.engine import open_engine

from ..cli_support import run
from .conftest import make_keys
from .server_support import wait_ready

RECORDS = [{"supplier": "EZVIZ Inc.", "asset_id": "A-1"}]


def test_the_log_holds_what_happened_and_the_cli_verifies_it(
    tmp_path: Path, matcher: Matcher
) -> None:
    settings = settings_from({"BANWATCH_HOME": str(tmp_path)})
    keys = make_keys(settings)
    auth = {"Authorization": f"ApiKey {keys['analyst']}"}
    with TestClient(create_app(settings, load=lambda _s: matcher), headers=auth) as client:
        wait_ready(client)
        body = {"records": RECORDS, "jurisdictions": ["CA"], "as_of": "2025-08-15"}
        run_id = client.post("/screen", json=body).json()["run_id"]
        unsaved = client.post("/screen", json={**body, "save": False})
        assert unsaved.json()["run_id"] is None
        [alert, *_] = client.get("/alerts").json()["alerts"]
        decision = {"status": "confirmed", "reason": "ours", "version": 1}
        client.post(f"/alerts/{alert['id']}/decision", json=decision)

        lines = client.get("/audit").text.splitlines()
        entries = [json.loads(line) for line in lines]
        kinds = [e["kind"] for e in entries]
        assert kinds == ["key_created"] * 4 + ["key_revoked", "screening", "decision"]
        screening = entries[5]
        assert screening["subject"] == f"run {run_id}"
        assert screening["actor"].startswith("key ") and screening["actor"].endswith(
            "(test analyst)"
        )
        assert screening["details"]["registry_version"] == matcher.registry.version
        assert screening["details"]["matcher"] == matcher.version
        assert len(screening["details"]["input_digest"]) == 64
        assert entries[6]["details"] == {"status": "confirmed", "reason": "ours", "version": 2}

        table = list(csv.reader(io.StringIO(client.get("/audit?format=csv").text)))
        assert table[0] == ["seq", "at", "kind", "actor", "subject", "details", "prev_hash", "hash"]
        assert [row[2] for row in table[1:]] == kinds

    assert run(["audit"], tmp_path).stdout.splitlines() == lines
    intact = run(["audit", "verify"], tmp_path)
    assert intact.returncode == 0 and "intact: 7 entries" in intact.stdout
    engine = open_engine(settings.database_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'someone else' WHERE seq = 6"))
    engine.dispose()
    broken = run(["audit", "verify"], tmp_path)
    assert broken.returncode == 1 and "broken at entry 6" in broken.stdout
