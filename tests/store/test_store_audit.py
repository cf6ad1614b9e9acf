"""The audit log on SQLite and PostgreSQL: chained, appended by what it records, tamper-evident."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from banwatch.alerts.basis import AlertSeed
from banwatch.store import RunStore
from banwatch.store.alerts import AlertStore
from banwatch.store.api_keys import KeyStore
from banwatch.store.audit import GENESIS, AuditLog
from banwatch.store.engine import open_engine

from .store_support import meta


def test_entries_chain_and_verify(db_url: str) -> None:
    with AuditLog(db_url) as log:
        assert log.verify().entries == 0 and log.verify().broken_at is None
        for n in range(3):
            assert (
                log.record("screening", "key a", f"run {n}", {"records": n, "name": "海康"})
                == n + 1
            )
        entries = list(log.entries())
        assert [e.seq for e in entries] == [1, 2, 3]
        assert entries[0].prev_hash == GENESIS
        assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
        found = log.verify()
        assert (found.entries, found.broken_at) == (3, None)


@pytest.mark.parametrize(
    ("tamper", "broken_at"),
    [
        ("UPDATE audit_log SET actor = 'key b' WHERE seq = 2", 2),
        ("UPDATE audit_log SET details = '{\"records\": 9}' WHERE seq = 1", 1),
        ("DELETE FROM audit_log WHERE seq = 2", 2),
        ("DELETE FROM audit_log WHERE seq = 1", 1),
    ],
)
def test_a_changed_or_removed_entry_breaks_the_chain(
    db_url: str, tamper: str, broken_at: int
) -> None:
    with AuditLog(db_url) as log:
        for n in range(3):
            log.record("screening", "key a", f"run {n}", {"records": n})
        engine = open_engine(db_url)
        with engine.begin() as conn:
            conn.execute(text(tamper))
        engine.dispose()
        assert log.verify().broken_at == broken_at


def test_decisions_and_key_changes_are_entries(db_url: str) -> None:
    with RunStore(db_url) as store:
        run_id = store.begin_run(meta())
        store.finish_run(run_id, {"prohibited": 1})
    with KeyStore(db_url) as keys:
        info, _ = keys.create("analyst", "intake", by="cli ana")
        keys.revoke(info.id, by="cli ana")
    with AlertStore(db_url) as alerts:
        seed = AlertSeed(
            0, {"supplier": "Hikvision"}, "v" * 64, "hikvision", "prohibited", "b" * 64
        )
        alerts.open_for_run(run_id, [seed])
        [alert] = alerts.alerts()
        alerts.decide(alert.id, "confirmed", "ours", 1, "key x")
    with AuditLog(db_url) as log:
        assert [(e.kind, e.actor, e.subject) for e in log.entries()] == [
            ("key_created", "cli ana", f"key {info.id}"),
            ("key_revoked", "cli ana", f"key {info.id}"),
            ("decision", "key x", f"alert {alert.id}"),
        ]
        assert log.verify().broken_at is None
