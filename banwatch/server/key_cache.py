"""The server's API keys, with each key in use remembered for a few seconds.

Checking a key in the store costs a database round trip, more than the
rest of a small screening; a server answering hundreds of requests a
second from a handful of keys asks the same question again and again.

Invariants:
- Only a key that authenticated is remembered, for `KEY_SECONDS` from when
  the store said so; an unknown key is asked of the store every time, so a
  key made a moment ago (by `banwatch keys create`, another worker, `POST
  /keys`) works at once.
- A key revoked through this store (`DELETE /keys/{id}` in this process) is
  forgotten in the same call, before the revoke returns: its next request is
  401. A key revoked elsewhere (`banwatch keys revoke`, another worker of
  `banwatch serve --workers N`, another server on the same database) is
  refused at most `KEY_SECONDS` later, when its listing is asked again.
- Keys are remembered by their SHA-256, never as given, and at most
  `KEY_ENTRIES` of them (the oldest are forgotten first).
- `remembered` is a lookup in memory, safe on the event loop; `authenticate`
  may ask the database and belongs on a worker thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from starlette.concurrency import run_in_threadpool

from banwatch.store.api_keys import KeyInfo, KeyStore, key_digest
from banwatch.store.runs import utc_now

KEY_SECONDS = 5.0
"""How long a key that authenticated is taken as still in use without asking the store."""
KEY_ENTRIES = 4096
"""The most keys remembered at once."""


class CachedKeyStore(KeyStore):
    """A `KeyStore` that remembers the keys in use it was asked about for `KEY_SECONDS`."""

    def __init__(
        self,
        url: str,
        *,
        clock: Callable[[], datetime] = utc_now,
        seconds: float = KEY_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(url, clock=clock)
        self._seconds = seconds
        self._monotonic = monotonic
        self._known: dict[str, tuple[KeyInfo, float]] = {}  # digest: (listing, good until)
        self._lock = threading.Lock()
        self._revokes = 0  # keys forgotten here: a listing read across one is not kept

    def remembered(self, key: str) -> KeyInfo | None:
        """The key's listing if it authenticated less than `KEY_SECONDS` ago, else None."""
        got = self._known.get(key_digest(key.strip()))
        if got is None or got[1] <= self._monotonic():
            return None
        return got[0]

    def authenticate(self, key: str) -> KeyInfo | None:
        """The listing of a key in use (remembered, or asked of the store), else None."""
        known = self.remembered(key)
        if known is not None:
            return known
        asked_at, revokes = self._monotonic(), self._revokes
        info = super().authenticate(key)
        if info is not None:
            with self._lock:
                if revokes != self._revokes:  # the listing may predate a revoke: not kept
                    return info
                if len(self._known) >= KEY_ENTRIES:
                    del self._known[next(iter(self._known))]
                self._known[key_digest(key.strip())] = (info, asked_at + self._seconds)
        return info

    def revoke(self, key_id: str, by: str = "unknown") -> None:
        """Revoke the key with this id and forget it here at once (see `KeyStore.revoke`)."""
        # Counted before and after: a listing read while the revoke was under way is not kept.
        self.forget(key_id)
        try:
            super().revoke(key_id, by)
        finally:
            self.forget(key_id)

    def forget(self, key_id: str) -> None:
        """Forget the key with this id, if it is remembered."""
        with self._lock:
            self._revokes += 1
            for digest in [d for d, (info, _) in self._known.items() if info.id == key_id]:
                del self._known[digest]


async def authenticated(store: KeyStore, key: str) -> KeyInfo | None:
    """The listing of a key in use, or None: from memory when it is there (no thread, no
    database), else asked of the store on a worker thread, off the event loop."""
    if isinstance(store, CachedKeyStore):
        known = store.remembered(key)
        if known is not None:
            return known
    return await run_in_threadpool(store.authenticate, key)
