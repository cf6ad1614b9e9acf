"""The readings of the listed names themselves, searched once and kept (pure).

A name screened that is written as a listed one (the same words) then costs
a look-up, not a search, and still gets every other reading (monotonicity:
an exact name hides none). `keep_listed_readings` searches every listed name
with the compiled search (`name_search.listed_names`), on every core.
"""

from __future__ import annotations

import os
from array import array
from concurrent.futures import ThreadPoolExecutor
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from banwatch.matching import name_search
from banwatch.matching.lexicon import PLACE_WEIGHT
from banwatch.matching.name_hits import NameHit, _hit
from banwatch.matching.name_index_build import flat
from banwatch.matching.normalize import TYPO_SHORTEST, NameForm, is_cjk
from banwatch.matching.search_rules import EXACT_SCORE, MAX_READINGS

if TYPE_CHECKING:
    from banwatch.matching.names import NameIndex

# Listed names searched by one thread at a time when their readings are kept.
LISTED_SLICE = 16_384


class _ListedReadings(NamedTuple):
    """The readings of the listed names as queries (`NameIndex.keep_listed_readings`)."""

    threshold: float
    at: array[int]  # by entry number: its readings' row, -1 for none kept
    starts: array[int]  # row k's readings: [starts[k]:starts[k + 1]]
    ids: array[int]
    scores: array[float]
    aligned: array[float]


def _py_array(values: NDArray[Any]) -> array[Any]:
    """A numpy array of int64 or float64 as a Python array of the same items."""
    out = array("q" if values.dtype == np.int64 else "d")
    out.frombytes(values.tobytes())
    return out


# What `name_search.listed_names` returns: (done, starts, entry numbers, scores, alignments).
Found = tuple[NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64], NDArray[Any], NDArray[Any]]


def keep_listed_readings(index: NameIndex, threshold: float) -> None:
    """`NameIndex.keep_listed_readings`: search every listed name now, and keep its readings.

    Searches at a higher threshold filter these readings; a lower one
    searches again.
    """
    names = np.array([same[0] for same in index._by_key.values()], dtype=np.int64)
    done, counts, ids, scores, aligned = _searched(names, _listed_arrays(index, threshold))
    # A listed name's readings of the names written as it are its exact ones, which
    # `search_form` puts first: they are not kept twice.
    groups = list(index._by_key.values())
    key_of = np.empty(len(index.entries), dtype=np.int64)
    key_of[np.fromiter(chain.from_iterable(groups), dtype=np.int64, count=len(key_of))] = np.repeat(
        np.arange(len(groups)), [len(g) for g in groups]
    )
    row = np.repeat(np.arange(len(names)), counts)
    other = key_of[ids] != row
    ids, scores, aligned = ids[other], scores[other], aligned[other]
    starts = np.zeros(len(names) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row[other], minlength=len(names)), out=starts[1:])
    at = np.full(len(index.entries), -1, dtype=np.int64)
    at[names[done]] = np.flatnonzero(done)
    # Kept as Python arrays: one look-up reads a few of their items, which numpy
    # would box one by one at several times the cost.
    index._listed = _ListedReadings(
        threshold, *(_py_array(a) for a in (at, starts, ids, scores, aligned))
    )


def _listed_arrays(index: NameIndex, threshold: float) -> tuple[Any, ...]:
    """What `name_search.listed_names` takes after the names, for this index."""
    core_starts, core_ids = index._core_starts, index._core_ids
    core_of = np.full(len(index.entries), -1, dtype=np.int64)
    core_of[core_ids] = np.repeat(np.arange(len(core_starts) - 1), np.diff(core_starts))
    # Words no name lists that may be misspelt get their near words, as a query does
    # (`name_queries.query_lists`).
    vocab, indexed = index._vocab, index._indexed
    prone = np.array(
        [
            not indexed[w] and len(word) >= TYPO_SHORTEST and not is_cjk(word)
            for w, word in enumerate(vocab)
        ],
        dtype=np.bool_,
    )
    near = [(w, index._near_lists_of(vocab[w])) for w in np.flatnonzero(prone).tolist()]
    ext_starts, ext_ids = flat(len(vocab), ((w, ids) for w, (ids, _) in near), np.int32)
    _, ext_sims = flat(len(vocab), ((w, sims) for w, (_, sims) in near), np.float64)
    return (
        *index._arrays,
        core_of,
        core_starts,
        core_ids,
        ext_starts,
        ext_ids,
        ext_sims,
        prone,
        PLACE_WEIGHT,
        index.rules.review_cap,
        threshold,
    )


def _searched(
    names: NDArray[np.int64], arrays: tuple[Any, ...]
) -> tuple[NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64], NDArray[Any], NDArray[Any]]:
    """`name_search.listed_names` of `names`: (done, counts, entry numbers, scores, alignments).

    The compiled search lets go of the GIL: threads search slices of the names
    on every core (threads, not processes: nothing is copied).
    """
    slices = np.array_split(names, max(1, min(len(names) // LISTED_SLICE, 64)))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        parts: list[Found] = list(
            pool.map(lambda part: name_search.listed_names(part, *arrays), slices)
        )
    done = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([np.diff(p[1]) for p in parts])
    ids, scores, aligned = (np.concatenate([p[k] for p in parts]) for k in (2, 3, 4))
    return done, counts, ids, scores, aligned


def listed_hits(
    index: NameIndex, q: NameForm, exact: list[int], threshold: float, margin: float
) -> list[NameHit] | None:
    """A query written as a listed name: the names written as it, then its kept readings.

    Ten at most, as `_with_exact` gives them after a search. None when the
    query must be searched: another threshold or margin, or other words
    with the same letters.
    """
    listed = index._listed
    if listed is None or threshold < listed.threshold or margin < 1.0:
        return None
    first = exact[0]
    k = listed.at[first]
    if k < 0:
        return None
    entries = index.entries
    entry = entries[first]
    form = entry.form
    if form.words != q.words or form.weights != q.weights:
        return None  # "HIK Vision" for a listed "Hikvision": other words, other readings
    if len(exact) == 1:  # most listed names: the entry is at hand, no comprehension's frame
        hits = [_hit((entry, EXACT_SCORE, EXACT_SCORE, True))]
    else:
        hits = [_hit((entries[i], EXACT_SCORE, EXACT_SCORE, True)) for i in exact[:MAX_READINGS]]
    lo, hi = listed.starts[k], listed.starts[k + 1]
    if hi == lo:
        return hits
    scores = listed.scores
    # The kept readings are best first: those at `threshold` or more come first.
    while hi > lo and scores[hi - 1] < threshold:
        hi -= 1
    cap = lo + MAX_READINGS - len(hits)
    if hi > cap:
        hi = cap
    # Sliced and zipped in C: a listed name is read with no search, so this is most of its cost.
    got = map(entries.__getitem__, listed.ids[lo:hi])
    found = zip(got, scores[lo:hi], listed.aligned[lo:hi], _OTHER, strict=False)
    hits += map(_hit, found)
    return hits


_OTHER = repeat(False)  # no kept reading is of a name written as the query
