"""`banwatch keys create|list|revoke` as library functions: the server's API keys.

`create` writes only the new key on its output (so it can be captured), and
the line saying what it is on standard error; nothing else ever shows a key.
"""

from __future__ import annotations

import json
from typing import IO

from banwatch.settings import Settings
from banwatch.store.api_keys import KeyRole, KeyStore


def create_key(
    settings: Settings, role: KeyRole, name: str | None, by: str, out: IO[str], err: IO[str]
) -> None:
    """Make an API key with `role`; print the key on `out`, once, and what it is on `err`."""
    with KeyStore(settings.database_url) as keys:
        info, key = keys.create(role, name, by)
    named = f" ({name})" if name else ""
    err.write(f"banwatch: made {role} key {info.id}{named}; it is not shown again\n")
    out.write(key + "\n")


def list_keys(settings: Settings, fmt: str, out: IO[str]) -> None:
    """List the keys (id, name, role, when made, when revoked), never the keys themselves."""
    with KeyStore(settings.database_url) as keys:
        listed = keys.list()
    if fmt == "json":
        out.write(json.dumps([k.model_dump(mode="json") for k in listed], indent=2) + "\n")
        return
    for k in listed:
        state = f"revoked {k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "in use"
        made = f"{k.created_at:%Y-%m-%d %H:%M}"
        out.write(f"{k.id}  {k.role:<7}  {made}  {state}  {k.name or ''}".rstrip() + "\n")


def revoke_key(settings: Settings, key_id: str, by: str, out: IO[str]) -> None:
    """Revoke a key by its id: a running server refuses it within 5 seconds (`key_cache`)."""
    with KeyStore(settings.database_url) as keys:
        keys.revoke(key_id, by)
    out.write(f"revoked key {key_id}\n")
