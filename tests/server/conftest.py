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

from ..store.store_support import postgres_schema
from .server_support import wait_ready

BACKENDS = ["sqlite", "postgresql"]


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


@pytest.fixture(scope="module")
def client(settings: Settings, matcher: Matcher) -> Iterator[TestClient]:
    """A client of the app on `settings`, its matcher loaded."""
    app = create_app(settings, load=lambda _settings: matcher)
    with TestClient(app) as opened:
        wait_ready(opened)
        yield opened
