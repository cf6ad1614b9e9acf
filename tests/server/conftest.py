"""Fixtures: the real app over the real matcher, on a SQLite file and on a PostgreSQL schema.

The matcher is compiled once per module (`tests/conftest.py`) and handed to
the app as what it loads, so each app is ready in moments; everything else
(store, routes, readers, writers) is the server's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import Settings, settings_from
from banwatch.store.api_keys import KeyRole, KeyStore

from ..store.store_support import postgres_schema
from .server_support import wait_ready

BACKENDS = ["sqlite", "postgresql"]
KEY_ROLES_TYPED: tuple[KeyRole, ...] = ("viewer", "analyst", "admin")


def settings_for(home: Path, database_url: str | None = None) -> Settings:
    env = {"BANWATCH_HOME": str(home)}
    if database_url is not None:
        env["BANWATCH_DATABASE_URL"] = database_url
    return settings_from(env)


@pytest.fixture(scope="module", params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    """Settings with a fresh home, the store a SQLite file in it or a fresh PostgreSQL schema."""
    home = tmp_path_factory.mktemp("home")
    if request.param == "sqlite":
        yield settings_for(home)
        return
    with postgres_schema() as url:
        yield settings_for(home, url)


def make_keys(settings: Settings) -> dict[str, str]:
    """A key of every role in the settings' store, and one revoked, by role (and "revoked")."""
    with KeyStore(settings.database_url) as store:
        keys = {role: store.create(role, f"test {role}")[1] for role in KEY_ROLES_TYPED}
        info, keys["revoked"] = store.create("admin", "test revoked")
        store.revoke(info.id)
    return keys


@pytest.fixture(scope="module")
def keys(settings: Settings) -> dict[str, str]:
    """The keys of `make_keys` in the module's store."""
    return make_keys(settings)


@pytest.fixture(scope="module")
def client(settings: Settings, matcher: Matcher, keys: dict[str, str]) -> Iterator[TestClient]:
    """A client of the app on `settings`, its matcher loaded, sending an analyst's key."""
    app = create_app(settings, load=lambda _settings: matcher)
    with TestClient(app, headers={"Authorization": f"ApiKey {keys['analyst']}"}) as opened:
        wait_ready(opened)
        yield opened
