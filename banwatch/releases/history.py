"""`banwatch registry status` and `rollback`: the release in use, and going back one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from banwatch.releases.archive import MANIFEST
from banwatch.releases.errors import ReleaseError
from banwatch.releases.listing import Entry, parse_listing
from banwatch.releases.manifest import Manifest
from banwatch.releases.state import (
    LAST_INDEX,
    InUse,
    Pointer,
    read_pointer,
    release_dir,
    write_pointer,
)


@dataclass(frozen=True)
class Status:
    """The release in use (None: the bundled registry), since when, and a newer one known."""

    in_use: InUse | None
    newer: Entry | None
    previous: InUse | None


def status(home: Path) -> Status:
    """What `home` uses, and the newest release of the last pull's index if it is newer."""
    pointer = read_pointer(home)
    in_use = pointer.current if pointer and pointer.current.version else None
    previous = pointer.history[-1] if pointer and pointer.history else None
    return Status(in_use, _newer(home, in_use), previous)


def _newer(home: Path, in_use: InUse | None) -> Entry | None:
    path = home / LAST_INDEX
    try:
        newest = parse_listing(path.read_bytes(), str(path)).newest()
    except (OSError, ReleaseError):
        return None
    if newest is None or in_use is None or in_use.version is None:
        return newest
    if newest.version == in_use.version:
        return None
    try:
        manifest = (release_dir(home, in_use.version) / MANIFEST).read_bytes()
        released = Manifest.from_bytes(manifest).released
    except (OSError, ReleaseError):
        return newest
    return newest if newest.released > released else None


def rollback(home: Path, now: datetime) -> Pointer:
    """Go back to the release in use before this one (or the bundled registry)."""
    pointer = read_pointer(home)
    if pointer is None or not pointer.history:
        raise ReleaseError("no earlier release to return to", file=str(home))
    back = pointer.history[-1]
    if back.version is not None and not release_dir(home, back.version).is_dir():
        raise ReleaseError(f"release {back.version} is no longer unpacked", file=str(home))
    since = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    rolled = Pointer(InUse(back.version, since, back.url), pointer.history[:-1])
    write_pointer(home, rolled)
    return rolled
