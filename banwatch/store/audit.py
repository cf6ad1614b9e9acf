"""The audit log: an append-only, hash-chained record of what changes what banwatch says.

Kinds of entry: `screening` (a saved run), `decision`, `key_created`,
`key_revoked`, `import` and `source_removed` (the registry's imported
sources), `registry_pull` and `registry_rollback` (the release in use),
`job_cancelled` (an upload job cancelled before its run was saved).

Invariants:
- Entries are numbered from 1 without gaps (`seq`); each carries the hash of
  the one before it (`prev_hash`, 64 zeros for the first) and its own hash,
  the SHA-256 of `prev_hash` and its fields as canonical JSON. Changing,
  removing or reordering any entry breaks the chain at that entry, which
  `verify` names.
- Appending takes the store's write lock (SQLite) or a transaction-scoped
  advisory lock (PostgreSQL), so two writers never chain to the same entry;
  an entry is written in the transaction of what it records, when it can be.
- Nothing here updates or deletes an entry.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, func, insert, select, text

from banwatch.store.opened import OpenedStore
from banwatch.store.tables import AuditEntry

GENESIS = "0" * 64
_LOCK_KEY = 0x62616E7761756474  # "banwaudt": one advisory lock for the audit chain


class Entry(BaseModel):
    """One audit entry as read."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    seq: int
    at: datetime
    kind: str
    actor: str
    subject: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


def entry_hash(
    prev_hash: str, seq: int, at: datetime, kind: str, actor: str, subject: str, details: Any
) -> str:
    """The SHA-256 (hex) chaining an entry to the one before it."""
    fields = [seq, at.isoformat(), kind, actor, subject, details]
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def append(
    conn: Connection, kind: str, actor: str, subject: str, details: dict[str, Any], at: datetime
) -> int:
    """Append an entry in the caller's write transaction; return its number."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    last = conn.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last is not None else (1, GENESIS)
    digest = entry_hash(prev, seq, at, kind, actor, subject, details)
    row = {
        "seq": seq,
        "at": at,
        "kind": kind,
        "actor": actor,
        "subject": subject,
        "details": details,
        "prev_hash": prev,
        "hash": digest,
    }
    conn.execute(insert(AuditEntry), [row])
    return seq


def cli_actor() -> str:
    """Who acts from the command line, as decisions and the audit log name them."""
    return f"cli {getpass.getuser()}"


def record_once(url: str, kind: str, actor: str, subject: str, details: dict[str, Any]) -> int:
    """Append one entry to the audit log of the store at `url`, opening it for this alone."""
    with AuditLog(url) as log:
        return log.record(kind, actor, subject, details)


@dataclass(frozen=True)
class Verified:
    """What `verify` found: the entries intact from the first, and the first that is not."""

    entries: int
    broken_at: int | None = None
    why: str | None = None


class AuditLog(OpenedStore):
    """The audit log in the run store's database (SQLite or PostgreSQL)."""

    def record(self, kind: str, actor: str, subject: str, details: dict[str, Any]) -> int:
        """Append one entry in its own transaction; return its number."""
        with self._writer.begin() as conn:
            return append(conn, kind, actor, subject, details, self._clock())

    def entries(self) -> Iterator[Entry]:
        """Every entry, in order."""
        with self._engine.connect() as conn:
            for row in conn.execute(select(AuditEntry).order_by(AuditEntry.seq)).mappings():
                yield Entry.model_validate(dict(row))

    def count(self) -> int:
        """How many entries there are."""
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one())

    def verify(self) -> Verified:
        """Check the chain from the first entry; name the first entry that breaks it."""
        prev, n = GENESIS, 0
        for n, e in enumerate(self.entries(), start=1):
            if e.seq != n:
                return Verified(n - 1, n, f"it is missing (entry {e.seq} follows entry {n - 1})")
            if e.prev_hash != prev:
                return Verified(n - 1, n, "it does not carry the hash of the entry before it")
            if e.hash != entry_hash(prev, e.seq, e.at, e.kind, e.actor, e.subject, e.details):
                return Verified(n - 1, n, "its contents do not match its hash")
            prev = e.hash
        return Verified(n)
