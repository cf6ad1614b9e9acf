"""The decorator that compiles a pure function to machine code with numba."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

import numba

F = TypeVar("F", bound=Callable[..., Any])


def compiled(f: F) -> F:
    """`f` compiled by numba on its first call (and cached on disk beside its module)."""
    return cast(F, numba.njit(cache=True, nogil=True)(f))


def inlined(f: F) -> F:
    """`f` compiled by numba into each compiled caller's own code, not called from it.

    A phase of the compiled search runs for every candidate of every query; a
    real call there would count a reference to every array it is handed, on
    entry and on exit, which costs more than some phases do.
    """
    return cast(F, numba.njit(inline="always", cache=True, nogil=True)(f))


def forget_stale_code(module: str, dependencies: Iterable[Path]) -> bool:
    """Delete numba's cached machine code of `module` when a module it compiles in has changed.

    numba keys a module's cache on that module's file alone, while the phases
    it inlines live in other modules: after one of those changes, the old
    code would be loaded again. A digest of all of them is kept beside the
    cache (`__pycache__/<module>.sources`); when it differs, that module's
    cached code is deleted and compiled afresh on first use. Returns whether
    anything was deleted. A cache elsewhere (`NUMBA_CACHE_DIR`) is not
    looked at.
    """
    here = Path(module)
    cache = here.parent / "__pycache__"
    digest = hashlib.sha256()
    for path in sorted({here, *dependencies}):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    stamp = cache / f"{here.stem}.sources"
    try:
        if stamp.read_text(encoding="ascii") == digest.hexdigest():
            return False
    except OSError:
        pass
    stale = list(cache.glob(f"{here.stem}.*.nb[ic]"))
    for path in stale:
        path.unlink(missing_ok=True)
    try:
        cache.mkdir(exist_ok=True)
        stamp.write_text(digest.hexdigest(), encoding="ascii")
    except OSError:
        pass  # a read-only install: numba then caches elsewhere, or not at all
    return bool(stale)
