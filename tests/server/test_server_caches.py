"""What the server keeps between requests, and when it lets go of it.

- API keys in use (`server.key_cache`): kept `KEY_SECONDS`, so a key revoked
  elsewhere (another process, another worker) is refused at most that much
  later, while one revoked through the server is refused at once.
- The `Screening` of each profile (`server.screenings`): kept per profile,
  the least recently used dropped, and dropped whole when another index is
  put in place (`Loaded.reload`, as a registry pull does), so answers never
  come from the registry before.

The stores are real (SQLite, and PostgreSQL through the `client` fixture);
the app is the real one, its matcher the compiled test matcher.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.server import create_app
from banwatch.server.key_cache import KEY_SECONDS, CachedKeyStore
from banwatch.server.screenings import LIFETIME, Screenings
from banwatch.settings import Settings
from banwatch.store.api_keys import KeyStore

from .conftest import make_keys, settings_for
from .server_support import wait_ready

PROFILE = {"jurisdictions": ["CA"], "as_of": "2025-08-15", "sector": "government"}
HIKVISION = {"records": [{"supplier": "Hikvision"}], "save": False, **PROFILE}
QUERY = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}}


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"ApiKey {key}"}


def test_a_key_in_use_is_kept_a_few_seconds_and_a_revoke_here_ends_it_at_once(
    tmp_path: Path,
) -> None:
    url = settings_for(tmp_path).database_url
    now = [1000.0]
    with CachedKeyStore(url, monotonic=lambda: now[0]) as kept, KeyStore(url) as elsewhere:
        info, key = elsewhere.create("analyst", "kept")
        assert kept.authenticate(key) == info
        # Revoked by another process: this one is not told, and takes it until it asks again.
        elsewhere.revoke(info.id)
        now[0] += KEY_SECONDS - 0.1
        assert kept.authenticate(key) == info
        now[0] += 0.1
        assert kept.authenticate(key) is None
        # A key nobody knows is asked of the store every time: one made meanwhile works at once.
        other, other_key = elsewhere.create("viewer", "made later")
        assert kept.authenticate(other_key + "x") is None
        assert kept.authenticate(other_key) == other
        kept.revoke(other.id, "test")
        assert kept.authenticate(other_key) is None
        assert kept.remembered(other_key) is None


def test_a_key_revoked_through_the_api_is_refused_at_once_though_it_was_kept(
    client: TestClient, keys: dict[str, str]
) -> None:
    made = client.post(
        "/keys", json={"role": "viewer", "name": "kept"}, headers=auth(keys["admin"])
    )
    key, key_id = made.json()["key"], made.json()["id"]
    for _ in range(3):
        assert client.post("/match/default", json=QUERY, headers=auth(key)).status_code == 200
    assert client.delete(f"/keys/{key_id}", headers=auth(keys["admin"])).status_code == 200
    refused = client.post("/match/default", json=QUERY, headers=auth(key))
    assert refused.status_code == 401 and refused.json()["type"] == "UnauthorizedError"


def test_a_key_revoked_elsewhere_is_refused_within_the_bound(
    client: TestClient, keys: dict[str, str], settings: Settings
) -> None:
    with KeyStore(settings.database_url) as elsewhere:
        info, key = elsewhere.create("viewer", "revoked elsewhere")
        assert client.get("/catalog", headers=auth(key)).status_code == 200  # now kept
        elsewhere.revoke(info.id)
    revoked_at = time.monotonic()
    while client.get("/catalog", headers=auth(key)).status_code == 200:
        assert time.monotonic() - revoked_at < KEY_SECONDS + 1, "still taken past the bound"
        time.sleep(0.2)


def other_index(matcher: Matcher, version: str) -> Matcher:
    """The test matcher over its registry without any measure: every match is clear."""
    swapped = copy.copy(matcher)
    swapped.registry = replace(matcher.registry, measures={}, version=version)
    return swapped


def test_a_screening_is_kept_per_profile_and_dropped_for_another_index(matcher: Matcher) -> None:
    kept = Screenings(size=2)
    first, second, third = (Profile(as_of=date(2025, 8, d)) for d in (15, 16, 17))
    one = kept.kept(matcher, first, 1)
    assert kept.kept(matcher, first, 1) is one
    assert kept.kept(matcher, second, 1) is not one
    assert kept.kept(matcher, first, 1) is one  # used last: `second` is now the oldest
    kept.kept(matcher, third, 1)
    assert len(kept) == 2 and kept.kept(matcher, first, 1) is one
    swapped = other_index(matcher, "test-swapped")
    again = kept.kept(swapped, first, 1)
    assert again is not one and len(kept) == 1
    assert again.screening.registry is swapped.registry and again.screening.matcher is swapped


def test_a_kept_screening_is_made_anew_after_its_lifetime(matcher: Matcher) -> None:
    kept = Screenings()
    profile = Profile(as_of=date(2025, 8, 15))
    one = kept.kept(matcher, profile, LIFETIME - 1)
    assert kept.kept(matcher, profile, 100) is one  # still short of it when asked
    renewed = kept.kept(matcher, profile, 1)
    assert renewed is not one and renewed.screened == 1 and len(kept) == 1


@pytest.fixture
def reloadable(tmp_path: Path, matcher: Matcher) -> Iterator[tuple[TestClient, list[Matcher]]]:
    """An app whose next load (`Loaded.reload`) gives whatever the list holds then."""
    settings = settings_for(tmp_path)
    keys = make_keys(settings)
    current = [matcher]
    app = create_app(settings, load=lambda _settings: current[0])
    with TestClient(app, headers=auth(keys["analyst"])) as client:
        wait_ready(client)
        yield client, current


def screened(client: TestClient) -> tuple[str, str, Any]:
    """The registry version, Hikvision's verdict by `/screen`, its measures by `/match`."""
    answer = client.post("/screen", json=HIKVISION).json()
    matched = client.post("/match/default?as_of=2025-08-15", json=QUERY).json()
    (result, *_) = matched["responses"]["q"]["results"]
    assert matched["registry_version"] == answer["registry_version"]
    return answer["registry_version"], answer["findings"][0]["verdict"], result["measures"]


def test_after_a_reload_answers_come_from_the_new_registry(
    reloadable: tuple[TestClient, list[Matcher]], matcher: Matcher
) -> None:
    client, current = reloadable
    before = screened(client)
    assert screened(client) == before  # the second time from the kept screening, the same
    assert before[0] == matcher.registry.version and before[1] == "prohibited" and before[2]
    current[0] = other_index(matcher, "test-no-measures")
    client.app.state.loaded.reload(client.app.state.loaded.settings)  # type: ignore[attr-defined]
    assert screened(client) == ("test-no-measures", "clear", [])
