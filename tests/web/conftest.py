"""The API app with the pages, loaded once per module, over a real SQLite store."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from banwatch.server.app import create_app
from banwatch.settings import settings_from

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def ready_app(home: Path) -> FastAPI:
    """The API with its pages, for a home folder of its own."""
    return create_app(settings_from({"BANWATCH_HOME": str(home)}))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(ready_app(tmp_path_factory.mktemp("home"))) as c:
        deadline = time.monotonic() + 300
        while c.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the index did not load"
            time.sleep(0.2)
        yield c
