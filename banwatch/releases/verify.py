"""The checks an unpacked release passes before it may be used.

The signature over the manifest by a trusted key; the manifest's files exactly
the files unpacked, each with its SHA-256; the registry version recomputed
from the files; a banwatch new enough to read it; and a registry that loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

import banwatch
from banwatch.errors import BanwatchError
from banwatch.registry.loader import load_registry, registry_version
from banwatch.releases.archive import MANIFEST, SIGNATURE
from banwatch.releases.errors import ReleaseError
from banwatch.releases.manifest import Manifest, sha256_file, version_tuple
from banwatch.releases.signing import signer


def verified_manifest(
    tree: Path, names: Iterable[str], keys: Iterable[Ed25519PublicKey]
) -> Manifest:
    """The manifest of the release unpacked in `tree`, once every check has passed."""
    try:
        signed = (tree / MANIFEST).read_bytes()
        signature = (tree / SIGNATURE).read_bytes()
    except OSError:
        raise ReleaseError("the archive holds no signed manifest") from None
    signer(signature, signed, keys)
    manifest = Manifest.from_bytes(signed)
    check_readable(manifest.min_banwatch)
    unpacked = set(names) - {MANIFEST, SIGNATURE}
    if unpacked != set(manifest.files):
        extra = sorted(unpacked ^ set(manifest.files))
        raise ReleaseError(f"the archive's files differ from its manifest: {extra[:3]}")
    for name, digest in sorted(manifest.files.items()):
        if sha256_file(tree / name) != digest:
            raise ReleaseError(f"the digest of {name} differs from the manifest")
    if registry_version(tree) != manifest.registry_version:
        raise ReleaseError("the files do not give the manifest's registry version")
    try:
        load_registry(tree)
    except BanwatchError as e:
        raise ReleaseError(f"the release's registry does not load: {e}") from None
    return manifest


def check_readable(min_banwatch: str) -> None:
    """Refuse a release that needs a newer banwatch than this one."""
    if version_tuple(min_banwatch) > version_tuple(banwatch.__version__):
        raise ReleaseError(
            f"the release needs banwatch {min_banwatch} or later (this is {banwatch.__version__})"
        )
