"""Which release is in use: one pointer file in the data directory, replaced atomically.

`<home>/registry/current.json` names the release in use, since when, where it
came from and the releases in use before it (for rollback); the release
itself is a folder under `<home>/registry/releases/<version>/`, whole before
the pointer names it. The pointer is written to a temporary file, synced and
put in place with `os.replace`, so a kill at any moment leaves the old pointer
or the new one. `last-index.json` keeps the index of the last pull, to say
whether a newer release is known. This module reads only files: settings use
it to find the registry in use.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from banwatch.releases.listing import write_json_atomically

POINTER = Path("registry") / "current.json"
RELEASES = Path("registry") / "releases"
LAST_INDEX = Path("registry") / "last-index.json"


@dataclass(frozen=True)
class InUse:
    """A release that is or was in use (version None: the registry bundled with banwatch)."""

    version: str | None
    since: str
    url: str | None = None
    key_id: str | None = None  # fingerprint of the key that signed it (None in older pointers)


@dataclass(frozen=True)
class Pointer:
    """The release in use, and those in use before it, most recent last."""

    current: InUse
    history: tuple[InUse, ...] = field(default=())


def read_pointer(home: Path) -> Pointer | None:
    """The pointer of `home`, or None when no release was ever pulled (or it is unreadable)."""
    try:
        raw = json.loads((home / POINTER).read_text(encoding="utf-8"))
        return Pointer(InUse(**raw["current"]), tuple(InUse(**h) for h in raw["history"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_pointer(home: Path, pointer: Pointer) -> None:
    """Replace the pointer of `home` atomically."""
    (home / POINTER).parent.mkdir(parents=True, exist_ok=True)
    write_json_atomically(home / POINTER, asdict(pointer))


def release_dir(home: Path, version: str) -> Path:
    """Where release `version` is unpacked."""
    return home / RELEASES / version


def active_release_dir(home: Path) -> Path | None:
    """The folder of the release in use in `home`, if one is (and is there)."""
    pointer = read_pointer(home)
    if pointer is None or pointer.current.version is None:
        return None
    folder = release_dir(home, pointer.current.version)
    return folder if folder.is_dir() else None
