"""Keep the compiled registry and matcher on disk, keyed by everything they are built from.

The key joins the registry version (its files and every imported source's
version), the matcher's name, the `netaddr` version (its IEEE registry feeds
MAC blocks and word weights) and a digest of banwatch's own code, so a cached
index is never used with anything but the inputs and code that built it.
Files are written to a temporary name and renamed into place: a reader sees
a whole index or none. A corrupt or unreadable file is rebuilt, never fatal.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import banwatch
from banwatch.matching.matcher import Matcher
from banwatch.registry.sources import paused_gc

PROTOCOL = 5
KEEP = 3  # index files kept per folder, newest first


def code_digest() -> str:
    """A digest of banwatch's source files (names, sizes, modification times)."""
    root = Path(banwatch.__file__).parent
    h = hashlib.sha256(banwatch.__version__.encode())
    for path in sorted(root.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:12]


def _netaddr_version() -> str:
    import netaddr

    return str(getattr(netaddr, "__version__", "unknown"))


class IndexCache:
    """Compiled indexes under one folder (`BANWATCH_HOME/index`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, registry_version: str, matcher_name: str) -> str:
        """The file name for an index built from these inputs by this code."""
        parts = f"{registry_version}|{matcher_name}|{_netaddr_version()}|{code_digest()}"
        return f"index-{hashlib.sha256(parts.encode()).hexdigest()[:16]}.pickle"

    def load_or_build(
        self, registry_version: str, matcher_name: str, build: Callable[[], Matcher]
    ) -> Matcher:
        """The cached matcher (with its registry) for these inputs; built and saved if absent."""
        path = self.folder / self.key(registry_version, matcher_name)
        cached = self._read(path)
        if cached is not None:
            return cached
        matcher = build()
        self._write(path, matcher)
        return matcher

    def _read(self, path: Path) -> Matcher | None:
        try:
            # Unpickling makes millions of objects, none in a cycle: with the collector
            # on, its passes over them took longer than reading (~29 s against ~6 s
            # for a 500,000-name index in a busy process).
            with path.open("rb") as f, paused_gc():
                value = pickle.load(f)  # our own file, written by _write below
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None  # unreadable or from other code: rebuild
        return value if isinstance(value, Matcher) else None

    def _write(self, path: Path, matcher: Matcher) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".index-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(matcher, f, protocol=PROTOCOL)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except OSError:
            return  # a cache that cannot be written only costs time
        self._prune(keep=path)

    def _prune(self, keep: Path) -> None:
        others = sorted(
            (p for p in self.folder.glob("index-*.pickle") if p != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[KEEP - 1 :]:
            old.unlink(missing_ok=True)
