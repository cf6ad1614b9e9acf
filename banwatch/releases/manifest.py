"""The manifest of a release: what it holds, and what a reader needs to trust and use it.

The manifest's bytes are what the Ed25519 signature covers; every file of the
release is named with its SHA-256, so one verified signature vouches for
every byte. `min_banwatch` is the oldest banwatch whose loader reads the
release's layout.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from banwatch.model.registry import Registry
from banwatch.registry.loader import REGISTRY_FOLDERS
from banwatch.releases.errors import ReleaseError

FORMAT = 1
# The registry layout (entities/, measures/, models/ of YAML) this banwatch writes was
# first read by 0.1.0; raise this when a release needs a newer loader.
MIN_BANWATCH = "0.1.0"


class Manifest(BaseModel):
    """A release's registry version, date, counts, file digests and oldest reader."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int = FORMAT
    registry_version: str
    released: str  # ISO 8601 UTC to the microsecond, fixed width: orders releases as text
    min_banwatch: str
    counts: dict[str, int]  # entities, measures, events, model_patterns
    files: dict[str, str]  # path in the release -> SHA-256 hex

    def to_bytes(self) -> bytes:
        """The canonical bytes that are signed (sorted keys, fixed layout)."""
        return (json.dumps(self.model_dump(), sort_keys=True, indent=2) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        """Read a manifest; `ReleaseError` when it is not one."""
        try:
            return cls.model_validate_json(data)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise ReleaseError(f"the manifest is not valid: {where}: {err['msg']}") from None


def registry_files(root: Path) -> list[str]:
    """The release's files of a registry folder, as the loader reads them, sorted."""
    return sorted(
        f"{sub}/{path.name}" for sub in REGISTRY_FOLDERS for path in (root / sub).glob("*.yaml")
    )


def sha256_file(path: Path) -> str:
    """The SHA-256 hex digest of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def counts(registry: Registry) -> dict[str, int]:
    """What a release holds, counted: entities, measures, their events, model patterns."""
    return {
        "entities": len(registry.entities),
        "measures": len(registry.measures),
        "events": sum(len(m.events) for m in registry.measures.values()),
        "model_patterns": len(registry.model_patterns),
    }


def version_tuple(text: str) -> tuple[int, ...]:
    """A banwatch version (`0.1.0`) as numbers to compare; `ReleaseError` otherwise."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text).release
    except InvalidVersion:
        raise ReleaseError(f"not a banwatch version: {text!r}") from None
