"""The decorator that compiles a pure function to machine code with numba."""

from __future__ import annotations

from collections.abc import Callable
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
