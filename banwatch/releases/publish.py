"""`banwatch registry publish`: a registry folder as a signed release in a publishing folder.

Writes `registry-<version>.tar.gz`, `delta-<version>.json` (from the newest
release already there) and the new `index.json`, in that order, so the index
never names an archive that is not whole.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from banwatch.registry.loader import load_registry, registry_version
from banwatch.releases import archive
from banwatch.releases.delta import delta, read_records
from banwatch.releases.errors import ReleaseError
from banwatch.releases.listing import INDEX, Entry, Listing, read_listing, write_json_atomically
from banwatch.releases.manifest import MIN_BANWATCH, Manifest, counts, registry_files, sha256_file


@dataclass(frozen=True)
class Published:
    """What a publish wrote: the index entry and the delta from the previous release."""

    entry: Entry
    previous: str | None
    changes: dict[str, dict[str, list[str]]]


def publish(root: Path, out: Path, key: Ed25519PrivateKey, now: datetime) -> Published:
    """Publish the registry under `root` into `out`, signed by `key`, released at `now`."""
    registry = load_registry(root)  # an invalid registry is never published
    version = registry_version(root)
    listing = read_listing(out)
    if any(e.version == version for e in listing.releases):
        raise ReleaseError(f"release {version} is already published", file=str(out))
    released = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    previous = listing.newest()
    if previous is not None and released <= previous.released:
        raise ReleaseError(f"release {previous.version} is dated {previous.released} or later")
    files = {name: (root / name).read_bytes() for name in registry_files(root)}
    manifest = Manifest(
        registry_version=version,
        released=released,
        min_banwatch=MIN_BANWATCH,
        counts=counts(registry),
        files={name: _sha256(data) for name, data in files.items()},
    )
    signed = manifest.to_bytes()
    members = {**files, archive.MANIFEST: signed, archive.SIGNATURE: key.sign(signed)}
    out.mkdir(parents=True, exist_ok=True)
    name = f"registry-{version}.tar.gz"
    staged = out / f".{name}.tmp"
    archive.write_archive(staged, members)
    staged.replace(out / name)
    changes = delta(_previous_records(out, previous), read_records(root))
    delta_name = f"delta-{version}.json"
    write_json_atomically(
        out / delta_name,
        {"from": previous.version if previous else None, "to": version, **changes},
    )
    entry = Entry(
        version=version,
        released=released,
        min_banwatch=MIN_BANWATCH,
        archive=name,
        sha256=sha256_file(out / name),
        size=(out / name).stat().st_size,
        delta=delta_name,
        counts=manifest.counts,
    )
    updated = Listing(releases=[entry, *listing.releases])
    write_json_atomically(out / INDEX, json.loads(updated.model_dump_json()))
    return Published(entry, previous.version if previous else None, changes)


def _previous_records(out: Path, previous: Entry | None) -> dict[str, dict[str, str]]:
    if previous is None:
        return {}
    with tempfile.TemporaryDirectory(dir=out, prefix=".previous-") as tmp:
        archive.unpack(out / previous.archive, Path(tmp))
        return read_records(Path(tmp))


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
