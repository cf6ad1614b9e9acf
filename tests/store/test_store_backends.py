"""The PostgreSQL cases skip on a laptop without PostgreSQL, and fail in CI."""

from __future__ import annotations

import pytest

from .store_support import postgres_schema, unavailable


@pytest.mark.parametrize(
    ("env", "outcome"),
    [
        ({"CI": "true"}, pytest.fail.Exception),
        ({"CI": "1"}, pytest.fail.Exception),
        ({}, pytest.skip.Exception),
        ({"CI": ""}, pytest.skip.Exception),
    ],
)
def test_missing_postgres_fails_only_in_ci(
    env: dict[str, str], outcome: type[BaseException]
) -> None:
    with pytest.raises(outcome, match="unreachable"):
        unavailable("PostgreSQL at 127.0.0.1:1 is unreachable", env)


def test_an_unreachable_server_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with (
        pytest.raises(pytest.skip.Exception, match="unreachable"),
        postgres_schema("postgresql+psycopg://postgres@127.0.0.1:1/test"),
    ):
        pass
