"""What the `banwatch registry` release commands do, given the settings and an output stream.

A pull that switches to a newer release and a rollback each write an audit
entry (`registry_pull`, `registry_rollback`) with the version now in use and
the one before (None: the bundled registry); a pull that finds nothing newer
changes nothing and writes none.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from banwatch.releases.errors import ReleaseError
from banwatch.releases.history import rollback, status
from banwatch.releases.publish import publish
from banwatch.releases.pull import Pulled, pull
from banwatch.releases.signing import private_key_file, trusted_keys
from banwatch.settings import Settings
from banwatch.signing import signing_key
from banwatch.store.audit import cli_actor, record_once


def publish_release(settings: Settings, out_dir: Path, key_file: Path | None, out: IO[str]) -> None:
    """Publish the registry in use into `out_dir`, signed by `--key` or the local key."""
    key = private_key_file(key_file) if key_file else signing_key(settings.home)
    done = publish(settings.registry_dir, out_dir, key, datetime.now(UTC))
    entry = done.entry
    counts = ", ".join(f"{n} {kind}" for kind, n in entry.counts.items())
    out.write(f"published {entry.version} ({entry.released}): {counts}\n")
    out.write(f"archive {out_dir / entry.archive} sha256 {entry.sha256}\n")
    since = done.previous or "nothing"
    for kind, change in done.changes.items():
        line = ", ".join(f"{len(ids)} {what}" for what, ids in change.items())
        out.write(f"{kind} since {since}: {line}\n")
        if done.previous is None:
            continue  # a first release adds everything: the counts say it
        for what, ids in change.items():
            for ident in ids:
                out.write(f"  {what} {ident}\n")


def pull_release(
    settings: Settings, url: str | None, trust: tuple[Path, ...], out: IO[str]
) -> None:
    """Pull the newest release at `url` (or the configured one) and switch to it."""
    from banwatch.loading import compiled_matcher

    source = url or settings.registry_url
    if not source:
        raise ReleaseError("no URL given and BANWATCH_REGISTRY_URL is not set")
    keys = trusted_keys(settings.trusted_keys, trust)
    done = pull(settings, source, keys, datetime.now(UTC), compiled_matcher)
    if not done.changed:
        out.write(f"release {done.version} is already in use\n")
        return
    audit_pull(settings, done, source, cli_actor())
    out.write(f"now using release {done.version} (was {done.previous or 'the bundled registry'})\n")


def audit_pull(settings: Settings, done: Pulled, url: str, actor: str) -> None:
    """The audit entry of a pull that switched releases (whoever pulled: the CLI, a schedule)."""
    if done.changed:
        details = {"version": done.version, "previous": done.previous, "url": url}
        record_once(settings.database_url, "registry_pull", actor, "registry", details)


def release_status(settings: Settings, out: IO[str]) -> None:
    """Say which release is in use, since when, and whether a newer one is known."""
    found = status(settings.home)
    if found.in_use is None:
        out.write("in use: the registry bundled with banwatch\n")
    else:
        origin = f" from {found.in_use.url}" if found.in_use.url else ""
        out.write(f"in use: release {found.in_use.version} since {found.in_use.since}{origin}\n")
        if found.in_use.key_id:
            out.write(f"signed by key: {found.in_use.key_id}\n")
    out.write(f"registry folder: {settings.registry_dir}\n")
    if found.newer is None:
        out.write("newer release: none known\n")
    else:
        out.write(f"newer release: {found.newer.version} ({found.newer.released})\n")
    if found.previous is not None:
        out.write(f"rollback to: {found.previous.version or 'the bundled registry'}\n")


def rollback_release(settings: Settings, out: IO[str]) -> None:
    """Return to the release in use before this one."""
    was = status(settings.home).in_use
    back = rollback(settings.home, datetime.now(UTC))
    details = {"version": back.current.version, "previous": was.version if was else None}
    record_once(settings.database_url, "registry_rollback", cli_actor(), "registry", details)
    out.write(f"now using {back.current.version or 'the bundled registry'}\n")
