"""Kept checks of watched inventories (`store.watch_checks`), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from banwatch.errors import NotFoundError
from banwatch.store import RunStore, WatchSpec
from banwatch.store.watch_checks import WatchChecks

from ..store.store_support import postgres_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'banwatch.db'}"
        return
    with postgres_schema() as found:
        yield found


def test_checks_come_newest_first_and_go_with_their_watch(url: str) -> None:
    with RunStore(url) as store, WatchChecks(url) as checks:
        store.add_watch(WatchSpec(name="cams", files=["/inventory.csv"]))
        first = checks.record("cams", "2025-07-01", None, None, {"error": "file gone"})
        second = checks.record("cams", "2025-08-15", None, None, {"changes": []})
        checks.delivered(second, "delivered to example.org (HTTP 204, try 1)")
        kept = checks.recent("cams")
        assert [c.id for c in kept] == [second, first]
        assert kept[0].delivery == "delivered to example.org (HTTP 204, try 1)"
        assert kept[1].report == {"error": "file gone"} and kept[1].delivery is None
        [watch] = store.watches()
        assert watch.checked_as_of is None  # a check that saved no run moves nothing
        store.remove_watch("cams")
        assert checks.recent("cams") == []
        with pytest.raises(NotFoundError, match="removed during the check"):
            checks.record("cams", "2025-09-30", None, None, {})
