"""The arrays the compiled name search reads and makes, as typed named tuples (pure).

`IndexArrays` names the index's arrays in the order `name_search.search`
takes them; the others are what its phases (`search_phases.py`,
`search_scoring.py`) hand on. Numba compiles the phases into the search
itself, but a phase still takes the arrays it reads one by one, not a whole
tuple: see `search_scoring`.
"""

from __future__ import annotations

from typing import NamedTuple

from banwatch.matching.search_lists import Flags, Floats, Ints, Longs


class IndexArrays(NamedTuple):
    """The index's arrays (`NameIndex._arrays`)."""

    words: Ints  # name i's word ids: words[starts[i]:starts[i + 1]]
    weights: Floats  # beside each word, its weight in that name
    starts: Longs
    totals: Floats  # each name's total weight
    rank: Ints  # each name's place among readings tied on score and alignment
    post_starts: Longs  # the names holding word w: post_ids[post_starts[w]:post_starts[w + 1]]
    post_ids: Ints
    post_totals: Floats  # beside each posting, its name's total, negated if it repeats a word
    near_starts: Longs  # the near-typo words of indexed word w, the same way
    near_ids: Ints
    near_sims: Floats
    heaviest: Floats  # the most each word weighs in any name
    numeric: Flags  # whether each word is a number


class NearWords(NamedTuple):
    """The near-typo words of each query position, and of the query as a whole (`Near`)."""

    starts: Longs  # position p's near words: ids[starts[p]:starts[p + 1]]
    ids: Ints
    sims: Floats
    any_ids: Ints  # each near word once, with its best similarity to any query word
    any_sims: Floats


class WordLists(NamedTuple):
    """One list per distinct indexed query word (`_WordList`), in the order built."""

    weight: Floats  # what a name on the list can agree with of the query, at most
    theirs: Floats  # what of the name's own weight can agree, at most
    size: Longs  # names on the list's words together
    lo: Longs  # list j's words: words[lo[j]:hi[j]]
    hi: Longs
    words: Ints
    order: Longs  # the lists, shortest first


class Best(NamedTuple):
    """The best readings so far, best first (`search_scoring.keep_best`)."""

    ids: Longs
    scores: Floats
    aligned: Floats
    ranks: Longs
