"""Requests at once on real uvicorn servers: answers equal the same requests one at a time,
and two decisions on one alert at the same moment give one 200 and one 409.

Decisions race from real threads behind a barrier, so they reach the store together, on
SQLite and on PostgreSQL, on one server or on two (two app instances) sharing one
PostgreSQL database: never a 500, never two decisions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import Settings

from ..store.store_support import postgres_schema
from .conftest import make_keys, settings_for
from .server_support import PATIENCE, served

NAMES = ["Hikvision", "EZVIZ", "Dahua Technology", "Huawei", "Acme Office Supplies", "ZTE"]


def test_concurrent_answers_equal_sequential_ones(tmp_path: Path, matcher: Matcher) -> None:
    settings = settings_for(tmp_path)
    auth = {"Authorization": f"ApiKey {make_keys(settings)['analyst']}"}
    with (
        served(create_app(settings, load=lambda _s: matcher)) as base,
        httpx.Client(base_url=base, headers=auth, timeout=PATIENCE) as client,
    ):
        deadline = time.monotonic() + PATIENCE
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.02)

        def ask(name: str) -> tuple[Any, Any]:
            screened = client.post(
                "/screen", json={"records": [{"supplier": name}], "save": False}
            ).json()
            query = {"q": {"schema": "Company", "properties": {"name": [name]}}}
            matched = client.post("/match/default", json={"queries": query}).json()
            return screened["findings"], matched["responses"]

        alone = {name: ask(name) for name in NAMES}
        asked = NAMES * 8
        with ThreadPoolExecutor(max_workers=16) as pool:
            together = list(pool.map(ask, asked))
    assert together == [alone[name] for name in asked]


RECORDS = [{"supplier": "EZVIZ Inc.", "model": "CS-C6N", "asset_id": f"A-{n}"} for n in range(8)]
PROFILE = {"jurisdictions": ["CA"], "as_of": "2025-08-15", "sector": "government"}


@contextmanager
def store_settings(backend: str, home: Path) -> Iterator[Settings]:
    if backend == "sqlite":
        yield settings_for(home)
        return
    with postgres_schema() as url:
        yield settings_for(home, url)


@contextmanager
def servers(settings: Settings, matcher: Matcher, count: int, key: str) -> Iterator[list[Any]]:
    """`count` app instances on the same store, each on its own uvicorn; a client for each."""
    with ExitStack() as stack:
        clients = []
        for _ in range(count):
            base = stack.enter_context(served(create_app(settings, load=lambda _s: matcher)))
            client = httpx.Client(
                base_url=base, headers={"Authorization": f"ApiKey {key}"}, timeout=PATIENCE
            )
            stack.callback(client.close)
            deadline = time.monotonic() + PATIENCE
            while client.get("/readyz").status_code != 200:
                assert time.monotonic() < deadline, "server not ready"
                time.sleep(0.02)
            clients.append(client)
        yield clients


def race(clients: list[httpx.Client], posts: list[tuple[str, dict[str, Any]]]) -> list[int]:
    """Each (url, body) POSTed from its own thread, through the clients in turn, all released
    at once; their statuses."""
    gate = threading.Barrier(len(posts))
    statuses: list[int] = [0] * len(posts)

    def send(i: int) -> None:
        url, body = posts[i]
        gate.wait()
        statuses[i] = clients[i % len(clients)].post(url, json=body).status_code

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PATIENCE)
    return statuses


def opened_alerts(client: httpx.Client) -> list[dict[str, Any]]:
    run_id = client.post("/screen", json={"records": RECORDS, **PROFILE}).json()["run_id"]
    found: list[dict[str, Any]] = client.get("/alerts", params={"run_id": run_id}).json()["alerts"]
    assert len(found) >= len(RECORDS)
    return found


def check_one_wins(clients: list[httpx.Client], contenders: int = 2) -> None:
    """On each alert, `contenders` decisions naming version 1 at once: one 200, the rest 409,
    and the alert's history holds the winner alone."""
    statuses = ["confirmed", "dismissed", "escalated"]
    for alert in opened_alerts(clients[0]):
        url = f"/alerts/{alert['id']}/decision"
        posts = [
            (url, {"status": statuses[i % 3], "reason": f"analyst {i}", "version": 1})
            for i in range(contenders)
        ]
        assert sorted(race(clients, posts)) == [200] + [409] * (contenders - 1)
        history = clients[-1].get(f"/alerts/{alert['id']}").json()
        assert len(history["decisions"]) == 1
        assert history["alert"]["version"] == 2
        assert history["alert"]["status"] == history["decisions"][0]["status"]
        assert history["alert"]["reason"] == history["decisions"][0]["reason"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_decisions_at_once_on_one_server(
    backend: str, tmp_path: Path, matcher: Matcher
) -> None:
    with store_settings(backend, tmp_path) as settings:
        key = make_keys(settings)["analyst"]
        with servers(settings, matcher, 1, key) as clients:
            check_one_wins(clients)


def test_two_decisions_at_once_on_two_servers_sharing_postgresql(
    tmp_path: Path, matcher: Matcher
) -> None:
    with store_settings("postgresql", tmp_path) as settings:
        key = make_keys(settings)["analyst"]
        with servers(settings, matcher, 2, key) as clients:
            check_one_wins(clients)
            check_one_wins(clients, contenders=6)  # three on each server


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_dismissing_the_same_value_on_two_alerts_at_once(
    backend: str, tmp_path: Path, matcher: Matcher
) -> None:
    # Two runs of the same records: their alerts share (value, entity), so both dismissals
    # remember the same pair at the same moment (this was a 500 on PostgreSQL: the second
    # insert of the pair failed on its key). Both decisions stand; one dismissal is kept.
    with store_settings(backend, tmp_path) as settings:
        key = make_keys(settings)["analyst"]
        with servers(settings, matcher, 2 if backend == "postgresql" else 1, key) as clients:
            first, second = opened_alerts(clients[0]), opened_alerts(clients[0])
            for a, b in zip(first, second, strict=True):
                body = {"status": "dismissed", "reason": "not deployed", "version": 1}
                posts = [
                    (f"/alerts/{a['id']}/decision", body),
                    (f"/alerts/{b['id']}/decision", body),
                ]
                assert race(clients, posts) == [200, 200]
            again = opened_alerts(clients[0])
            assert {a["status"] for a in again} == {"dismissed"}
