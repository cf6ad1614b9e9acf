"""Who is asking: the API key of a request, and whether its role may use the endpoint.

A request sends `Authorization: ApiKey <key>` (the OpenSanctions convention)
or `Authorization: Bearer <key>`. No key, or an unknown or revoked one, is
401; a key whose role is below the endpoint's is 403; a key past its
per-minute limit (`BANWATCH_RATE_LIMIT`, `rate_limit.RateLimiter`) is 429 with
`Retry-After`; the pages' requests count against their session's key too
(`spend`). Keys never reach a log or an error message.

A route may stack two of these dependencies (its router's `viewer` and its
own `analyst`): the key is looked up and counted against its limit once per
request, and the listing kept on `request.state` for the second.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable

from fastapi import Request

from banwatch.store.api_keys import KeyInfo, KeyRole, may

from .errors import ForbiddenError, RateLimitedError, UnauthorizedError
from .key_cache import authenticated
from .rate_limit import RateLimiter
from .state import Loaded

SCHEMES = ("apikey", "bearer")


def presented_key(header: str | None) -> str | None:
    """The key an `Authorization` header carries, whichever scheme, or None."""
    if not header:
        return None
    scheme, _, key = header.strip().partition(" ")
    if scheme.lower() not in SCHEMES or not key.strip():
        return None
    return key.strip()


def requires(role: KeyRole) -> Callable[[Request], Awaitable[KeyInfo]]:
    """A dependency admitting keys of `role` or above; it hands on the key's listing."""

    async def check(request: Request) -> KeyInfo:  # async: no worker thread for a kept key
        info = await _caller(request)
        if not may(info.role, role):
            raise ForbiddenError(f"a {info.role} key may not do this; it needs a {role} key")
        return info

    return check


async def _caller(request: Request) -> KeyInfo:
    """The listing of the request's key, authenticated and counted once per request."""
    # `request.state`'s own dict (the ASGI scope's): a missing name there raises and catches.
    known: KeyInfo | None = request.scope.get("state", {}).get("api_key")
    if known is not None:
        return known
    key = presented_key(request.headers.get("authorization"))
    if key is None:
        raise UnauthorizedError(
            "this endpoint needs an API key: send `Authorization: ApiKey <key>` "
            "(make one with `banwatch keys create`)"
        )
    loaded: Loaded = request.app.state.loaded
    info = await authenticated(loaded.keys(), key)  # a key in use is kept a few seconds
    if info is None:
        raise UnauthorizedError("this API key is not known or was revoked")
    spend(request, info.id, info.actor)
    request.state.api_key = info
    return info


def spend(request: Request, key_id: str, who: str) -> None:
    """Count one request of the key against its per-minute limit; RateLimitedError (429) past
    it. API requests and the pages' (a session is its key's) share the key's bucket."""
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.take(key_id)
    if wait > 0:
        raise RateLimitedError(
            f"{who} made more than {limiter.per_minute} requests in a minute; "
            f"try again in {math.ceil(wait)} s",
            retry_after=math.ceil(wait),
        )
