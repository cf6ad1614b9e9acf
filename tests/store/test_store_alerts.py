"""Alerts in the store, on SQLite and PostgreSQL: opened, decided by version, dismissals kept."""

from __future__ import annotations

import pytest

from banwatch.alerts.basis import AlertSeed, value_digest
from banwatch.errors import NotFoundError
from banwatch.store import RunStore
from banwatch.store.alerts import AlertStore, ConflictError

from .store_support import meta

RECORD = {"supplier": "Hikvision", "site": "lobby"}


def seed(basis: str = "b" * 64, entity: str = "hikvision", row: int = 0) -> AlertSeed:
    return AlertSeed(row, RECORD, value_digest(RECORD), entity, "prohibited", basis)


def saved_run(db_url: str) -> str:
    with RunStore(db_url) as store:
        run_id = store.begin_run(meta())
        store.finish_run(run_id, {"prohibited": 1})
    return run_id


def test_alerts_open_and_list(db_url: str) -> None:
    run_id = saved_run(db_url)
    with AlertStore(db_url) as alerts:
        assert alerts.open_for_run(run_id, [seed(), seed(entity="ezviz", row=1)]) == 2
        listed = alerts.alerts()
        assert [(a.row, a.entity_id, a.status, a.version) for a in listed] == [
            (0, "hikvision", "open", 1),
            (1, "ezviz", "open", 1),
        ]
        assert listed[0].record == RECORD and listed[0].run_id == run_id
        assert alerts.alerts(status="dismissed") == []
        assert len(alerts.alerts(run_id=run_id)) == 2


def test_a_stale_version_is_a_conflict_and_nothing_is_lost(db_url: str) -> None:
    run_id = saved_run(db_url)
    with AlertStore(db_url) as alerts:
        alerts.open_for_run(run_id, [seed()])
        [alert] = alerts.alerts()
        first = alerts.decide(alert.id, "escalated", "needs legal", 1, "key a")
        assert (first.status, first.version, first.decided_by) == ("escalated", 2, "key a")
        with pytest.raises(ConflictError):
            alerts.decide(alert.id, "dismissed", "looks fine", 1, "key b")
        second = alerts.decide(alert.id, "confirmed", "legal agrees", 2, "key c")
        assert second.version == 3
        now, history = alerts.get(alert.id)
        assert now == second
        assert [(d.status, d.version, d.decided_by) for d in history] == [
            ("escalated", 2, "key a"),
            ("confirmed", 3, "key c"),
        ]
        with pytest.raises(NotFoundError):
            alerts.decide(alert.id + 100, "confirmed", "x", 1, "key a")


@pytest.mark.parametrize(
    ("basis", "status", "note"),
    [("b" * 64, "dismissed", "dismissed before"), ("c" * 64, "open", "re-opened")],
)
def test_a_dismissal_holds_until_its_basis_changes(
    db_url: str, basis: str, status: str, note: str
) -> None:
    with AlertStore(db_url) as alerts:
        alerts.open_for_run(saved_run(db_url), [seed()])
        [first] = alerts.alerts()
        alerts.decide(first.id, "dismissed", "a lobby sign, not a camera", 1, "key a")
        alerts.open_for_run(saved_run(db_url), [seed(basis=basis)])
        again = alerts.alerts()[-1]
        assert again.status == status
        assert again.note is not None and note in again.note and str(first.id) in again.note


def test_a_dismissal_taken_back_is_forgotten(db_url: str) -> None:
    with AlertStore(db_url) as alerts:
        alerts.open_for_run(saved_run(db_url), [seed()])
        [first] = alerts.alerts()
        alerts.decide(first.id, "dismissed", "not ours", 1, "key a")
        alerts.decide(first.id, "confirmed", "it is ours after all", 2, "key b")
        alerts.open_for_run(saved_run(db_url), [seed()])
        assert alerts.alerts()[-1].status == "open"
