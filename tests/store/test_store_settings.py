"""Settings: where the store lives, from a mapping of environment variables."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from banwatch.errors import UsageError
from banwatch.store import database_url

PG = "postgresql+psycopg://banwatch@db.example:5432/banwatch"
DEFAULT = "sqlite:///" + str(Path(platformdirs.user_data_dir("banwatch")) / "banwatch.db")


@pytest.mark.parametrize(
    ("env", "url"),
    [
        ({}, DEFAULT),
        ({"BANWATCH_HOME": "/srv/banwatch"}, "sqlite:////srv/banwatch/banwatch.db"),
        ({"BANWATCH_HOME": "  "}, DEFAULT),
        ({"BANWATCH_DATABASE_URL": PG}, PG),
        ({"BANWATCH_DATABASE_URL": PG, "BANWATCH_HOME": "/srv/banwatch"}, PG),
        (
            {"BANWATCH_DATABASE_URL": "", "BANWATCH_HOME": "/srv/bw"},
            "sqlite:////srv/bw/banwatch.db",
        ),
        ({"BANWATCH_DATABASE_URL": "sqlite:///:memory:"}, "sqlite:///:memory:"),
    ],
)
def test_database_url(env: dict[str, str], url: str) -> None:
    assert database_url(env) == url


def test_a_malformed_database_url_names_the_variable() -> None:
    with pytest.raises(UsageError) as caught:
        database_url({"BANWATCH_DATABASE_URL": "not a url"})
    assert caught.value.field == "BANWATCH_DATABASE_URL"
    assert "postgresql+psycopg://" in str(caught.value)
