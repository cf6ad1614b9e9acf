"""`banwatch registry pull` and `rollback`: fetch, check and switch to a release.

A pull downloads into a staging folder under `<home>/registry/releases/`,
checks everything there, renames the checked folder to its version, builds
the compiled index for it, and only then replaces the pointer. Whatever fails
or is killed before that last `os.replace` leaves the previous release in use;
a leftover staging folder is ignored and cleared by the next pull.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from banwatch.releases import archive
from banwatch.releases.errors import ReleaseError
from banwatch.releases.listing import INDEX, Entry, Listing, parse_listing, write_json_atomically
from banwatch.releases.manifest import Manifest
from banwatch.releases.signing import signer
from banwatch.releases.state import (
    LAST_INDEX,
    RELEASES,
    InUse,
    Pointer,
    read_pointer,
    release_dir,
    write_pointer,
)
from banwatch.releases.verify import check_readable, verified_manifest
from banwatch.settings import Settings

TIMEOUT = 30.0
STAGING = ".staging-"


@dataclass(frozen=True)
class Pulled:
    """The outcome of a pull: the release now in use, and the one before (None: bundled)."""

    version: str
    previous: str | None
    changed: bool  # False when the newest release was already in use


def pull(
    settings: Settings,
    url: str,
    keys: list[Ed25519PublicKey],
    now: datetime,
    build_index: Callable[[Settings], object],
) -> Pulled:
    """Switch `settings.home` to the newest release listed at `url`, once it is checked."""
    home = settings.home
    listing = fetch_listing(url)
    newest = listing.newest()
    if newest is None:
        raise ReleaseError("the index lists no release", file=_join(url, INDEX))
    pointer = read_pointer(home)
    current = pointer.current.version if pointer else None
    if newest.version == current:
        _remember(home, listing)
        return Pulled(newest.version, current, changed=False)
    check_readable(newest.min_banwatch)
    folder, key_id = _installed(home, url, newest, keys, current)
    build_index(replace(settings, registry_dir=folder))  # fast first screen, old still in use
    now_text = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    before = pointer.current if pointer else InUse(None, "")  # the bundled one: since installed
    history = (*pointer.history, before) if pointer else (before,)
    write_pointer(home, Pointer(InUse(newest.version, now_text, url, key_id), history))
    _remember(home, listing)
    return Pulled(newest.version, current, changed=True)


def fetch_listing(url: str) -> Listing:
    """The `index.json` at `url`; `ReleaseError` when it cannot be fetched or read."""
    return parse_listing(_get(_join(url, INDEX)), _join(url, INDEX))


def _installed(
    home: Path, url: str, entry: Entry, keys: list[Ed25519PublicKey], current: str | None
) -> tuple[Path, str]:
    """The checked release's folder, and the fingerprint of the trusted key that signed it."""
    folder = release_dir(home, entry.version)
    releases = home / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    _clear_staging(releases)
    staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=releases))
    try:
        download = staging / "release.tar.gz"
        data = _get(_join(url, entry.archive))
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise ReleaseError(
                f"the download of {entry.archive} is truncated or altered "
                f"({len(data)} of {entry.size} bytes)"
            )
        download.write_bytes(data)
        tree = staging / "tree"
        names = archive.unpack(download, tree)
        manifest = verified_manifest(tree, names, keys)
        key_id = signer(
            (tree / archive.SIGNATURE).read_bytes(), (tree / archive.MANIFEST).read_bytes(), keys
        )
        if manifest.registry_version != entry.version:
            raise ReleaseError(f"the index names {entry.version}, the archive holds another")
        _check_newer(home, manifest, current)
        if not folder.is_dir():  # pulled before (then rolled back): that copy was checked
            tree.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder, key_id


def _check_newer(home: Path, manifest: Manifest, current: str | None) -> None:
    if current is None:
        return
    try:
        in_use = Manifest.from_bytes((release_dir(home, current) / archive.MANIFEST).read_bytes())
    except (OSError, ReleaseError):
        return  # the release in use cannot be read: nothing to compare with
    if manifest.released <= in_use.released:
        raise ReleaseError(
            f"release {manifest.registry_version} ({manifest.released}) is not newer than "
            f"{current} in use ({in_use.released})"
        )


def _clear_staging(releases: Path) -> None:
    for left in releases.glob(f"{STAGING}*"):
        shutil.rmtree(left, ignore_errors=True)


def _remember(home: Path, listing: Listing) -> None:
    write_json_atomically(home / LAST_INDEX, listing.model_dump())


def _get(url: str) -> bytes:
    try:
        response = httpx.get(url, timeout=TIMEOUT, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPError as e:
        raise ReleaseError(f"cannot fetch {url}: {e}") from None
    return response.content


def _join(url: str, name: str) -> str:
    return f"{url.rstrip('/')}/{name}"
