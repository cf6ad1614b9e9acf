"""The search of one name over the whole index, compiled to machine code by numba (pure).

`NameIndex.search` (names.py) turns a query into arrays and calls `search`
here, which does what `NameIndex.candidates` and the
best-first loop of `NameIndex.search_python` do: pick candidates from the
word lists, bound them, and score them from the highest bound down until no
candidate left can change the readings. The arithmetic is the Python code's, term by term and in
the same order, so every bound and score is equal to the last bit and the
readings are the same (`tests/matching/test_name_search.py` compares them).

A name's words are numbered (`WordSlots.ids`); an entry is the slice
`words[starts[i]:starts[i + 1]]` of one flat array. Only scores that round to
four places at a hair from a half cannot be rounded as Python's `round` does
here; for those the search reports `FALLBACK` and the caller uses the Python
path.
"""

from __future__ import annotations

import math

import numpy as np

from banwatch.matching.compiled import compiled
from banwatch.matching.normalize import DISTINCTIVE
from banwatch.matching.search_lists import (
    Flags,
    Floats,
    Ints,
    Longs,
    holds,
    intersect_with,
    member,
    postings,
    postings_with,
    union_with,
)
from banwatch.matching.search_rules import (
    CORE_SCORE,
    EXACT_SCORE,
    INDEX_MIN_WEIGHT,
    LONG_TYPO_FLOOR,
    MAX_READINGS,
    MIN_EVIDENCE,
    name_bound,
    reachable,
)

FALLBACK = -1  # a score needs Python's exact rounding

# The index's arrays as `search` takes them (`NameIndex._arrays`): words, weights,
# starts, totals, rank, post_starts, post_ids, post_totals, near_starts, near_ids,
# near_sims, heaviest, numeric.
IndexArrays = tuple[
    Ints, Floats, Longs, Floats, Ints, Longs, Ints, Floats, Longs, Ints, Floats, Floats, Flags
]
# A query as `search` takes it (`NameIndex._query`): query, query_weights, core, m,
# n_ext, q_total.
QueryArrays = tuple[Ints, Floats, Ints, int, int, float]


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
    arrays back to Python costs more than a short search. `rank` gives
    each entry's place among readings that tie on score and alignment (own
    names first, then by entity id); entries that share a place keep the
    order they were scored in, as in `NameIndex.search_python`.
    `post_totals[k]` is the total weight of the name `post_ids[k]`, negated
    when that name repeats a word. `heaviest[w]` is the most word `w` weighs
    in any name, and `numeric[w]` whether it is a number.

    One function on purpose, for speed: split into phase functions named
    after the Python reference (near words, word lists, `_shared_enough`,
    candidates, bounds, `_judge`, `_score`, keeping the best ten), each
    taking the index, the query and the near words as named tuples, the
    same readings came 9-13% slower in the compiled search alone (about
    +2.3 µs a searched name; 6% for `NameIndex.search` over the benchmark's
    20,000 names). A call to a compiled function counts a reference to each
    array it is handed, at entry, and lets it go at exit: two atomic
    operations per array per call, at every candidate for the scoring
    phases. Helpers compiled without reference counting (numba's
    `_nrt=False`) halved that cost but did not remove it.

    `qids` numbers the query's words (-2 for a word no name holds), `qkeys`
    tells repeated words apart from distinct words no name holds, and the
    `ext_*` arrays hold, by query position, the near-typo words of words no
    name lists (those of listed words are the index's `near_*`). `core`
    holds the entries with the query's core key, ascending.
    """
    qids = query[:m]
    qkeys = query[m : 2 * m]
    qnum = query[2 * m : 3 * m]
    ext_starts = query[3 * m : 4 * m + 1]
    ext_ids = query[4 * m + 1 : 4 * m + 1 + n_ext]
    qweights = query_weights[:m]
    ext_sims = query_weights[m:]
    # The near-typo words of each query position, and of the query as a whole.
    pn_start = np.zeros(m + 1, dtype=np.int64)
    count = 0
    for p in range(m):
        q = qids[p]
        if q >= 0 and post_starts[q + 1] > post_starts[q]:
            count += near_starts[q + 1] - near_starts[q]
        else:
            count += ext_starts[p + 1] - ext_starts[p]
        pn_start[p + 1] = count
    pn_ids = np.empty(count, dtype=np.int32)
    pn_sims = np.empty(count, dtype=np.float64)
    at = 0
    for p in range(m):
        q = qids[p]
        if q >= 0 and post_starts[q + 1] > post_starts[q]:
            for k in range(near_starts[q], near_starts[q + 1]):
                pn_ids[at] = near_ids[k]
                pn_sims[at] = near_sims[k]
                at += 1
        else:
            for k in range(ext_starts[p], ext_starts[p + 1]):
                pn_ids[at] = ext_ids[k]
                pn_sims[at] = ext_sims[k]
                at += 1
    any_ids = np.empty(count, dtype=np.int32)
    any_sims = np.empty(count, dtype=np.float64)
    n_any = 0
    for k in range(count):
        seen = False
        for j in range(n_any):
            if any_ids[j] == pn_ids[k]:
                any_sims[j] = max(pn_sims[k], any_sims[j])
                seen = True
                break
        if not seen:
            any_ids[n_any] = pn_ids[k]
            any_sims[n_any] = pn_sims[k]
            n_any += 1

    # One list per distinct indexed query word: the names holding it or any of
    # its near words (NameIndex.candidates, step by step).
    n_keys = 0
    for p in range(m):
        n_keys = max(n_keys, qkeys[p] + 1)
    key_weight = np.zeros(n_keys, dtype=np.float64)
    key_times = np.zeros(n_keys, dtype=np.int64)
    key_first = np.zeros(n_keys, dtype=np.int64)
    light = 0.0
    light_theirs = 0.0  # what of a name's own weight can agree with the light words
    for p in range(m):
        k = qkeys[p]
        if key_times[k] == 0:
            key_first[k] = p
        key_times[k] += 1
        key_weight[k] = qweights[p]
        if qweights[p] < INDEX_MIN_WEIGHT:
            light += qweights[p]
            near_weight = 0.0
            for j in range(pn_start[p], pn_start[p + 1]):
                near_weight += heaviest[pn_ids[j]]
            light_theirs += qweights[p] + near_weight
    l_weight = np.zeros(n_keys, dtype=np.float64)
    l_theirs = np.zeros(n_keys, dtype=np.float64)
    l_size = np.zeros(n_keys, dtype=np.int64)
    l_lo = np.zeros(n_keys, dtype=np.int64)
    l_hi = np.zeros(n_keys, dtype=np.int64)
    l_words = np.empty(count + n_keys, dtype=np.int32)
    n_lists = 0
    n_words = 0
    for k in range(n_keys):
        w = key_weight[k]
        if w < INDEX_MIN_WEIGHT:
            continue
        times = key_times[k]
        w = w * times
        p = key_first[k]
        q = qids[p]
        held = q >= 0 and post_starts[q + 1] > post_starts[q]
        if not held and pn_start[p + 1] == pn_start[p]:
            continue
        l_weight[n_lists] = w
        theirs = 0.0
        l_lo[n_lists] = n_words
        size = 0
        if held:
            l_words[n_words] = q
            n_words += 1
            size += post_starts[q + 1] - post_starts[q]
            theirs += heaviest[q]
        for j in range(pn_start[p], pn_start[p + 1]):
            n = pn_ids[j]
            l_words[n_words] = n
            n_words += 1
            size += post_starts[n + 1] - post_starts[n]
            theirs += heaviest[n]
        l_hi[n_lists] = n_words
        l_size[n_lists] = size
        l_theirs[n_lists] = max(w, theirs)
        n_lists += 1
    order = np.argsort(l_size[:n_lists], kind="mergesort")

    # Which lists give candidates (`_shared_enough`).
    gives = np.zeros(n_lists, dtype=np.bool_)
    required = np.zeros(n_lists, dtype=np.bool_)
    first_required = -1
    for r in range(n_lists):
        j = order[r]
        rest = 0.0
        for s in range(r, n_lists):
            rest += l_weight[order[s]]
        total = light + rest
        if reachable(q_total, total) < threshold:
            break
        if reachable(q_total, total - l_weight[j]) >= threshold:
            gives[j] = True
            continue
        first_required = j
        for s in range(r + 1, n_lists):
            other = order[s]
            if reachable(q_total, total - l_weight[other]) < threshold:
                required[other] = True
        break

    # The candidates, each once, ascending: the names on a list that gives
    # candidates, and those on every required list. Lists are read in entry order
    # (sorted postings), so memory is read in sequence, not name by name.
    # Each comes with its signed total (`post_totals`), read in list order too.
    taken = np.empty(0, dtype=np.int32)
    taken_totals = np.empty(0, dtype=np.float64)
    for j in range(n_lists):
        if gives[j]:
            ids, tots = postings_with(post_starts, post_ids, post_totals, l_words, l_lo[j], l_hi[j])
            taken, taken_totals = union_with(taken, taken_totals, ids, tots)
    if first_required >= 0:
        both, both_totals = postings_with(
            post_starts, post_ids, post_totals, l_words, l_lo[first_required], l_hi[first_required]
        )
        for o in range(n_lists):
            if required[o]:
                other = postings(post_starts, post_ids, l_words, l_lo[o], l_hi[o])
                both, both_totals = intersect_with(both, both_totals, other)
        taken, taken_totals = union_with(taken, taken_totals, both, both_totals)

    # What each candidate shares: the lists it is on, in list order.
    on = np.zeros((n_lists, len(taken)), dtype=np.bool_)
    for r in range(n_lists):
        j = order[r]
        on[r] = member(taken, postings(post_starts, post_ids, l_words, l_lo[j], l_hi[j]))

    # Bounds: every candidate whose best possible score reaches the threshold, and
    # the core key's names, which may score CORE_SCORE: at most CORE_SCORE or their
    # own bound, whichever is higher (a core name on no list gets 1.0).
    pool_ids = np.empty(len(core) + len(taken), dtype=np.int64)
    pool_bounds = np.empty(len(core) + len(taken), dtype=np.float64)
    # Filled from the highest entry number down, so that a stable sort by bound
    # gives the order of `_by_bound`: highest bound first, then highest entry number.
    n_pool = 0
    c = len(core) - 1
    t = len(taken) - 1
    while c >= 0 or t >= 0:
        if t < 0 or (c >= 0 and core[c] > taken[t]):
            pool_ids[n_pool] = core[c]
            pool_bounds[n_pool] = EXACT_SCORE
            n_pool += 1
            c -= 1
            continue
        i = taken[t]
        c_total = taken_totals[t]
        agree = light
        agree_theirs = light_theirs
        for r in range(n_lists):
            if on[r, t]:
                agree += l_weight[order[r]]
                agree_theirs += l_theirs[order[r]]
        t -= 1
        b = name_bound(agree, agree_theirs, q_total, c_total)
        if c >= 0 and core[c] == i:
            b = max(b, CORE_SCORE)
            c -= 1
        if b >= threshold:
            pool_ids[n_pool] = i
            pool_bounds[n_pool] = b
            n_pool += 1
    by_bound = np.argsort(-pool_bounds[:n_pool], kind="mergesort")

    # The best readings so far, best first: (score, aligned, rank) descending,
    # ascending, ascending, and in scoring order among equal keys (a stable sort).
    top_ids = np.empty(MAX_READINGS, dtype=np.int64)
    top_scores = np.empty(MAX_READINGS, dtype=np.float64)
    top_aligned = np.empty(MAX_READINGS, dtype=np.float64)
    top_ranks = np.empty(MAX_READINGS, dtype=np.int64)
    n_top = 0
    last = MAX_READINGS - 1
    top = threshold
    floor = threshold
    for r in range(n_pool):
        i = pool_ids[by_bound[r]]
        if pool_bounds[by_bound[r]] < floor:
            break
        s, e = starts[i], starts[i + 1]
        # align_near: how much of the query the name covers, and of the name the query.
        # With the rules (`names._judge`): a short word's typo credited, a
        # distinctive word the other name lacks, numbers of one side only.
        short = lacking = q_generic = c_generic = False
        q_num = c_num = other_num = False
        fq = 0.0
        for p in range(m):
            q = qids[p]
            present = False
            if q >= 0:
                for k in range(s, e):
                    if words[k] == q:
                        present = True
                        break
            q_num = q_num or qnum[p] != 0
            if present:
                fq += qweights[p]
                continue
            other_num = other_num or qnum[p] != 0
            close = 0.0
            for j in range(pn_start[p], pn_start[p + 1]):
                for k in range(s, e):
                    if words[k] == pn_ids[j]:
                        close = max(close, pn_sims[j])
                        break
            fq += qweights[p] * close
            short = short or 0.0 < close < LONG_TYPO_FLOOR
            lacking = lacking or (close == 0.0 and qweights[p] >= DISTINCTIVE)
            q_generic = q_generic or (
                close == 0.0 and qweights[p] < DISTINCTIVE and qweights[p] != place_weight
            )
        fc = 0.0
        for k in range(s, e):
            w = words[k]
            c_num = c_num or numeric[w]
            in_query = False
            for p in range(m):
                if qids[p] == w:
                    in_query = True
                    break
            if in_query:
                fc += weights[k]
                continue
            other_num = other_num or numeric[w]
            sim = 0.0
            for j in range(n_any):
                if any_ids[j] == w:
                    sim = any_sims[j]
                    break
            fc += weights[k] * sim
            short = short or 0.0 < sim < LONG_TYPO_FLOOR
            lacking = lacking or (sim == 0.0 and weights[k] >= DISTINCTIVE)
            c_generic = c_generic or (
                sim == 0.0 and weights[k] < DISTINCTIVE and weights[k] != place_weight
            )
        c_total = totals[i]
        raw_score = 0.0
        if q_total and c_total:
            evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
            raw_score = math.sqrt((fq / q_total) * (fc / c_total)) * evidence
        scaled = raw_score * 10_000.0
        if abs(abs(scaled - math.floor(scaled)) - 0.5) < 1e-6:
            return FALLBACK
        aligned = np.rint(scaled) / 10_000.0
        score = aligned
        if aligned < CORE_SCORE and holds(core, i) and not (q_generic and c_generic):
            # Every place the name has is in the query (`_places_named`), and
            # not both names have a generic word the other lacks (`Judged`).
            named = True
            for k in range(s, e):
                if weights[k] == place_weight:
                    found = False
                    for p in range(m):
                        if qids[p] == words[k]:
                            found = True
                            break
                    if not found:
                        named = False
                        break
            if named:
                score = CORE_SCORE
        if q_num and c_num and other_num:
            aligned = score = 0.0  # different numbers: a different vessel, plant or fund
        elif short or lacking or q_num != c_num:
            aligned = min(aligned, review_cap)
            score = min(score, review_cap)
        if score < floor:
            continue
        # Where the reading goes among the best: after every reading it does not beat.
        at = n_top
        while at > 0 and (
            top_scores[at - 1] < score
            or (
                top_scores[at - 1] == score
                and (
                    top_aligned[at - 1] < aligned
                    or (top_aligned[at - 1] == aligned and top_ranks[at - 1] > rank[i])
                )
            )
        ):
            at -= 1
        if at == MAX_READINGS:
            continue
        for j in range(min(n_top, last), at, -1):
            top_ids[j] = top_ids[j - 1]
            top_scores[j] = top_scores[j - 1]
            top_aligned[j] = top_aligned[j - 1]
            top_ranks[j] = top_ranks[j - 1]
        top_ids[at] = i
        top_scores[at] = score
        top_aligned[at] = aligned
        top_ranks[at] = rank[i]
        n_top = min(n_top + 1, MAX_READINGS)
        top = max(top, score)
        floor = max(floor, top - margin)
        if n_top == MAX_READINGS:
            floor = max(floor, top_scores[last])
    cut = max(threshold, top - margin)
    n = 0
    while n < n_top and top_scores[n] >= cut:
        out_ids[n] = top_ids[n]
        out_values[n] = top_scores[n]
        out_values[MAX_READINGS + n] = top_aligned[n]
        n += 1
    return n


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
    """`search` of each entry of `names` as a query, as `NameIndex._query` would pose it.

    Returned as (done, starts, entry numbers, scores, alignments): the
    readings of `names[k]` are `[starts[k]:starts[k + 1]]`, and `done[k]` is
    false where the search reported `FALLBACK`. `core_of[i]` is the group of
    entry `i` in `core_starts`/`core_ids` (the entries with its core key, -1
    for none); `ext_*` hold, by word id, the near-typo words of the words no
    name lists (empty for the others) and `prone[w]` whether word `w` may be
    misspelt.
    """
    n = len(names)
    done = np.zeros(n, dtype=np.bool_)
    # Each name's readings go to its own slots first, then are packed.
    counts = np.zeros(n, dtype=np.int64)
    slot_ids = np.empty((n, MAX_READINGS), dtype=np.int64)
    slot_scores = np.empty((n, MAX_READINGS), dtype=np.float64)
    slot_aligned = np.empty((n, MAX_READINGS), dtype=np.float64)
    found = np.empty(MAX_READINGS, dtype=np.int64)
    values = np.empty(2 * MAX_READINGS, dtype=np.float64)
    for k in range(n):
        i = names[k]
        s, e = starts[i], starts[i + 1]
        m = e - s
        n_ext = 0
        for p in range(s, e):
            w = words[p]
            n_ext += ext_starts[w + 1] - ext_starts[w] if prone[w] else 0
        g = core_of[i]
        n_core = core_starts[g + 1] - core_starts[g] if g >= 0 else 0
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
        core = core_ids[core_starts[g] : core_starts[g] + n_core] if g >= 0 else core_ids[:0]
        got = search(
            words, weights, starts, totals, rank, post_starts, post_ids, post_totals,
            near_starts, near_ids, near_sims, heaviest, numeric, query, query_weights, core,
            m, n_ext, totals[i], place_weight, review_cap, threshold, 1.0, found, values,
        )  # fmt: skip
        done[k] = got != FALLBACK
        counts[k] = max(got, 0)
        for r in range(got):
            slot_ids[k, r] = found[r]
            slot_scores[k, r] = values[r]
            slot_aligned[k, r] = values[MAX_READINGS + r]
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
    return done, out_starts, out_ids, out_scores, out_aligned
