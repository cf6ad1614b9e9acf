"""The search of one name over the whole index, compiled to machine code by numba (pure).

`NameIndex.search` (names.py) turns a query into arrays and calls `search`
here, which does what `NameIndex.candidates` and the best-first loop of
`NameIndex.search_python` (name_reference.py) do, phase by phase, each
phase named after the Python step it mirrors (`search_phases.py`,
`search_scoring.py`): pick candidates from the word lists, bound them, and
score them from the highest bound down until no candidate left can change
the readings. The arithmetic is the Python code's, term by term and in the
same order, so every bound and score is equal to the last bit and the
readings are the same (`tests/matching/test_name_search.py` compares them).

The phases are compiled into `search` itself (numba's `inline="always"`):
called as separate compiled functions, the same readings came 6-13% slower,
since every call counts a reference to each array it is handed.

A name's words are numbered (`WordSlots.ids`); an entry is the slice
`words[starts[i]:starts[i + 1]]` of one flat array. Only scores that round to
four places at a hair from a half cannot be rounded as Python's `round` does
here; for those the search reports `FALLBACK` and the caller uses the Python
path.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from banwatch.matching.compiled import compiled, forget_stale_code, inlined
from banwatch.matching.search_arrays import Best, NearWords
from banwatch.matching.search_lists import Bits, Flags, Floats, Ints, Longs, holds
from banwatch.matching.search_memory import ahead
from banwatch.matching.search_phases import (
    bounds,
    candidates,
    light_words,
    lists_held,
    near_words,
    query_parts,
    shared_enough,
    word_lists,
)
from banwatch.matching.search_rules import (
    CORE_SCORE,
    MAX_READINGS,
    longest_total,
    on_every_list,
)
from banwatch.matching.search_scoring import (
    found_back,
    found_near,
    keep_best,
    no_readings,
    places_named,
    rounded_alignment,
    ruled,
    write_readings,
)

FALLBACK = -1  # a score needs Python's exact rounding

# The phases are compiled into `search`: its cached code is stale when they change.
forget_stale_code(__file__, Path(__file__).parent.glob("search_*.py"))

# A query as `search` takes it (`name_queries.packed_query`): query, query_weights, core, m,
# n_ext, q_total (`search_phases.query_parts` reads the two arrays' parts back).
QueryTuple = tuple[Ints, Floats, Ints, int, int, float]
# `IndexArrays` as a plain tuple; (place weight, review cap, threshold, margin).
IndexTuple = tuple[
    Ints, Floats, Longs, Floats, Ints, Longs, Ints, Floats, Longs, Ints, Floats, Floats, Flags
]
Rules = tuple[float, float, float, float]


@compiled
def search(
    words: Ints,
    weights: Floats,
    starts: Longs,
    totals: Floats,
    rank: Ints,
    post_starts: Longs,
    post_ids: Ints,
    post_totals: Floats,
    near_starts: Longs,
    near_ids: Ints,
    near_sims: Floats,
    heaviest: Floats,
    numeric: Flags,
    query: Ints,
    query_weights: Floats,
    core: Ints,
    m: int,
    n_ext: int,
    q_total: float,
    place_weight: float,
    review_cap: float,
    threshold: float,
    margin: float,
    out_ids: Longs,
    out_values: Floats,
) -> int:
    """The readings of one query, at most `MAX_READINGS`, best first: see the module text.

    Returns how many readings it wrote to `out_ids` (entry numbers) and
    `out_values` (their scores, then from `MAX_READINGS` on their
    alignments), or `FALLBACK`: the caller's arrays, since handing new
    arrays back to Python costs more than a short search. The index's
    arrays are `IndexArrays`'; `query` and `query_weights` pack the
    query's parts (`query_parts`): an array made in Python costs a µs.
    """
    index = (words, weights, starts, totals, rank, post_starts, post_ids, post_totals)
    near_index = (near_starts, near_ids, near_sims, heaviest, numeric)
    posed = (query, query_weights, core, m, n_ext, q_total)
    rules = (place_weight, review_cap, threshold, margin)
    no_bits = np.empty(0, dtype=np.uint64)  # not a global: numba's are read-only
    return searched(index + near_index, posed, rules, (out_ids, out_values), no_bits)


@inlined
def searched(
    index: IndexTuple, posed: QueryTuple, rules: Rules, out: tuple[Longs, Floats], seen: Bits
) -> int:
    """`search`, with a bitmap of entries (`kept_held`) that a batch clears once.

    A single search does without (an empty one): clearing one costs more than it saves.
    """
    words, weights, starts, totals, rank, post_starts, post_ids, post_totals = index[:8]
    near_starts, near_ids, near_sims, heaviest, numeric = index[8:]
    query, query_weights, core, m, n_ext, q_total = posed
    threshold, margin = rules[2], rules[3]
    out_ids, out_values = out
    qids, keys, qnum, ext_starts, ext_ids, qweights, ext_sims = query_parts(
        query, query_weights, m, n_ext
    )
    near_of = (post_starts, near_starts, near_ids, near_sims)
    near = near_words(near_of, qids, (ext_starts, ext_ids, ext_sims))
    light = light_words(heaviest, qweights, near.starts, near.ids)
    lists = word_lists(post_starts, heaviest, (qids, keys, qweights), near.starts, near.ids)
    weight, theirs, _, lo, hi, l_words, order = lists
    gives, required, first = chosen = shared_enough(weight, order, light[0], q_total, threshold)
    taken = candidates(
        (post_starts, post_ids, post_totals), (l_words, lo, hi), gives, required, first, seen
    )
    on = lists_held(post_starts, post_ids, (l_words, lo, hi, order), taken[0], chosen, seen)
    longest = longest_total(on_every_list(weight, theirs, order, light), q_total, threshold)
    pool = bounds(core, taken, (weight, theirs, order), on, light, (q_total, threshold, longest))
    best = no_readings()
    scored_index = (words, weights, starts, totals, numeric, rank)
    scored = (qids, qnum, qweights, core, q_total)
    n_top = best_first(scored_index, scored, near, pool, best, rules)
    if n_top < 0:
        return FALLBACK
    top = threshold if n_top == 0 else max(threshold, best.scores[0])
    return write_readings(best, n_top, max(threshold, top - margin), out_ids, out_values)


@inlined
def best_first(
    index: tuple[Ints, Floats, Longs, Floats, Flags, Ints],
    query: tuple[Ints, Ints, Floats, Ints, float],
    near: NearWords,
    pool: tuple[Longs, Floats, Longs],
    best: Best,
    rules: tuple[float, float, float, float],
) -> int:
    """`search_python`'s loop: score candidates from the highest bound down; how many kept.

    Stops once no candidate left can come within `margin` of the best, or
    beat the `MAX_READINGS`-th best. `FALLBACK` when a score needs Python's
    exact rounding. Each array is read out of its tuple once, here: see
    `search_scoring`.
    """
    words, weights, starts, totals, numeric, rank = index
    qids, qnum, qweights, core, q_total = query
    near_starts, near_ids, near_sims, any_ids, any_sims = near
    pool_ids, pool_bounds, by_bound = pool
    ids, scores, aligns, ranks = best
    place, cap, threshold, margin = rules
    n_top = 0
    top = floor = threshold
    n_pool = len(by_bound)
    for r in range(n_pool):
        i = pool_ids[by_bound[r]]
        if pool_bounds[by_bound[r]] < floor:
            break
        ahead(index, pool_ids, by_bound, r, n_pool)
        s, e = starts[i], starts[i + 1]
        fq, q_short, q_lacking, q_generic, q_num, q_other = found_near(
            words, s, e, qids, qnum, qweights, near_starts, near_ids, near_sims, place
        )
        fc, c_short, c_lacking, c_generic, c_num, c_other = found_back(
            words, weights, numeric, s, e, qids, any_ids, any_sims, place
        )
        exact, aligned = rounded_alignment(fq, fc, q_total, totals[i])
        if not exact:
            return FALLBACK
        core_named = (
            aligned < CORE_SCORE
            and holds(core, i)
            and not (q_generic and c_generic)
            and places_named(words, weights, s, e, qids, place)
        )
        doubtful = q_short or c_short or q_lacking or c_lacking
        score, aligned = ruled(
            aligned, core_named, (q_num, c_num, q_other or c_other), doubtful, cap
        )
        if score < floor:
            continue
        kept = keep_best(ids, scores, aligns, ranks, n_top, (i, score, aligned, rank[i]))
        if kept < 0:
            continue
        n_top = kept
        top = max(top, score)
        floor = max(floor, top - margin)
        if n_top == MAX_READINGS:
            floor = max(floor, scores[MAX_READINGS - 1])
    return n_top


@inlined
def listed_query(
    index: tuple[Ints, Floats, Longs, Flags],
    i: int,
    ext_starts: Longs,
    ext_ids: Ints,
    ext_sims: Floats,
    prone: Flags,
) -> tuple[Ints, Floats, int]:
    """Entry `i` as a query, packed as `name_queries.query_lists` packs one: (ints, floats, n_ext).

    `index` is the index's (words, weights, starts, numeric).
    """
    words, weights, starts, numeric = index
    s, e = starts[i], starts[i + 1]
    m = e - s
    n_ext = 0
    for p in range(s, e):
        w = words[p]
        n_ext += ext_starts[w + 1] - ext_starts[w] if prone[w] else 0
    query = np.empty(4 * m + 1 + n_ext, dtype=np.int32)
    query_weights = np.empty(m + n_ext, dtype=np.float64)
    x = 4 * m + 1  # where the near words go
    query[3 * m] = 0
    for p in range(m):
        w = words[s + p]
        query[p] = w
        key = p  # a repeated word takes the number of its first place
        for r in range(p):
            if words[s + r] == w:
                key = query[m + r]
                break
        if key == p:
            key = 0
            for r in range(p):
                key = max(key, query[m + r] + 1)
        query[m + p] = key
        query[2 * m + p] = 1 if numeric[w] else 0
        query_weights[p] = weights[s + p]
        if prone[w]:
            for j in range(ext_starts[w], ext_starts[w + 1]):
                query[x] = ext_ids[j]
                query_weights[m + x - 4 * m - 1] = ext_sims[j]
                x += 1
        query[3 * m + 1 + p] = x - 4 * m - 1
    return query, query_weights, n_ext


@inlined
def slots(n: int) -> tuple[Longs, Longs, Floats, Floats]:
    """Room for the readings of `n` names, each its own row: (counts, ids, scores, aligned)."""
    return (
        np.zeros(n, dtype=np.int64),
        np.empty((n, MAX_READINGS), dtype=np.int64),
        np.empty((n, MAX_READINGS), dtype=np.float64),
        np.empty((n, MAX_READINGS), dtype=np.float64),
    )


@inlined
def packed(
    counts: Longs, slot_ids: Longs, slot_scores: Floats, slot_aligned: Floats
) -> tuple[Longs, Longs, Floats, Floats]:
    """Each name's readings from its own slots, one name after another, with their starts."""
    n = len(counts)
    out_starts = np.zeros(n + 1, dtype=np.int64)
    out_starts[1:] = np.cumsum(counts)
    out_ids = np.empty(out_starts[n], dtype=np.int64)
    out_scores = np.empty(out_starts[n], dtype=np.float64)
    out_aligned = np.empty(out_starts[n], dtype=np.float64)
    for k in range(n):
        for r in range(counts[k]):
            out_ids[out_starts[k] + r] = slot_ids[k, r]
            out_scores[out_starts[k] + r] = slot_scores[k, r]
            out_aligned[out_starts[k] + r] = slot_aligned[k, r]
    return out_starts, out_ids, out_scores, out_aligned


@compiled
def listed_names(
    names: Longs,
    words: Ints,
    weights: Floats,
    starts: Longs,
    totals: Floats,
    rank: Ints,
    post_starts: Longs,
    post_ids: Ints,
    post_totals: Floats,
    near_starts: Longs,
    near_ids: Ints,
    near_sims: Floats,
    heaviest: Floats,
    numeric: Flags,
    core_of: Longs,
    core_starts: Longs,
    core_ids: Ints,
    ext_starts: Longs,
    ext_ids: Ints,
    ext_sims: Floats,
    prone: Flags,
    place_weight: float,
    review_cap: float,
    threshold: float,
) -> tuple[Flags, Longs, Longs, Floats, Floats]:
    """`search` of each entry of `names` as a query, as `name_queries.query_lists` would pose it.

    Returned as (done, starts, entry numbers, scores, alignments): the
    readings of `names[k]` are `[starts[k]:starts[k + 1]]`, and `done[k]` is
    false where the search reported `FALLBACK`. `core_of[i]` is the group of
    entry `i` in `core_starts`/`core_ids` (-1 for none); `ext_*` hold, by
    word id, the near words of words no name lists, `prone[w]` whether `w`
    may be misspelt.
    """
    n = len(names)
    done = np.zeros(n, dtype=np.bool_)
    counts, slot_ids, slot_scores, slot_aligned = slots(n)
    found = np.empty(MAX_READINGS, dtype=np.int64)
    values = np.empty(2 * MAX_READINGS, dtype=np.float64)
    for k in range(n):
        i = names[k]
        query, query_weights, n_ext = listed_query(
            (words, weights, starts, numeric), i, ext_starts, ext_ids, ext_sims, prone
        )
        g = core_of[i]
        core = core_ids[core_starts[g] : core_starts[g + 1]] if g >= 0 else core_ids[:0]
        got = search(
            words, weights, starts, totals, rank, post_starts, post_ids, post_totals,
            near_starts, near_ids, near_sims, heaviest, numeric, query, query_weights, core,
            starts[i + 1] - starts[i], n_ext, totals[i], place_weight, review_cap, threshold,
            1.0, found, values,
        )  # fmt: skip
        done[k] = got != FALLBACK
        counts[k] = max(got, 0)
        for r in range(got):
            slot_ids[k, r] = found[r]
            slot_scores[k, r] = values[r]
            slot_aligned[k, r] = values[MAX_READINGS + r]
    return (done, *packed(counts, slot_ids, slot_scores, slot_aligned))


@compiled
def search_many(
    index: IndexTuple,
    queries: Ints,
    query_starts: Longs,
    query_weights: Floats,
    weight_starts: Longs,
    shapes: Longs,
    q_totals: Floats,
    core_groups: tuple[Longs, Ints],
    rules: Rules,
    counts: Longs,
    out_ids: Longs,
    out_values: Floats,
) -> int:
    """`search` of many queries, one after another: row k of the outputs is query k's.

    Query k is `queries[query_starts[k]:query_starts[k + 1]]` and its
    floats likewise; `shapes[k]` holds its (m, n_ext, core group or -1);
    `counts[k]` is how many readings it wrote, or `FALLBACK`. Packed by
    `name_queries.search_many`. `index` is `IndexArrays`, `core_groups`
    the index's (core_starts, core_ids), `rules` (place weight, review
    cap, threshold, margin): a tuple is one argument for numba to check.
    """
    starts = index[2]
    core_starts, core_ids = core_groups
    seen = np.zeros((len(starts) + 62) // 64, dtype=np.uint64)  # a bit an entry, left clear
    for k in range(len(counts)):
        m, n_ext, g = shapes[k, 0], shapes[k, 1], shapes[k, 2]
        core = core_ids[core_starts[g] : core_starts[g + 1]] if g >= 0 else core_ids[:0]
        query = queries[query_starts[k] : query_starts[k + 1]]
        floats = query_weights[weight_starts[k] : weight_starts[k + 1]]
        posed = (query, floats, core, m, n_ext, q_totals[k])
        counts[k] = searched(index, posed, rules, (out_ids[k], out_values[k]), seen)
    return len(counts)
