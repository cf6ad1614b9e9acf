"""Who may sign a release: the signing key, and the public keys a pull trusts.

Trusted keys are the project's own (shipped in `trusted_keys.txt`, public half
only), those in the settings (`BANWATCH_TRUSTED_KEYS`) and any `--trust` file.
A key is written as 64 hex digits, as `banwatch registry signing-public`
prints it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from banwatch.errors import BanwatchError
from banwatch.releases.errors import ReleaseError
from banwatch.signing import fingerprint, public_from_hex, verifies

SHIPPED_KEYS = Path(__file__).parent / "trusted_keys.txt"


def private_key_file(path: Path) -> Ed25519PrivateKey:
    """An Ed25519 private key from a PEM file (`--key FILE`)."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as e:
        raise ReleaseError(f"cannot read a private key: {e}", file=str(path)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ReleaseError("holds no Ed25519 private key", file=str(path))
    return key


def keys_from_text(text: str, where: str) -> list[Ed25519PublicKey]:
    """The public keys of a text of hex keys, one a line (`#` starts a comment)."""
    keys = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            keys.append(public_from_hex(line))
        except BanwatchError:
            raise ReleaseError(
                f"not an Ed25519 public key in hex: {line[:80]!r}", file=where
            ) from None
    return keys


def trusted_keys(configured: Iterable[str], trust_files: Iterable[Path]) -> list[Ed25519PublicKey]:
    """The shipped key, the configured ones (hex) and those of every `--trust` file."""
    keys = keys_from_text(SHIPPED_KEYS.read_text(encoding="utf-8"), str(SHIPPED_KEYS))
    keys += keys_from_text("\n".join(configured), "BANWATCH_TRUSTED_KEYS")
    for path in trust_files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise ReleaseError(f"cannot read: {e.strerror}", file=str(path)) from None
        keys += keys_from_text(text, str(path))
    return keys


def signer(signature: bytes, data: bytes, keys: Iterable[Ed25519PublicKey]) -> str:
    """The fingerprint of the trusted key that signed `data`; `ReleaseError` if none did."""
    for key in keys:
        if verifies(key, signature, data):
            return fingerprint(key)
    raise ReleaseError("the release is not signed by a trusted key")
