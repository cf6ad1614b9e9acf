"""The decorator that compiles a pure function to machine code with numba."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba

F = TypeVar("F", bound=Callable[..., Any])


def compiled(f: F) -> F:
    """`f` compiled by numba on its first call (and cached on disk beside its module)."""
    return cast(F, numba.njit(cache=True, nogil=True)(f))
