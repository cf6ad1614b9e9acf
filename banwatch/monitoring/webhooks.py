"""Signed webhook deliveries: a JSON body POSTed with its HMAC, retried with backoff, bounded.

The receiver checks `X-Banwatch-Signature: sha256=<hex>`, the HMAC-SHA256 of
the exact body bytes keyed by the shared secret (`BANWATCH_WEBHOOK_SECRET`),
before trusting anything in it. A delivery is tried `ATTEMPTS` times, waiting
`BACKOFF` seconds and doubling between tries; a 2xx answer ends it, and it
never takes much longer than `ATTEMPTS * TIMEOUT` plus the waits.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from banwatch import __version__

SIGNATURE_HEADER = "X-Banwatch-Signature"
ATTEMPTS = 4
BACKOFF = 0.5  # seconds before the second try; doubled before each next one
TIMEOUT = 5.0  # seconds one try may take


def signature(body: bytes, secret: str) -> str:
    """The header value that proves `body` came from a holder of `secret`."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(body: bytes, secret: str, header: str) -> bool:
    """Whether `header` is the signature of `body` under `secret` (compared in constant time)."""
    return hmac.compare_digest(signature(body, secret), header)


@dataclass(frozen=True)
class Delivery:
    """How a delivery ended: delivered or not, after how many tries, and the last answer."""

    url: str
    delivered: bool
    attempts: int
    status: int | None  # the last HTTP status, None when no answer came
    error: str | None

    def describe(self) -> str:
        if self.delivered:
            return f"delivered to {self.url} (HTTP {self.status}, try {self.attempts})"
        return f"not delivered to {self.url} after {self.attempts} tries: {self.error}"


def deliver(
    url: str,
    body: bytes,
    secret: str,
    *,
    attempts: int = ATTEMPTS,
    backoff: float = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """POST `body` (JSON) to `url`, signed, until a 2xx answer or `attempts` tries."""
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature(body, secret),
        "User-Agent": f"banwatch/{__version__}",
    }
    status: int | None = None
    error = "no try made"
    for attempt in range(1, attempts + 1):
        if attempt > 1:
            sleep(backoff * 2 ** (attempt - 2))
        status, error = _post(url, body, headers)
        if status is not None and 200 <= status < 300:
            return Delivery(url, True, attempt, status, None)
    return Delivery(url, False, attempts, status, error)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as e:
        return e.code, f"HTTP {e.code} {e.reason}"
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        return None, str(reason)
