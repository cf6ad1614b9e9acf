"""API keys in the store, on SQLite and PostgreSQL: made, listed, checked, revoked."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from banwatch.errors import NotFoundError
from banwatch.store.api_keys import KEY_ROLES, KeyStore, key_digest, may
from banwatch.store.engine import open_engine


def test_a_key_is_shown_once_and_kept_only_as_its_hash(db_url: str) -> None:
    with KeyStore(db_url) as keys:
        info, key = keys.create("analyst", "intake")
        assert key.startswith(f"bw_{info.id}_") and len(key) > 40
        assert keys.authenticate(key) == info
        assert keys.list() == [info]
    engine = open_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT * FROM api_keys")).mappings().one()
    engine.dispose()
    assert key not in {str(v) for v in stored.values()}
    assert stored["digest"] == key_digest(key)


def test_unknown_and_revoked_keys_do_not_authenticate(db_url: str) -> None:
    with KeyStore(db_url) as keys:
        info, key = keys.create("admin")
        other, other_key = keys.create("viewer")
        assert keys.authenticate(key + "x") is None
        assert keys.authenticate("") is None
        keys.revoke(info.id)
        assert keys.authenticate(key) is None
        assert keys.authenticate(other_key) == other
        [revoked, kept] = keys.list()
        assert revoked.id == info.id and revoked.revoked_at is not None
        assert kept.revoked_at is None
        with pytest.raises(NotFoundError):
            keys.revoke(info.id)
        with pytest.raises(NotFoundError):
            keys.revoke("0000000000000000")


def test_keys_survive_reopening(db_url: str) -> None:
    with KeyStore(db_url) as keys:
        info, key = keys.create("viewer", "dashboard")
    with KeyStore(db_url) as reopened:
        assert reopened.authenticate(key) == info


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("viewer", {"viewer"}), ("analyst", {"viewer", "analyst"}), ("admin", set(KEY_ROLES))],
)
def test_each_role_may_do_what_the_roles_below_may(role: str, allowed: set[str]) -> None:
    assert {needed for needed in KEY_ROLES if may(role, needed)} == allowed
