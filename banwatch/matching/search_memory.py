"""A hint to the processor to fetch an array item into its caches ahead of use (compiled).

The name search scores candidates scattered over an index larger than the
processor's caches, so each candidate's words wait on memory. Asking for the
next candidates' words while this one is scored lets those waits overlap. A
hint changes no value: the processor may ignore it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
from llvmlite import ir  # type: ignore[import-untyped]  # llvmlite ships no types
from numba.core import cgutils, types
from numba.extending import intrinsic
from numpy.typing import NDArray

from banwatch.matching.compiled import inlined
from banwatch.matching.search_lists import Flags, Floats, Ints, Longs


def _codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
    """`llvm.prefetch` of the address of `array[index]`: read, kept in every cache, data."""
    array_type = signature.args[0]
    items = context.make_array(array_type)(context, builder, args[0])
    at = cgutils.get_item_pointer(  # type: ignore[no-untyped-call]  # numba leaves it untyped
        context, builder, array_type, items, [args[1]], wraparound=False
    )
    i32 = ir.IntType(32)
    byte_ptr = ir.PointerType(ir.IntType(8))
    fn_type = ir.FunctionType(ir.VoidType(), [byte_ptr, i32, i32, i32])
    fn = cgutils.get_or_insert_function(  # type: ignore[no-untyped-call]  # as above
        builder.module, fn_type, "llvm.prefetch.p0"
    )
    builder.call(fn, [builder.bitcast(at, byte_ptr), i32(0), i32(3), i32(1)])
    return context.get_dummy_value()


@intrinsic
def _prefetch(typingctx: Any, array: Any, index: Any) -> Any:
    if not isinstance(array, types.Array) or array.ndim != 1:
        return None
    if not isinstance(index, types.Integer):
        return None
    return types.none(array, index), _codegen


# Any index is safe, since a prefetch of an address outside memory is dropped: no
# bounds check, no wrap-around of negative indices. Compiled code only.
prefetch = cast(Callable[[NDArray[Any], int | np.integer[Any]], None], _prefetch)


# How many candidates ahead of the one scored `ahead` asks for: far enough that a
# candidate's words arrive before it is scored, near enough that few are asked
# for in vain when the search stops.
WORDS_AHEAD = 4
START_AHEAD = 8


@inlined
def ahead(
    index: tuple[Ints, Floats, Longs, Floats, Flags, Ints],
    pool_ids: Longs,
    by_bound: Longs,
    r: int,
    n_pool: int,
) -> None:
    """Ask for what candidates further down the pool will be scored from (`prefetch`).

    In two steps, since where a name's words are is itself in memory: the
    start of one `START_AHEAD` on, the words of one `WORDS_AHEAD` on (whose
    start was asked for earlier). The first candidate (`r` 0) asks for the
    starts of those up to `START_AHEAD` too.
    """
    words, weights, starts, totals, _, _ = index
    if r == 0:
        for k in range(1, min(n_pool, START_AHEAD)):
            prefetch(starts, pool_ids[by_bound[k]])
    if r + START_AHEAD < n_pool:
        i = pool_ids[by_bound[r + START_AHEAD]]
        prefetch(starts, i)
        prefetch(totals, i)
    if r + WORDS_AHEAD < n_pool:
        s = starts[pool_ids[by_bound[r + WORDS_AHEAD]]]
        prefetch(words, s)
        prefetch(weights, s)
