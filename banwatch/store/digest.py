"""The digest of a run's input files, so two runs can tell they read the same bytes.

Invariant: the digest depends on the files' contents and their order only,
not on their names or locations.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

_CHUNK = 1 << 20


def input_digest(paths: Iterable[Path]) -> str:
    """The sha256 (hex) over each file's own sha256, in the order given."""
    outer = hashlib.sha256()
    for path in paths:
        inner = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                inner.update(chunk)
        outer.update(inner.digest())
    return outer.hexdigest()
