"""Watched inventories in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from banwatch.errors import NotFoundError, UsageError
from banwatch.store import RunProfile, RunStore, WatchSpec

from .store_support import meta

CAMERAS = WatchSpec(
    name="cameras",
    files=["/srv/inventory/cameras.csv"],
    profile=RunProfile(jurisdictions=["CA"], sector="business"),
    columns=["name=Vendor"],
    webhook="http://127.0.0.1:9/hook",
)


def test_a_watch_is_kept_listed_checked_and_removed(store: RunStore) -> None:
    store.add_watch(CAMERAS)
    store.add_watch(WatchSpec(name="a-first", files=["/srv/a.csv"]))
    names = [w.name for w in store.watches()]
    assert names == ["a-first", "cameras"]
    (kept,) = [w for w in store.watches() if w.name == "cameras"]
    assert WatchSpec.model_validate(kept.model_dump(include=set(WatchSpec.model_fields))) == CAMERAS
    assert (kept.checked_at, kept.checked_as_of, kept.last_run_id) == (None, None, None)
    run_id = store.begin_run(meta())
    store.finish_run(run_id, {})
    store.watch_checked("cameras", run_id, "2025-08-15")
    (checked,) = [w for w in store.watches() if w.name == "cameras"]
    assert (checked.last_run_id, checked.checked_as_of) == (run_id, "2025-08-15")
    assert checked.checked_at is not None and checked.checked_at.tzinfo is not None
    store.remove_watch("cameras")
    assert [w.name for w in store.watches()] == ["a-first"]


def test_two_watches_cannot_share_a_name(store: RunStore) -> None:
    store.add_watch(CAMERAS)
    with pytest.raises(UsageError, match="a watch named 'cameras' already exists"):
        store.add_watch(CAMERAS)
    assert len(store.watches()) == 1  # the failed insert left nothing behind


def test_removing_or_checking_an_unknown_watch_is_not_found(store: RunStore) -> None:
    with pytest.raises(NotFoundError, match="no watch is named 'nothing'"):
        store.remove_watch("nothing")
    with pytest.raises(NotFoundError):
        store.watch_checked("nothing", None, "2025-08-15")
