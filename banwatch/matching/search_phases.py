"""The compiled search's phases up to the candidates' bounds, named after the Python reference.

Each phase does what the function or step of `name_reference.py` it is
named after does, with the same arithmetic in the same order, so that every
bound is equal to the last bit. They are compiled into `name_search.search`
itself (`inlined`), not called from it, and take the arrays they read one by
one: handing numba a named tuple counts a reference to each of its arrays at
every call, even in code compiled inline, and allocating costs about as much
as a phase; together that made the search 8% slower.
"""

from __future__ import annotations

import numpy as np

from banwatch.matching.compiled import inlined
from banwatch.matching.search_arrays import NearWords, WordLists
from banwatch.matching.search_lists import (
    Bits,
    Flags,
    Floats,
    Ints,
    Longs,
    held_on,
    kept_held,
    postings_with,
    union_with,
)
from banwatch.matching.search_rules import (
    CORE_SCORE,
    EXACT_SCORE,
    INDEX_MIN_WEIGHT,
    name_bound,
    reachable,
)


@inlined
def query_parts(
    query: Ints, query_weights: Floats, m: int, n_ext: int
) -> tuple[Ints, Ints, Ints, Ints, Ints, Floats, Floats]:
    """The query's parts, from the two arrays `name_queries.query_lists` packs them in.

    (word ids, distinct-word numbers, number flags, near words' starts by
    position, their ids, the words' weights, the near words' similarities):
    as `name_queries.query_lists` packs them.
    """
    return (
        query[:m],
        query[m : 2 * m],
        query[2 * m : 3 * m],
        query[3 * m : 4 * m + 1],
        query[4 * m + 1 : 4 * m + 1 + n_ext],
        query_weights[:m],
        query_weights[m:],
    )


@inlined
def is_listed(post_starts: Longs, w: int) -> bool:
    """Whether word id `w` is an indexed word (some name lists it)."""
    return w >= 0 and post_starts[w + 1] > post_starts[w]


@inlined
def near_any(ids: Ints, sims: Floats) -> tuple[Ints, Floats]:
    """`Near.any`: each near word once, at its best similarity to any query word."""
    any_ids = np.empty(len(ids), dtype=np.int32)
    any_sims = np.empty(len(ids), dtype=np.float64)
    n_any = 0
    for k in range(len(ids)):
        seen = False
        for j in range(n_any):
            if any_ids[j] == ids[k]:
                any_sims[j] = max(sims[k], any_sims[j])
                seen = True
                break
        if not seen:
            any_ids[n_any] = ids[k]
            any_sims[n_any] = sims[k]
            n_any += 1
    return any_ids[:n_any], any_sims[:n_any]


@inlined
def near_words(
    near_of: tuple[Longs, Longs, Ints, Floats], qids: Ints, ext: tuple[Ints, Ints, Floats]
) -> NearWords:
    """`NameIndex.near`: the index's near words of a listed word, the query's of another.

    `near_of` is the index's (post_starts, near_starts, near_ids, near_sims),
    `ext` the query's (ext_starts, ext_ids, ext_sims).
    """
    post_starts, near_starts, near_ids, near_sims = near_of
    ext_starts, ext_ids, ext_sims = ext
    m = len(qids)
    starts = np.zeros(m + 1, dtype=np.int64)
    count = 0
    for p in range(m):
        w = qids[p]
        if is_listed(post_starts, w):
            count += near_starts[w + 1] - near_starts[w]
        else:
            count += ext_starts[p + 1] - ext_starts[p]
        starts[p + 1] = count
    ids = np.empty(count, dtype=np.int32)
    sims = np.empty(count, dtype=np.float64)
    at = 0
    for p in range(m):
        w = qids[p]
        if is_listed(post_starts, w):
            for k in range(near_starts[w], near_starts[w + 1]):
                ids[at] = near_ids[k]
                sims[at] = near_sims[k]
                at += 1
        else:
            for k in range(ext_starts[p], ext_starts[p + 1]):
                ids[at] = ext_ids[k]
                sims[at] = ext_sims[k]
                at += 1
    any_ids, any_sims = near_any(ids, sims)
    return NearWords(starts, ids, sims, any_ids, any_sims)


@inlined
def light_words(
    heaviest: Floats, qweights: Floats, near_starts: Longs, near_ids: Ints
) -> tuple[float, float]:
    """`candidates`' light words: their weight, and what of a name's own can agree with them."""
    light = 0.0
    light_theirs = 0.0
    for p in range(len(qweights)):
        w = qweights[p]
        if w < INDEX_MIN_WEIGHT:
            light += w
            near_weight = 0.0
            for j in range(near_starts[p], near_starts[p + 1]):
                near_weight += heaviest[near_ids[j]]
            light_theirs += w + near_weight
    return light, light_theirs


@inlined
def distinct_words(keys: Ints, qweights: Floats) -> tuple[Floats, Longs, Longs]:
    """Each distinct query word's weight, how often it is written, and its first position."""
    n_keys = 0
    for p in range(len(keys)):
        n_keys = max(n_keys, keys[p] + 1)
    key_weight = np.zeros(n_keys, dtype=np.float64)
    key_times = np.zeros(n_keys, dtype=np.int64)
    key_first = np.zeros(n_keys, dtype=np.int64)
    for p in range(len(keys)):
        k = keys[p]
        if key_times[k] == 0:
            key_first[k] = p
        key_times[k] += 1
        key_weight[k] = qweights[p]
    return key_weight, key_times, key_first


@inlined
def word_lists(
    post_starts: Longs,
    heaviest: Floats,
    query: tuple[Ints, Ints, Floats],
    near_starts: Longs,
    near_ids: Ints,
) -> WordLists:
    """`candidates`' word lists: the names holding each indexed query word or its near words.

    `query` is the query's (word ids, distinct-word numbers, weights).
    """
    qids, keys, qweights = query
    key_weight, key_times, key_first = distinct_words(keys, qweights)
    n_keys = len(key_weight)
    weight = np.zeros(n_keys, dtype=np.float64)
    theirs = np.zeros(n_keys, dtype=np.float64)
    size = np.zeros(n_keys, dtype=np.int64)
    lo = np.zeros(n_keys, dtype=np.int64)
    hi = np.zeros(n_keys, dtype=np.int64)
    words = np.empty(len(near_ids) + n_keys, dtype=np.int32)
    n_lists = n_words = 0
    for k in range(n_keys):
        w = key_weight[k]
        if w < INDEX_MIN_WEIGHT:
            continue
        w = w * key_times[k]  # a word written twice counts twice, as in the alignment
        p = key_first[k]
        held = is_listed(post_starts, qids[p])
        if not held and near_starts[p + 1] == near_starts[p]:
            continue
        weight[n_lists] = w
        lo[n_lists] = n_words
        theirs_sum = 0.0
        if held:
            words[n_words] = qids[p]
            n_words += 1
            theirs_sum += heaviest[qids[p]]
        for j in range(near_starts[p], near_starts[p + 1]):
            words[n_words] = near_ids[j]
            n_words += 1
            theirs_sum += heaviest[near_ids[j]]
        for x in range(lo[n_lists], n_words):
            size[n_lists] += post_starts[words[x] + 1] - post_starts[words[x]]
        hi[n_lists] = n_words
        theirs[n_lists] = max(w, theirs_sum)
        n_lists += 1
    order = np.argsort(size[:n_lists], kind="mergesort")
    return WordLists(
        weight[:n_lists], theirs[:n_lists], size[:n_lists], lo[:n_lists], hi[:n_lists], words, order
    )


@inlined
def shared_enough(
    weight: Floats, order: Longs, light: float, q_total: float, threshold: float
) -> tuple[Flags, Flags, int]:
    """`_shared_enough`: which lists give candidates, and which are required after the first.

    Returns (gives, required, first required list or -1).
    """
    n_lists = len(weight)
    gives = np.zeros(n_lists, dtype=np.bool_)
    required = np.zeros(n_lists, dtype=np.bool_)
    for r in range(n_lists):
        j = order[r]
        rest = 0.0
        for s in range(r, n_lists):
            rest += weight[order[s]]
        total = light + rest
        if reachable(q_total, total) < threshold:
            break
        if reachable(q_total, total - weight[j]) >= threshold:
            gives[j] = True
            continue
        for s in range(r + 1, n_lists):
            other = order[s]
            if reachable(q_total, total - weight[other]) < threshold:
                required[other] = True
        return gives, required, j
    return gives, required, -1


@inlined
def candidates(
    posts: tuple[Longs, Ints, Floats],
    lists: tuple[Ints, Longs, Longs],
    gives: Flags,
    required: Flags,
    first_required: int,
    seen: Bits,
) -> tuple[Ints, Floats]:
    """The candidates, each once, ascending, with their signed totals (`post_totals`).

    The names on a list that gives candidates, and those on every required
    list. `posts` is the index's (post_starts, post_ids, post_totals), `lists`
    the lists' (words, lo, hi). A required list's names are looked up
    (`kept_held`, through the bitmap `seen` if it is not empty), not walked.
    """
    post_starts, post_ids, post_totals = posts
    words, lo, hi = lists
    taken = np.empty(0, dtype=np.int32)
    taken_totals = np.empty(0, dtype=np.float64)
    for j in range(len(gives)):
        if gives[j]:
            ids, tots = postings_with(post_starts, post_ids, post_totals, words, lo[j], hi[j])
            taken, taken_totals = union_with(taken, taken_totals, ids, tots)
    if first_required >= 0:
        f = first_required
        both, both_totals = postings_with(post_starts, post_ids, post_totals, words, lo[f], hi[f])
        for o in range(len(required)):
            if required[o]:
                both, both_totals = kept_held(
                    both, both_totals, (post_starts, post_ids), words, lo[o], hi[o], seen
                )
        taken, taken_totals = union_with(taken, taken_totals, both, both_totals)
    return taken, taken_totals


@inlined
def lists_held(
    post_starts: Longs,
    post_ids: Ints,
    lists: tuple[Ints, Longs, Longs, Longs],
    taken: Ints,
    chosen: tuple[Flags, Flags, int],
    seen: Bits,
) -> Flags:
    """What each candidate shares: `on[r, t]`, whether the r-th shortest list holds taken[t].

    `lists` is the lists' (words, lo, hi, order), `chosen` what `shared_enough`
    chose (gives, required, first required). When no list gives candidates,
    every candidate is on the first required list and on every required one
    (`candidates` intersected them): those lists are not read again. Another
    list's names are looked up (`held_on`, through the bitmap `seen`), not merged first.
    """
    words, lo, hi, order = lists
    gives, required, first = chosen
    none_gives = not gives.any()
    on = np.zeros((len(order), len(taken)), dtype=np.bool_)
    for r in range(len(order)):
        j = order[r]
        if none_gives and (j == first or required[j]):
            on[r] = True
            continue
        held_on(taken, (post_starts, post_ids), words[lo[j] : hi[j]], seen, on[r])
    return on


@inlined
def bounds(
    core: Ints,
    taken: tuple[Ints, Floats],
    lists: tuple[Floats, Floats, Longs],
    on: Flags,
    light: tuple[float, float],
    cut: tuple[float, float, float],
) -> tuple[Longs, Floats, Longs]:
    """Every candidate whose bound reaches the threshold, and the order of `_by_bound`.

    The core key's names may score CORE_SCORE: at most that or their own
    bound, whichever is higher (a core name on no list gets 1.0). The pool is
    filled from the highest entry number down, so that a stable sort by bound
    gives the order of `_by_bound`: highest bound first, then highest entry.
    `lists` is the lists' (weight, theirs, order), `cut` (q_total, threshold, longest total).
    """
    taken_ids, taken_totals = taken
    weight, theirs, order = lists
    q_total, threshold, longest = cut
    pool_ids = np.empty(len(core) + len(taken_ids), dtype=np.int64)
    pool_bounds = np.empty(len(core) + len(taken_ids), dtype=np.float64)
    n_pool = 0
    c = len(core) - 1
    t = len(taken_ids) - 1
    while c >= 0 or t >= 0:
        if t < 0 or (c >= 0 and core[c] > taken_ids[t]):
            pool_ids[n_pool] = core[c]
            pool_bounds[n_pool] = EXACT_SCORE
            n_pool += 1
            c -= 1
            continue
        i = taken_ids[t]
        in_core = c >= 0 and core[c] == i
        if taken_totals[t] >= longest and not in_core:
            t -= 1  # its bound on every list falls short (`search_rules.longest_total`)
            continue
        b = candidate_bound(weight, theirs, order, on, t, light, q_total, taken_totals[t])
        t -= 1
        if in_core:
            b = max(b, CORE_SCORE)
            c -= 1
        if b >= threshold:
            pool_ids[n_pool] = i
            pool_bounds[n_pool] = b
            n_pool += 1
    return pool_ids, pool_bounds, highest_first(pool_bounds, n_pool)


# Pools up to this long are sorted by insertion, in place: most pools hold a
# name or a few, and numba's merge sort allocates its own arrays.
SHORT_POOL = 16


@inlined
def highest_first(values: Floats, n: int) -> Longs:
    """`np.argsort(-values[:n], kind="mergesort")`: the highest first, equal ones in place order."""
    if n > SHORT_POOL:
        return np.argsort(-values[:n], kind="mergesort")
    order = np.empty(n, dtype=np.int64)
    for r in range(n):
        v = values[r]
        at = r
        while at > 0 and values[order[at - 1]] < v:
            order[at] = order[at - 1]
            at -= 1
        order[at] = r
    return order


@inlined
def candidate_bound(
    weight: Floats,
    theirs: Floats,
    order: Longs,
    on: Flags,
    t: int,
    light: tuple[float, float],
    q_total: float,
    c_total: float,
) -> float:
    """`candidates`' bound of the t-th candidate, from the lists it is on, shortest first."""
    agree, agree_theirs = light
    for r in range(len(order)):
        if on[r, t]:
            agree += weight[order[r]]
            agree_theirs += theirs[order[r]]
    return name_bound(agree, agree_theirs, q_total, c_total)
