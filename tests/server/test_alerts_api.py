"""`/alerts`: a saved run's non-clear findings become alerts, decided by version, on both stores."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

RECORDS = [
    {"supplier": "EZVIZ Inc.", "model": "CS-C6N", "asset_id": "A-1"},
    {"supplier": "Acme Office Supplies", "asset_id": "A-2"},
]
PROFILE = {"jurisdictions": ["CA"], "as_of": "2025-08-15", "sector": "government"}


def saved_run(client: TestClient) -> tuple[str, list[dict[str, Any]]]:
    answer = client.post("/screen", json={"records": RECORDS, **PROFILE}).json()
    run_id = answer["run_id"]
    alerts: list[dict[str, Any]] = client.get("/alerts", params={"run_id": run_id}).json()["alerts"]
    return run_id, alerts


def test_each_entity_of_a_non_clear_finding_is_an_alert(client: TestClient) -> None:
    run_id, alerts = saved_run(client)
    answer = client.get(f"/runs/{run_id}").json()
    expected = [
        (f["row"], m["entity_id"], f["verdict"])
        for f in answer["findings"]
        if f["verdict"] != "clear"
        for m in f["matches"]
    ]
    assert [(a["row"], a["entity_id"], a["verdict"]) for a in alerts] == expected
    assert expected and all(a["status"] == "open" and a["version"] == 1 for a in alerts)
    assert alerts[0]["record"] == RECORDS[0]
    assert client.post("/screen", json={"records": RECORDS, "save": False}).json()["run_id"] is None


def test_a_decision_names_its_version_and_a_stale_one_is_409(client: TestClient) -> None:
    _, [alert, *_] = saved_run(client)
    url = f"/alerts/{alert['id']}/decision"
    decided = client.post(url, json={"status": "escalated", "reason": "legal", "version": 1})
    assert decided.status_code == 200, decided.text
    assert decided.json()["alert"]["version"] == 2
    assert decided.json()["alert"]["decided_by"].startswith("key ")
    stale = client.post(url, json={"status": "dismissed", "reason": "no", "version": 1})
    assert stale.status_code == 409 and stale.json()["type"] == "ConflictError"
    history = client.get(f"/alerts/{alert['id']}").json()
    assert history["alert"]["status"] == "escalated"
    assert [(d["status"], d["reason"]) for d in history["decisions"]] == [("escalated", "legal")]


def test_a_dismissed_value_stays_dismissed_when_screened_again(client: TestClient) -> None:
    _, alerts = saved_run(client)
    for alert in alerts:
        body = {"status": "dismissed", "reason": "a test unit, not deployed", "version": 1}
        assert client.post(f"/alerts/{alert['id']}/decision", json=body).status_code == 200
    _, again = saved_run(client)
    assert [a["status"] for a in again] == ["dismissed"] * len(alerts)
    assert all("dismissed before" in a["note"] for a in again)
    assert {
        a["id"] for a in client.get("/alerts", params={"status": "dismissed"}).json()["alerts"]
    } >= {a["id"] for a in again}


def test_bad_decisions(client: TestClient) -> None:
    _, [alert, *_] = saved_run(client)
    url = f"/alerts/{alert['id']}/decision"
    assert client.post(url, json={"status": "open", "reason": "x", "version": 1}).status_code == 422
    assert (
        client.post(url, json={"status": "confirmed", "reason": "", "version": 1}).status_code
        == 422
    )
    missing = client.post(
        "/alerts/999999999/decision", json={"status": "confirmed", "reason": "x", "version": 1}
    )
    assert missing.status_code == 404
