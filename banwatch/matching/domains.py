"""Web addresses: reduce a URL or host to the domain it belongs to (pure)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_HOST = re.compile(
    r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
)


def host_of(text: str) -> str | None:
    """The lower-case host of a URL or bare host name, without `www.`; None if there is none."""
    s = text.strip().lower()
    if not s or " " in s:
        return None
    if "://" not in s:
        s = "//" + s
    try:
        host = urlsplit(s).hostname or ""
    except ValueError:
        return None
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host if _HOST.match(host) else None


def domain_candidates(host: str) -> list[str]:
    """The host and each parent domain, longest first: a.b.hikvision.com -> ..., hikvision.com."""
    parts = host.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]
