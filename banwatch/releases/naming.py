"""Which release a registry folder is: what runs, responses and evidence packs name.

A folder under `<home>/registry/releases/` is a pulled release: its version,
its manifest's release date and the fingerprint of the key that signed it
(kept in the pointer when it was pulled; found again among the trusted keys
for a release pulled before the pointer kept it). The bundled folder is
`embedded`; any other folder (`BANWATCH_REGISTRY`) is `folder`. Reads files
only; a release whose manifest cannot be read is still named by its version.
"""

from __future__ import annotations

from pathlib import Path

from banwatch.model.registry import EMBEDDED, FOLDER, RegistryRelease
from banwatch.registry.loader import default_registry_dir
from banwatch.releases.archive import MANIFEST, SIGNATURE
from banwatch.releases.errors import ReleaseError
from banwatch.releases.manifest import Manifest
from banwatch.releases.signing import signer, trusted_keys
from banwatch.releases.state import RELEASES, read_pointer
from banwatch.settings import Settings


def release_of(settings: Settings) -> RegistryRelease:
    """The release `settings.registry_dir` is (the sources are the registry's to add)."""
    folder = settings.registry_dir.resolve()
    releases = (settings.home / RELEASES).resolve()
    if folder.parent == releases:
        return _pulled(settings, folder)
    if folder == default_registry_dir().resolve():
        return RegistryRelease(id=EMBEDDED)
    return RegistryRelease(id=FOLDER)


def _pulled(settings: Settings, folder: Path) -> RegistryRelease:
    version = folder.name
    try:
        signed = (folder / MANIFEST).read_bytes()
        released: str | None = Manifest.from_bytes(signed).released
    except (OSError, ReleaseError):
        return RegistryRelease(id=version)
    return RegistryRelease(id=version, released=released, key_id=_key_id(settings, folder, signed))


def _key_id(settings: Settings, folder: Path, signed: bytes) -> str | None:
    pointer = read_pointer(settings.home)
    if pointer is not None:
        for used in (pointer.current, *pointer.history):
            if used.version == folder.name and used.key_id:
                return used.key_id
    try:
        keys = trusted_keys(settings.trusted_keys, ())
        return signer((folder / SIGNATURE).read_bytes(), signed, keys)
    except (OSError, ReleaseError):
        return None  # signed by a key trusted only through a `--trust` file at the time
