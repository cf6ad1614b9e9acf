"""`banwatch serve` killed (SIGKILL) while analysts decide alerts: every decision it
acknowledged (200) is in the store after the kill, with its history and audit entry, none is
half-written, and the audit chain verifies. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time

import httpx

from banwatch.settings import Settings
from banwatch.store.alerts import AlertStore
from banwatch.store.audit import AuditLog

from .conftest import make_keys
from .server_support import PATIENCE, free_port
from .test_jobs_restart import serving

RECORDS = [{"supplier": "Hikvision", "asset_id": f"CAM-{n}"} for n in range(300)]


def decide_until_killed(base: str, headers: dict[str, str], ids: list[int]) -> list[int]:
    """Decide the alerts one after another from four threads; the ids acknowledged (200)."""
    acknowledged: list[int] = []
    lock = threading.Lock()

    def work(mine: list[int]) -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=PATIENCE) as http:
            for alert_id in mine:
                body = {"status": "dismissed", "reason": f"checked {alert_id}", "version": 1}
                try:
                    answer = http.post(f"/alerts/{alert_id}/decision", json=body)
                except httpx.TransportError:
                    return  # the server is gone
                if answer.status_code == 200:
                    with lock:
                        acknowledged.append(alert_id)

    threads = [threading.Thread(target=work, args=(ids[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(4 * PATIENCE)
    return acknowledged


def test_acknowledged_decisions_survive_a_kill(settings: Settings) -> None:
    key = make_keys(settings)["analyst"]
    headers = {"Authorization": f"ApiKey {key}"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with serving(settings, port) as server:
        body = {"records": RECORDS, "jurisdictions": ["CA"], "as_of": "2025-08-15"}
        run_id = httpx.post(f"{base}/screen", json=body, headers=headers, timeout=60).json()
        query = {"run_id": run_id["run_id"], "limit": 5000}
        alerts = httpx.get(f"{base}/alerts", params=query, headers=headers).json()["alerts"]
        ids = [a["id"] for a in alerts]
        assert len(ids) >= len(RECORDS)

        def kill_when_some_are_decided() -> None:
            with AlertStore(settings.database_url) as store:
                deadline = time.monotonic() + 4 * PATIENCE
                while len(store.alerts("dismissed", run_id["run_id"], 5000)) < 40:
                    assert time.monotonic() < deadline, "no decision was taken"
                    time.sleep(0.01)
            server.kill()  # SIGKILL: no shutdown, decisions in flight

        killer = threading.Thread(target=kill_when_some_are_decided)
        killer.start()
        acknowledged = decide_until_killed(base, headers, ids)
        killer.join(PATIENCE)
        assert server.wait(PATIENCE) != 0

    # Some decisions were acknowledged before the kill, and it came before the last.
    assert acknowledged and len(acknowledged) < len(ids)
    with AlertStore(settings.database_url) as store:
        decided = {a.id: a for a in store.alerts("dismissed", run_id["run_id"], 5000)}
        assert set(acknowledged) <= set(decided)  # nothing acknowledged is lost
        assert len(decided) < len(ids)
        for alert_id, alert in decided.items():  # and nothing is half-written
            _, history = store.get(alert_id)
            assert [(d.status, d.reason, d.version) for d in history] == [
                ("dismissed", f"checked {alert_id}", 2)
            ]
            assert alert.version == 2
    with AuditLog(settings.database_url) as log:
        assert log.verify().broken_at is None
        audited = [e.subject for e in log.entries() if e.kind == "decision"]
    assert sorted(audited) == sorted(f"alert {i}" for i in decided)
