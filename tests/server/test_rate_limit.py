"""The per-key rate limit: past it a key gets 429 in the one error shape, with `Retry-After`.

The app is the real one on a SQLite file; the limit is set low through the
settings (`BANWATCH_RATE_LIMIT`), and the bucket itself is tried on a clock
the test moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from banwatch.errors import UsageError
from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.server.rate_limit import RateLimiter
from banwatch.settings import DEFAULT_RATE_LIMIT, settings_from

from .conftest import make_keys, settings_for
from .server_support import wait_ready

LIMIT = 4


@pytest.fixture
def limited(tmp_path: Path, matcher: Matcher) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = replace(settings_for(tmp_path), rate_limit=LIMIT)
    keys = make_keys(settings)
    with TestClient(create_app(settings, load=lambda _s: matcher)) as client:
        wait_ready(client)  # /readyz needs no key, so it spends nothing
        yield client, keys


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"ApiKey {key}"}


def test_past_the_limit_a_key_gets_429_with_retry_after(
    limited: tuple[TestClient, dict[str, str]],
) -> None:
    client, keys = limited
    for _ in range(LIMIT):
        assert client.get("/catalog", headers=auth(keys["viewer"])).status_code == 200
    refused = client.get("/catalog", headers=auth(keys["viewer"]))
    assert refused.status_code == 429
    body = refused.json()
    assert body["type"] == "RateLimitedError" and body["status"] == 429
    assert set(body) == {"detail", "type", "status", "file", "row", "column", "field"}
    # A minute's allowance of 4 comes back at one request every 15 s.
    assert 1 <= int(refused.headers["Retry-After"]) <= 15
    assert keys["viewer"] not in refused.text
    # Another key has its own bucket; endpoints without a key are not limited.
    assert client.get("/catalog", headers=auth(keys["analyst"])).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_a_request_is_counted_once_whatever_its_dependencies(
    limited: tuple[TestClient, dict[str, str]],
) -> None:
    # POST /alerts/{id}/decision checks the router's viewer and the route's analyst.
    client, keys = limited
    body = {"status": "confirmed", "reason": "checked", "version": 1}
    statuses = [
        client.post("/alerts/999999999/decision", json=body, headers=auth(keys["analyst"]))
        for _ in range(LIMIT + 1)
    ]
    assert [s.status_code for s in statuses] == [404] * LIMIT + [429]


def test_a_refused_screening_is_not_saved(limited: tuple[TestClient, dict[str, str]]) -> None:
    client, keys = limited
    one = {"records": [{"supplier": "Hikvision"}], "jurisdictions": ["CA"]}
    answers = [client.post("/screen", json=one, headers=auth(keys["analyst"])) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert client.get("/runs", headers=auth(keys["analyst"])).status_code == 200  # the 4th
    assert client.post("/screen", json=one, headers=auth(keys["analyst"])).status_code == 429
    runs = client.get("/runs", headers=auth(keys["admin"])).json()["runs"]
    assert len(runs) == 3


def test_no_limit_when_zero(tmp_path: Path, matcher: Matcher) -> None:
    settings = replace(settings_for(tmp_path), rate_limit=0)
    key = make_keys(settings)["viewer"]
    with TestClient(create_app(settings, load=lambda _s: matcher)) as client:
        wait_ready(client)
        assert {client.get("/catalog", headers=auth(key)).status_code for _ in range(60)} == {200}


def test_the_bucket_refills_at_the_steady_rate() -> None:
    now = [0.0]
    bucket = RateLimiter(60, clock=lambda: now[0])  # a request a second, 60 at once
    assert all(bucket.take("k") == 0.0 for _ in range(60))
    assert bucket.take("k") == pytest.approx(1.0)
    now[0] = 0.5
    assert bucket.take("k") == pytest.approx(0.5)  # a refusal spends nothing
    now[0] = 1.0
    assert bucket.take("k") == 0.0
    assert bucket.take("k") > 0
    now[0] = 1000.0  # it refills up to a minute's allowance, never beyond
    assert sum(bucket.take("k") == 0.0 for _ in range(100)) == 60
    assert bucket.take("other") == 0.0


def test_the_setting() -> None:
    assert settings_from({}).rate_limit == DEFAULT_RATE_LIMIT
    assert settings_from({"BANWATCH_RATE_LIMIT": "0"}).rate_limit == 0
    assert settings_from({"BANWATCH_RATE_LIMIT": " 120 "}).rate_limit == 120
    for bad in ("-1", "ten", "1.5"):
        with pytest.raises(UsageError, match="BANWATCH_RATE_LIMIT"):
            settings_from({"BANWATCH_RATE_LIMIT": bad})


def test_a_session_spends_its_keys_requests_and_gets_a_page_past_the_limit(
    limited: tuple[TestClient, dict[str, str]],
) -> None:
    client, keys = limited
    browser = TestClient(client.app)  # its own cookies
    signed = browser.post("/ui/login", data={"key": keys["viewer"]}, follow_redirects=False)
    assert signed.status_code == 303  # signing in is not counted: no session yet
    assert [browser.get("/ui/measures").status_code for _ in range(LIMIT - 1)] == [200] * 3
    assert client.get("/catalog", headers=auth(keys["viewer"])).status_code == 200  # the 4th
    refused = browser.get("/ui/measures")
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("text/html")
    assert 1 <= int(refused.headers["Retry-After"]) <= 15
    assert "<h1>Too many requests</h1>" in refused.text
    assert "This key made more than 4 requests in a minute; try again in" in refused.text
    assert 'role="alert"' in refused.text and keys["viewer"] not in refused.text
    # The key's bucket is one, whether it asks through the API or through its session.
    assert client.get("/catalog", headers=auth(keys["viewer"])).status_code == 429
    # Another key's session has its own; the sign-in page and the stylesheet are not limited.
    other = TestClient(client.app)
    other.post("/ui/login", data={"key": keys["analyst"]}, follow_redirects=False)
    assert other.get("/ui/measures").status_code == 200
    assert browser.get("/ui/login").status_code == 200
    assert browser.get("/ui/static/site.css").status_code == 200
