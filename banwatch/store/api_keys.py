"""The server's API keys: made with a role, kept as the SHA-256 of the key, revoked, checked.

Invariants:
- A key is `bw_<id>_<secret>`: `id` (16 hex digits) is public and names the
  key in lists; `secret` is 32 random bytes (urlsafe base64). Only the
  SHA-256 of the whole key is stored, so the store cannot give a key back;
  a plain hash suffices because the key is random, not a chosen password.
- A revoked key keeps its row with `revoked_at` set and never authenticates
  again; revoking one twice, or one that does not exist, is `NotFoundError`.
- Roles are ordered: a viewer reads, an analyst also screens, an admin also
  manages keys (`may`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from sqlalchemy import insert, select, update

from banwatch.errors import NotFoundError
from banwatch.store.audit import append
from banwatch.store.opened import OpenedStore
from banwatch.store.tables import ApiKey

KeyRole = Literal["viewer", "analyst", "admin"]
KEY_ROLES: tuple[str, ...] = get_args(KeyRole)
PREFIX = "bw_"


def may(role: str, needed: str) -> bool:
    """Whether a key of `role` may do what needs `needed` (roles include the ones below)."""
    return KEY_ROLES.index(role) >= KEY_ROLES.index(needed)


def key_digest(key: str) -> str:
    """The SHA-256 (hex) of a whole key: what the store keeps."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh key and its public id."""
    key_id = secrets.token_hex(8)
    return key_id, f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"


class KeyInfo(BaseModel):
    """A key as listed: never the key itself."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: str
    name: str | None
    role: KeyRole
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def actor(self) -> str:
        """Who acts with this key, as decisions and the audit log name them."""
        return f"key {self.id}" + (f" ({self.name})" if self.name else "")


class KeyStore(OpenedStore):
    """The API keys in the run store's database (SQLite or PostgreSQL)."""

    def create(
        self, role: KeyRole, name: str | None = None, by: str = "unknown"
    ) -> tuple[KeyInfo, str]:
        """Make a key with `role`: its listing and the key, which is shown this once.

        The audit log records who (`by`) made it, in the same transaction.
        """
        key_id, key = new_key()
        now = self._clock()
        row = {
            "id": key_id,
            "name": name,
            "role": role,
            "digest": key_digest(key),
            "created_at": now,
        }
        with self._writer.begin() as conn:
            conn.execute(insert(ApiKey), [row])
            details = {"role": role, "name": name}
            append(conn, "key_created", by, f"key {key_id}", details, now)
        return KeyInfo(id=key_id, name=name, role=role, created_at=now), key

    def list(self) -> list[KeyInfo]:
        """Every key, revoked ones too, oldest first."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)).mappings()
            return [KeyInfo.model_validate(dict(row)) for row in rows]

    def revoke(self, key_id: str, by: str = "unknown") -> None:
        """Revoke the key with this id; NotFoundError if there is no such key in use."""
        now = self._clock()
        query = (
            update(ApiKey)
            .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        with self._writer.begin() as conn:
            if conn.execute(query).rowcount != 1:
                raise NotFoundError(f"no key in use has the id {key_id!r} (see banwatch keys list)")
            append(conn, "key_revoked", by, f"key {key_id}", {}, now)

    def authenticate(self, key: str) -> KeyInfo | None:
        """The key's listing if it is a key in use, else None."""
        query = select(ApiKey).where(
            ApiKey.digest == key_digest(key.strip()), ApiKey.revoked_at.is_(None)
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return KeyInfo.model_validate(dict(row)) if row is not None else None
