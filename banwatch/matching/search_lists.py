"""Ascending lists of entry numbers: union, intersection, membership (pure, compiled).

The word lists of the name search (`name_search.py`) are the names
holding each word, ascending (sorted postings). Lists of like length are
walked side by side without branches on the values, which no processor
predicts; a list far longer than the other is searched instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from banwatch.matching.compiled import compiled

# Walking two lists side by side without branches costs a few nanoseconds a name;
# looking one name up in a list costs a binary search: worth it only for a list
# this many times longer.
LOOK_UP_RATIO = 32

Ints = NDArray[np.int32]
Longs = NDArray[np.int64]
Floats = NDArray[np.float64]
Flags = NDArray[np.bool_]


@compiled
def union(a: Ints, b: Ints) -> Ints:
    """The values of two ascending arrays of distinct values, each once, ascending."""
    out = np.empty(len(a) + len(b), dtype=np.int32)
    i = j = n = 0
    # Without branches on the values, which no processor predicts (see `intersect_with`).
    while i < len(a) and j < len(b):
        x, y = a[i], b[j]
        out[n] = min(x, y)
        i += x <= y
        j += y <= x
        n += 1
    while i < len(a):
        out[n] = a[i]
        i += 1
        n += 1
    while j < len(b):
        out[n] = b[j]
        j += 1
        n += 1
    return out[:n]


@compiled
def union_with(a: Ints, a_totals: Floats, b: Ints, b_totals: Floats) -> tuple[Ints, Floats]:
    """`union` of two lists of names, each name's signed total beside it."""
    if not len(a):
        return b, b_totals  # no copy: the first list of a query is often its only one
    out = np.empty(len(a) + len(b), dtype=np.int32)
    out_totals = np.empty(len(a) + len(b), dtype=np.float64)
    i = j = n = 0
    while i < len(a) and j < len(b):
        x, y = a[i], b[j]
        first = x <= y
        out[n] = x if first else y
        out_totals[n] = a_totals[i] if first else b_totals[j]
        i += first
        j += y <= x
        n += 1
    while i < len(a):
        out[n] = a[i]
        out_totals[n] = a_totals[i]
        i += 1
        n += 1
    while j < len(b):
        out[n] = b[j]
        out_totals[n] = b_totals[j]
        j += 1
        n += 1
    return out[:n], out_totals[:n]


@compiled
def _found_in(long: Ints, short: Ints) -> tuple[Longs, Longs]:
    """Each name of `short` that `long` holds (both ascending): where it is in each, by a search."""
    in_short = np.empty(len(short), dtype=np.int64)
    in_long = np.empty(len(short), dtype=np.int64)
    n = 0
    for t in range(len(short)):
        k = np.searchsorted(long, short[t])
        if k < len(long) and long[k] == short[t]:
            in_short[n] = t
            in_long[n] = k
            n += 1
    return in_short[:n], in_long[:n]


@compiled
def intersect_with(a: Ints, a_totals: Floats, b: Ints) -> tuple[Ints, Floats]:
    """The names of `a` that are also in `b` (both ascending), with their signed totals.

    A long list against a short one looks the short one's names up; lists of
    like length are walked side by side.
    """
    if len(b) > LOOK_UP_RATIO * len(a):
        at, _ = _found_in(b, a)
        return a[at], a_totals[at]
    if len(a) > LOOK_UP_RATIO * len(b):
        _, at = _found_in(a, b)
        return a[at], a_totals[at]
    out = np.empty(min(len(a), len(b)), dtype=np.int32)
    out_totals = np.empty(len(out), dtype=np.float64)
    n = 0
    # Every step writes and moves on by comparisons, not branches: the order of
    # two lists' names is random, and a mispredicted branch costs more than the
    # step. A write is kept only when the names agree (then `n` moves on); while
    # both lists last, `n` is below both lengths, so the write is in bounds.
    i = j = 0
    while i < len(a) and j < len(b):
        x, y = a[i], b[j]
        out[n] = x
        out_totals[n] = a_totals[i]
        n += x == y
        i += x <= y
        j += y <= x
    return out[:n], out_totals[:n]


@compiled
def postings_with(
    post_starts: Longs, post_ids: Ints, post_totals: Floats, l_words: Ints, lo: int, hi: int
) -> tuple[Ints, Floats]:
    """`postings` with each name's signed total beside it."""
    n = l_words[lo]
    out = post_ids[post_starts[n] : post_starts[n + 1]]
    out_totals = post_totals[post_starts[n] : post_starts[n + 1]]
    for k in range(lo + 1, hi):
        n = l_words[k]
        a, b = post_starts[n], post_starts[n + 1]
        out, out_totals = union_with(out, out_totals, post_ids[a:b], post_totals[a:b])
    return out, out_totals


@compiled
def postings(post_starts: Longs, post_ids: Ints, l_words: Ints, lo: int, hi: int) -> Ints:
    """The names on one list (the names of each of its words `l_words[lo:hi]`), ascending."""
    n = l_words[lo]
    out = post_ids[post_starts[n] : post_starts[n + 1]]
    for k in range(lo + 1, hi):
        n = l_words[k]
        out = union(out, post_ids[post_starts[n] : post_starts[n + 1]])
    return out


@compiled
def mark_held(values: Ints, sorted_ids: Ints, out: Flags) -> None:
    """Set `out[t]` where the ascending `sorted_ids` hold `values[t]` (ascending); keep the rest.

    Called once for each word of a list, it marks the names on the list
    without building the union of its words' names (`postings`).
    """
    if not len(values) or not len(sorted_ids):
        return
    if len(sorted_ids) > LOOK_UP_RATIO * len(values):
        # Few values in a long list: look each one up.
        held, _ = _found_in(sorted_ids, values)
        out[held] = True
        return
    # Side by side without branches (see `intersect_with`): a value's flag is
    # written last when the walk moves past it, set if the list held it.
    t = k = 0
    while t < len(values) and k < len(sorted_ids):
        v, w = values[t], sorted_ids[k]
        out[t] |= v == w
        t += v <= w
        k += w <= v


@compiled
def holds(sorted_ids: Ints, i: int | np.integer[Any]) -> bool:
    """Whether entry `i` is in the ascending `sorted_ids`."""
    if not len(sorted_ids):
        return False
    return bool(sorted_ids[min(np.searchsorted(sorted_ids, i), len(sorted_ids) - 1)] == i)
