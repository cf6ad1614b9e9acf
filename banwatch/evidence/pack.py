"""Making and checking an evidence pack: a zip of files, a manifest of their digests, signed.

Invariants:

- `manifest.json` lists every other file of the pack (but `manifest.sig`)
  with its SHA-256 and size; `manifest.sig` is the hex Ed25519 signature of
  the manifest's exact bytes by the key the manifest names.
- A pack is written beside its destination and renamed into place, so a
  failed write leaves no half pack.
- The zip is canonical: members stored uncompressed, in the manifest's
  order after the manifest and its signature, with fixed header fields, so
  its bytes follow from its members alone. Checking rebuilds those bytes
  from the members it verified and compares them with the file, so a changed
  byte anywhere (a file, the manifest, a header, the zip's directory) fails,
  naming the member whose bytes it is in; a member not in the manifest fails
  too.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from banwatch import __version__
from banwatch.errors import UsageError
from banwatch.signing import fingerprint, public_from_hex, public_hex, verifies

FORMAT = "banwatch-evidence-1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"


def manifest_for(
    files: list[tuple[str, bytes]], about: dict[str, Any], key: Ed25519PrivateKey
) -> bytes:
    """The manifest of `files`, with what the pack is `about` and the key that signs it."""
    public = key.public_key()
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "banwatch_version": __version__,
        **about,
        "signing_key": public_hex(public),
        "key_fingerprint": fingerprint(public),
        "files": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in files
        ],
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_pack(
    output: Path, files: list[tuple[str, bytes]], about: dict[str, Any], key: Ed25519PrivateKey
) -> str:
    """Write the signed pack to `output`; return the signing key's fingerprint."""
    manifest = manifest_for(files, about, key)
    signature = (key.sign(manifest).hex() + "\n").encode("ascii")
    data, _ = canonical_zip([(MANIFEST, manifest), (SIGNATURE, signature), *files])
    staged = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        staged.write_bytes(data)
        os.replace(staged, output)
    finally:
        staged.unlink(missing_ok=True)
    return fingerprint(key.public_key())


def canonical_zip(members: list[tuple[str, bytes]]) -> tuple[bytes, list[tuple[str, int]]]:
    """The one zip these members make, and where each member's bytes start in it."""
    buffer = io.BytesIO()
    starts = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as pack:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3  # Unix, whatever the platform that writes it
            info.external_attr = 0o644 << 16
            starts.append((name, buffer.tell()))
            pack.writestr(info, data)
        starts.append(("the zip's directory", buffer.tell()))
    return buffer.getvalue(), starts


@dataclass(frozen=True)
class Checked:
    """The outcome of checking a pack: intact or not, where it failed, and who signed it."""

    intact: bool
    where: str  # the member (or the pack itself) that failed; "" when intact
    why: str
    fingerprint: str | None = None  # the signing key's, once the manifest could be read


def check_pack(path: Path, trusted: list[Ed25519PublicKey] | None = None) -> Checked:
    """Check every byte of the pack at `path`; with `trusted`, also that one of them signed it."""
    try:
        with zipfile.ZipFile(path) as pack:
            checked = _check_members(pack, trusted)
            members = [(name, _read(pack, name)) for name in _order(pack)]
        return checked if not checked.intact else _check_layout(path, members, checked)
    except _DamagedError as e:
        return Checked(False, e.member, f"damaged ({e.why})")
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        return Checked(False, path.name, f"not a readable evidence pack ({e})")
    except (ValueError, KeyError, TypeError, UsageError) as e:
        return Checked(False, MANIFEST, f"not a valid manifest ({e})")


def _check_members(pack: zipfile.ZipFile, trusted: list[Ed25519PublicKey] | None) -> Checked:
    names = set(pack.namelist())
    if MANIFEST not in names or SIGNATURE not in names:
        return Checked(False, MANIFEST, "the manifest or its signature is missing")
    raw = _read(pack, MANIFEST)
    manifest = json.loads(raw)
    key = public_from_hex(manifest["signing_key"])
    signer = fingerprint(key)
    signature = bytes.fromhex(_read(pack, SIGNATURE).decode("ascii").strip())
    if not verifies(key, signature, raw):
        return Checked(False, MANIFEST, "the signature does not match the manifest", signer)
    if trusted is not None and all(public_hex(key) != public_hex(t) for t in trusted):
        return Checked(False, SIGNATURE, f"signed by key {signer}, which is not trusted", signer)
    listed = {entry["path"]: entry for entry in manifest["files"]}
    extra = sorted(names - listed.keys() - {MANIFEST, SIGNATURE})
    if extra:
        return Checked(False, extra[0], "not in the manifest", signer)
    for name, entry in listed.items():
        if name not in names:
            return Checked(False, name, "listed in the manifest but missing", signer)
        if hashlib.sha256(_read(pack, name)).hexdigest() != entry["sha256"]:
            return Checked(False, name, "its digest does not match the manifest", signer)
    return Checked(True, "", f"intact: {len(listed)} files, signed by key {signer}", signer)


def _order(pack: zipfile.ZipFile) -> list[str]:
    """The members in the order a canonical pack has them: manifest, signature, its files."""
    listed = [entry["path"] for entry in json.loads(pack.read(MANIFEST))["files"]]
    return [MANIFEST, SIGNATURE, *listed]


def _check_layout(path: Path, members: list[tuple[str, bytes]], checked: Checked) -> Checked:
    """The verified members must make exactly the file's bytes, headers and directory included."""
    expected, starts = canonical_zip(members)
    found = path.read_bytes()
    if found == expected:
        return checked
    at = next((k for k, (a, b) in enumerate(zip(found, expected, strict=False)) if a != b), None)
    at = min(len(found), len(expected)) if at is None else at
    where = [name for name, start in starts if start <= at][-1]
    return Checked(False, where, f"changed at byte {at} of the pack", checked.fingerprint)


class _DamagedError(Exception):
    """A member that cannot be read back as written (its CRC or compressed data fails)."""

    def __init__(self, member: str, why: str) -> None:
        super().__init__(f"{member}: {why}")
        self.member, self.why = member, why


def _read(pack: zipfile.ZipFile, name: str) -> bytes:
    try:
        return pack.read(name)
    except (
        zipfile.BadZipFile,
        ValueError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        zlib.error,
    ) as e:
        raise _DamagedError(name, str(e)) from e
