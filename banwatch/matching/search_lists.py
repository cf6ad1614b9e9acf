"""Ascending lists of entry numbers: union, intersection, membership (pure, compiled).

The word lists of the name search (`name_search.py`) are the names
holding each word, ascending (sorted postings). A short list is looked up
in a long one by galloping (`seek`): from where the last name was found,
steps that double until they pass the name, then halving back; lists of
like length cost a step or two a name. Walking two lists side by side
without branches was slower at every ratio of lengths: each step waits on
the loads of the step before.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from banwatch.matching.compiled import compiled, inlined

Ints = NDArray[np.int32]
Longs = NDArray[np.int64]
Floats = NDArray[np.float64]
Flags = NDArray[np.bool_]
Bits = NDArray[np.uint64]

# A list is intersected through a bitmap of entries (`kept_marked`) when neither side
# is more than this many times longer than the other: galloping then takes several
# dependent, mispredicted steps a name, marking and testing bits a few cheap ones.
MARK_RATIO = 16


@inlined
def seek(ids: Ints, start: int, x: int | np.integer[Any]) -> int:
    """The first place at or after `start` where the ascending `ids` hold `x` or more."""
    n = len(ids)
    lo = start
    if lo >= n or ids[lo] >= x:
        return lo
    # ids[lo] < x: double the step until it passes x, then halve back.
    step = 1
    while lo + step < n and ids[lo + step] < x:
        lo += step
        step *= 2
    hi = min(lo + step, n)
    lo += 1
    while lo < hi:
        mid = (lo + hi) >> 1
        if ids[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


@compiled
def union_with(a: Ints, a_totals: Floats, b: Ints, b_totals: Floats) -> tuple[Ints, Floats]:
    """The names of two ascending lists of distinct names, each once, with their signed totals."""
    if not len(a):
        return b, b_totals  # no copy: the first list of a query is often its only one
    out = np.empty(len(a) + len(b), dtype=np.int32)
    out_totals = np.empty(len(a) + len(b), dtype=np.float64)
    i = j = n = 0
    while i < len(a) and j < len(b):
        x, y = a[i], b[j]
        if x < y:
            out[n] = x
            out_totals[n] = a_totals[i]
            i += 1
        elif y < x:
            out[n] = y
            out_totals[n] = b_totals[j]
            j += 1
        else:
            out[n] = x
            out_totals[n] = a_totals[i]
            i += 1
            j += 1
        n += 1
    for r in range(i, len(a)):
        out[n] = a[r]
        out_totals[n] = a_totals[r]
        n += 1
    for r in range(j, len(b)):
        out[n] = b[r]
        out_totals[n] = b_totals[r]
        n += 1
    return out[:n], out_totals[:n]


@compiled
def intersect_with(a: Ints, a_totals: Floats, b: Ints) -> tuple[Ints, Floats]:
    """The names of `a` that are also in `b` (both ascending), with their signed totals.

    The shorter list's names are looked up in the longer one (`seek`).
    """
    out = np.empty(min(len(a), len(b)), dtype=np.int32)
    out_totals = np.empty(len(out), dtype=np.float64)
    n = 0
    if len(a) <= len(b):
        j = 0
        for t in range(len(a)):
            j = seek(b, j, a[t])
            if j == len(b):
                break
            if b[j] == a[t]:
                out[n] = a[t]
                out_totals[n] = a_totals[t]
                n += 1
    else:
        i = 0
        for k in range(len(b)):
            i = seek(a, i, b[k])
            if i == len(a):
                break
            if a[i] == b[k]:
                out[n] = a[i]
                out_totals[n] = a_totals[i]
                n += 1
    return out[:n], out_totals[:n]


@compiled
def postings_with(
    post_starts: Longs, post_ids: Ints, post_totals: Floats, l_words: Ints, lo: int, hi: int
) -> tuple[Ints, Floats]:
    """The names on one list (those of its words `l_words[lo:hi]`), ascending, with totals."""
    n = l_words[lo]
    out = post_ids[post_starts[n] : post_starts[n + 1]]
    out_totals = post_totals[post_starts[n] : post_starts[n + 1]]
    for k in range(lo + 1, hi):
        n = l_words[k]
        a, b = post_starts[n], post_starts[n + 1]
        out, out_totals = union_with(out, out_totals, post_ids[a:b], post_totals[a:b])
    return out, out_totals


@compiled
def mark_held(values: Ints, sorted_ids: Ints, out: Flags) -> None:
    """Set `out[t]` where the ascending `sorted_ids` hold `values[t]` (ascending); keep the rest.

    Called once for each word of a list, it marks the names on the list
    without building the union of its words' names.
    """
    if len(values) <= len(sorted_ids):
        k = 0
        for t in range(len(values)):
            k = seek(sorted_ids, k, values[t])
            if k == len(sorted_ids):
                return
            out[t] |= sorted_ids[k] == values[t]
    else:
        t = 0
        for k in range(len(sorted_ids)):
            t = seek(values, t, sorted_ids[k])
            if t == len(values):
                return
            out[t] |= values[t] == sorted_ids[k]


@compiled
def kept_held(
    values: Ints,
    totals: Floats,
    posts: tuple[Longs, Ints],
    l_words: Ints,
    lo: int,
    hi: int,
    seen: Bits,
) -> tuple[Ints, Floats]:
    """The names of `values` (ascending) on a list, with their totals: an intersection.

    The list's names are those of its words `l_words[lo:hi]`; `posts` is
    the index's (post_starts, post_ids). Lists of like length go through the
    bitmap `seen` (`kept_marked`; empty: never). Otherwise a list of several
    words is read word by word (`mark_held`), its union never built.
    """
    post_starts, post_ids = posts
    if like_length(seen, list_size(post_starts, l_words[lo:hi]), len(values)):
        return kept_marked(values, totals, posts, l_words[lo:hi], seen)
    if hi - lo == 1:
        n = l_words[lo]
        return intersect_with(values, totals, post_ids[post_starts[n] : post_starts[n + 1]])
    held = np.zeros(len(values), dtype=np.bool_)
    for k in range(lo, hi):
        n = l_words[k]
        mark_held(values, post_ids[post_starts[n] : post_starts[n + 1]], held)
    out = np.empty(len(values), dtype=np.int32)
    out_totals = np.empty(len(values), dtype=np.float64)
    m = 0
    for t in range(len(values)):
        if held[t]:
            out[m] = values[t]
            out_totals[m] = totals[t]
            m += 1
    return out[:m], out_totals[:m]


@inlined
def like_length(seen: Bits, size: int, n: int) -> bool:
    """Whether a list of `size` names and `n` names to look up on it go through `seen`."""
    return len(seen) > 0 and size <= MARK_RATIO * n and n <= MARK_RATIO * size


@inlined
def list_size(post_starts: Longs, l_words: Ints) -> int:
    """How many names the words `l_words` list, together."""
    size = 0
    for w in l_words:
        size += post_starts[w + 1] - post_starts[w]
    return size


@inlined
def mark_list(posts: tuple[Longs, Ints], l_words: Ints, seen: Bits, on: bool) -> None:
    """Set the bits in `seen` of the names the words `l_words` list, or clear their words.

    `seen` holds a bit for every entry, all clear, and is left clear: the
    words of a list's bits are cleared whole, since only the list set them.
    """
    post_starts, post_ids = posts
    one = np.uint64(1)
    for w in l_words:
        for k in range(post_starts[w], post_starts[w + 1]):
            i = post_ids[k]
            if on:
                seen[i >> 6] |= one << np.uint64(i & 63)
            else:
                seen[i >> 6] = 0


@inlined
def marked(seen: Bits, i: int | np.integer[Any]) -> bool:
    """Whether entry `i`'s bit is set in `seen`."""
    return bool((seen[i >> 6] >> np.uint64(i & 63)) & np.uint64(1))


@compiled
def kept_marked(
    values: Ints, totals: Floats, posts: tuple[Longs, Ints], l_words: Ints, seen: Bits
) -> tuple[Ints, Floats]:
    """`kept_held` through a bitmap: the list's names are marked in `seen`, `values` tested."""
    mark_list(posts, l_words, seen, True)
    out = np.empty(len(values), dtype=np.int32)
    out_totals = np.empty(len(values), dtype=np.float64)
    m = 0
    for t in range(len(values)):
        if marked(seen, values[t]):
            out[m] = values[t]
            out_totals[m] = totals[t]
            m += 1
    mark_list(posts, l_words, seen, False)
    return out[:m], out_totals[:m]


@compiled
def held_on(values: Ints, posts: tuple[Longs, Ints], l_words: Ints, seen: Bits, out: Flags) -> None:
    """Set `out[t]` where the list of the words `l_words` holds `values[t]`; keep the rest.

    `values` ascending. Through the bitmap `seen` when the list and `values`
    are of like length (`like_length`), else word by word (`mark_held`).
    """
    post_starts, post_ids = posts
    if not like_length(seen, list_size(post_starts, l_words), len(values)):
        for w in l_words:
            mark_held(values, post_ids[post_starts[w] : post_starts[w + 1]], out)
        return
    mark_list(posts, l_words, seen, True)
    for t in range(len(values)):
        out[t] |= marked(seen, values[t])
    mark_list(posts, l_words, seen, False)


@compiled
def holds(sorted_ids: Ints, i: int | np.integer[Any]) -> bool:
    """Whether entry `i` is in the ascending `sorted_ids`."""
    if not len(sorted_ids):
        return False
    return bool(sorted_ids[min(np.searchsorted(sorted_ids, i), len(sorted_ids) - 1)] == i)
