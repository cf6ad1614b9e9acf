"""The local Ed25519 signing key: what signs evidence packs (and, later, registry releases).

The private key lives in `<BANWATCH_HOME>/keys/signing.key` (PEM, PKCS#8, file
mode 0600), made on first use; its public half is what others trust, printed
by `banwatch keys signing-public` as one line of hex. A key is named by the
first 16 hex digits of its public half's SHA-256 (its fingerprint).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from banwatch.errors import UsageError
from banwatch.private_files import write_private

KEY_FILE = Path("keys") / "signing.key"


def signing_key(home: Path) -> Ed25519PrivateKey:
    """The local signing key, made (and kept, readable by its owner only) on first use."""
    path = home / KEY_FILE
    if path.exists():
        return _read(path)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    write_private(path, pem)  # two first uses at once: one key wins, whole
    return _read(path)


def _read(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError(f"{path} holds no Ed25519 private key")
    return key


def public_hex(key: Ed25519PublicKey) -> str:
    """A public key as 64 hex digits (its 32 raw bytes)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def public_from_hex(text: str) -> Ed25519PublicKey:
    """A public key from its 64 hex digits; `UsageError` if it is not one."""
    try:
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text.strip()))
    except ValueError:
        raise UsageError(f"not an Ed25519 public key in hex: {text.strip()[:80]!r}") from None


def fingerprint(key: Ed25519PublicKey) -> str:
    """A short name for a public key: 16 hex digits of the SHA-256 of its raw bytes."""
    return hashlib.sha256(bytes.fromhex(public_hex(key))).hexdigest()[:16]


def verifies(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    """Whether `signature` is `key`'s signature of `data`."""
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True
