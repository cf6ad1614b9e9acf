"""Fixtures: every store test runs against SQLite (a file) and PostgreSQL (a schema)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from banwatch.store import RunStore, database_url

from .store_support import postgres_schema

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file in a not-yet-existing directory, or a fresh PG schema."""
    if request.param == "sqlite":
        yield database_url({"BANWATCH_HOME": str(tmp_path / "home" / "banwatch")})
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[RunStore]:
    """A run store opened on `db_url`, closed afterwards."""
    with RunStore(db_url) as opened:
        yield opened


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL schema only, for cases about PostgreSQL itself."""
    with postgres_schema() as url:
        yield url
