"""A token bucket per API key: how many requests a key may make per minute (through the API,
or through the pages of a session signed in with it: `auth.spend`).

Invariants:
- A key's bucket holds up to `per_minute` requests and refills at
  `per_minute / 60` a second, so a key may spend a whole minute's allowance at
  once and then goes on at the steady rate; `per_minute == 0` turns limiting off.
- Buckets live in this process: with `banwatch serve --workers N` each worker
  keeps its own, so a key may make up to N times the limit. Only keys that
  authenticated get a bucket, so there are at most as many as keys in the store.
- `take` is atomic (one lock), so threads of one worker never both spend the
  last request of a bucket.

`limits` (what `slowapi` builds on) was weighed: it offers fixed and moving
windows, not buckets, and `slowapi` answers with its own error shape from a
decorator on each route; a bucket in the auth dependency is a dozen lines.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float  # requests the key may still make now
    at: float  # when `tokens` was last brought up to date (the clock's seconds)


class RateLimiter:
    """Per-key token buckets of `per_minute` requests, on a monotonic clock."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._rate = per_minute / 60.0  # requests regained a second
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def take(self, key_id: str) -> float:
        """Spend one request of the key's bucket: 0.0 when it may go ahead, else how many
        seconds until one is regained (nothing is spent then)."""
        if self.per_minute <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key_id)
            if bucket is None:
                bucket = self._buckets[key_id] = _Bucket(float(self.per_minute), now)
            bucket.tokens = min(self.per_minute, bucket.tokens + (now - bucket.at) * self._rate)
            bucket.at = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self._rate
