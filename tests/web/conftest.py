"""The API app with its pages, loaded once per module over a real SQLite store, and a browser-like
client signed in with an analyst's key."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from banwatch.server.app import create_app
from banwatch.settings import Settings, settings_from
from banwatch.store.api_keys import KeyRole, KeyStore

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def ready_app(home: Path) -> FastAPI:
    """The API with its pages, for a home folder of its own."""
    return create_app(settings_from({"BANWATCH_HOME": str(home)}))


def new_key(settings: Settings, role: KeyRole) -> tuple[str, str]:
    """A new API key of `role`: its id and the key."""
    with KeyStore(settings.database_url) as keys:
        info, key = keys.create(role, f"{role} for the tests")
    return info.id, key


def sign_in(client: TestClient, key: str) -> None:
    sent = client.post("/ui/login", data={"key": key, "next": "/ui/"}, follow_redirects=False)
    assert sent.status_code == 303, sent.text


def csrf_of(page: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


@dataclass
class Site:
    app: FastAPI
    settings: Settings
    client: TestClient  # signed in as an analyst


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    app = ready_app(tmp_path_factory.mktemp("home"))
    with TestClient(app) as client:
        deadline = time.monotonic() + 300
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the index did not load"
            time.sleep(0.2)
        settings: Settings = app.state.loaded.settings
        sign_in(client, new_key(settings, "analyst")[1])
        yield Site(app, settings, client)


@pytest.fixture(scope="module")
def client(site: Site) -> TestClient:
    return site.client
