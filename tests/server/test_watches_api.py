"""`GET /watches` and `GET /watches/{name}/changes`: watched inventories and their kept checks.

Checks are made by the same code `banwatch watch check` runs
(`monitoring.checking`), on the Hikvision Canada order for a business: in
force on 2025-07-01, suspended by agreement on 2025-07-07, so the check of
2025-08-15 finds the suspension.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from banwatch.matching.matcher import Matcher
from banwatch.monitoring.checking import NO_SECRET, check_every_watch, send_webhooks
from banwatch.settings import Settings
from banwatch.store import RunProfile, RunStore, WatchSpec
from banwatch.store.audit import AuditLog
from banwatch.store.watch_checks import WatchChecks

# A webhook whose path and query carry a token: the API must show only its host.
WEBHOOK = "https://hooks.example.invalid:8443/services/T0KEN-IN-PATH?sig=QUERY-SECRET"


@pytest.fixture(scope="module")
def checked(settings: Settings, matcher: Matcher, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A watch checked on two dates (no webhook secret: nothing is sent); its name."""
    folder = tmp_path_factory.mktemp("inventory")
    path = folder / "cameras.csv"
    path.write_text("Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis,P3265-LVE\n")
    spec = WatchSpec(
        name="cameras",
        files=[str(Path(path).resolve())],
        profile=RunProfile(jurisdictions=["CA"], sector="business"),
        webhook=WEBHOOK,
    )
    url = settings.database_url
    with RunStore(url) as store, WatchChecks(url) as checks, AuditLog(url) as audit:
        store.add_watch(spec)
        for day in (date(2025, 7, 1), date(2025, 8, 15)):
            done = check_every_watch(matcher, store, checks, day, (audit, "test"))
            send_webhooks(done, None, checks, audit, "test")
    return spec.name


def test_watches_lists_each_watch_with_its_webhook_host_only(
    client: TestClient, checked: str
) -> None:
    answer = client.get("/watches")
    assert answer.status_code == 200, answer.text
    [watch] = [w for w in answer.json()["watches"] if w["name"] == checked]
    assert watch["webhook_host"] == "hooks.example.invalid:8443"
    assert watch["profile"]["jurisdictions"] == ["CA"]
    assert watch["checked_as_of"] == "2025-08-15"
    assert watch["last_check"]["as_of"] == "2025-08-15"
    assert watch["last_check"]["run_id"] == watch["last_run_id"]
    assert watch["last_check"]["delivery"] == NO_SECRET
    assert watch["last_check"]["changed"] and watch["last_check"]["changes"] >= 1  # counted
    for secret in ("T0KEN-IN-PATH", "QUERY-SECRET", "services"):
        assert secret not in answer.text
    assert answer.json()["schedule"]["watch_every"] is None  # no period given to this server


def test_changes_come_newest_first_with_what_each_check_found(
    client: TestClient, checked: str
) -> None:
    answer = client.get(f"/watches/{checked}/changes")
    assert answer.status_code == 200, answer.text
    newest, first = answer.json()["checks"]
    assert (newest["as_of"], first["as_of"]) == ("2025-08-15", "2025-07-01")
    assert first["previous_run_id"] is None and not first["changed"]
    assert newest["previous_run_id"] == first["run_id"]
    assert newest["changed"]
    assert any(e["date"] == "2025-07-07" for e in newest["events"])
    [row] = [c for c in newest["changes"] if c["record"]["Supplier"] == "Hikvision"]
    order = "ca-ica-hikvision-canada-2025"
    moved = {(m["measure_id"], m["status_a"], m["status_b"]) for m in row["measures"]}
    assert (order, "in_force", "suspended") in moved, moved
    assert sum(newest["verdicts"].values()) == 2
    assert "T0KEN-IN-PATH" not in answer.text
    limited = client.get(f"/watches/{checked}/changes", params={"limit": 1}).json()
    assert [c["as_of"] for c in limited["checks"]] == ["2025-08-15"]


@pytest.mark.parametrize(
    ("path", "status"),
    [("/watches/nobody/changes", 404), ("/watches/cameras/changes?limit=0", 422)],
)
def test_an_unknown_watch_or_a_bad_limit_is_refused(
    client: TestClient, checked: str, path: str, status: int
) -> None:
    del checked
    answer = client.get(path)
    assert answer.status_code == status
    assert answer.json()["status"] == status


@pytest.mark.parametrize(("who", "status"), [("viewer", 200), ("revoked", 401), (None, 401)])
def test_viewers_and_up_may_read_watches(
    client: TestClient, keys: dict[str, str], checked: str, who: str | None, status: int
) -> None:
    headers = {"Authorization": f"ApiKey {keys[who]}"} if who else {"Authorization": ""}
    for path in ("/watches", f"/watches/{checked}/changes"):
        assert client.get(path, headers=headers).status_code == status
