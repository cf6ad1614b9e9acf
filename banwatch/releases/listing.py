"""`index.json`: the releases of a publishing folder, newest first.

The listing is not signed: it only says where the archives are and how long
they are, so a truncated download is told from a damaged one. Trust comes
from the signed manifest inside each archive.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from banwatch.releases.errors import ReleaseError

INDEX = "index.json"


class Entry(BaseModel):
    """One published release: its version, date, archive, digest and delta file."""

    model_config = ConfigDict(frozen=True)

    version: str
    released: str
    min_banwatch: str
    archive: str
    sha256: str
    size: int
    delta: str | None = None
    counts: dict[str, int] = {}


class Listing(BaseModel):
    """Every release of a folder, newest first."""

    releases: list[Entry] = []

    def newest(self) -> Entry | None:
        """The newest release listed, if any."""
        return self.releases[0] if self.releases else None


def parse_listing(data: bytes, where: str) -> Listing:
    """Read an `index.json`; `ReleaseError` naming `where` when it is not one."""
    try:
        return Listing.model_validate_json(data)
    except ValidationError:
        raise ReleaseError("not a release index", file=where) from None


def read_listing(folder: Path) -> Listing:
    """The listing of a publishing folder (empty when it has none yet)."""
    path = folder / INDEX
    return parse_listing(path.read_bytes(), str(path)) if path.exists() else Listing()


def write_json_atomically(path: Path, payload: object) -> None:
    """Write JSON to `path` so that a reader sees the old file or the new, never a part."""
    staged = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with staged.open("w", encoding="utf-8") as f:
        json.dump(payload, f, indent=2, sort_keys=True)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(staged, path)
