"""The compiled search's scoring phases, named after the Python reference (pure).

`found_near` and `found_back` are `_judge`'s two sides (`_found_near`,
`_found_back` with the rules' flags), `rounded_alignment` is `align_near`
rounded, `places_named` and `ruled` are `NameIndex._score`'s rules, and
`keep_best` keeps the best `MAX_READINGS` readings in the order
`search_python` sorts them. The
arithmetic is the Python code's, term by term and in the same order. They are
compiled into `name_search.search` itself (`inlined`), not called from it.
"""

from __future__ import annotations

import math

import numpy as np

from banwatch.matching.compiled import inlined
from banwatch.matching.normalize import DISTINCTIVE
from banwatch.matching.search_arrays import Best
from banwatch.matching.search_lists import Flags, Floats, Ints, Longs
from banwatch.matching.search_rules import CORE_SCORE, LONG_TYPO_FLOOR, MAX_READINGS, MIN_EVIDENCE


@inlined
def in_query(ids: Ints, w: int) -> bool:
    """Whether the query's word ids `ids` hold word id `w`."""
    for p in range(len(ids)):  # noqa: SIM110 - a loop numba compiles, not a generator
        if ids[p] == w:
            return True
    return False


# These phases run for every candidate: they take the arrays they read, one by one,
# since handing numba a named tuple counts a reference to each of its arrays, at
# every call, even in code compiled inline.


@inlined
def found_near(
    words: Ints,
    s: int,
    e: int,
    qids: Ints,
    qnum: Ints,
    qweights: Floats,
    near_starts: Longs,
    near_ids: Ints,
    near_sims: Floats,
    place_weight: float,
) -> tuple[float, bool, bool, bool, bool, bool]:
    """`_found_near` of the query in the name `words[s:e]`, with `_judge`'s flags on its side.

    Returns (found, short, lacking, generic, query has a number, a number only one side has).
    """
    short = lacking = generic = q_num = other_num = False
    found = 0.0
    for p in range(len(qids)):
        w = qids[p]
        present = False
        if w >= 0:
            for k in range(s, e):
                if words[k] == w:
                    present = True
                    break
        q_num = q_num or qnum[p] != 0
        if present:
            found += qweights[p]
            continue
        other_num = other_num or qnum[p] != 0
        close = 0.0
        for j in range(near_starts[p], near_starts[p + 1]):
            for k in range(s, e):
                if words[k] == near_ids[j]:
                    close = max(close, near_sims[j])
                    break
        weight = qweights[p]
        found += weight * close
        short = short or 0.0 < close < LONG_TYPO_FLOOR
        lacking = lacking or (close == 0.0 and weight >= DISTINCTIVE)
        generic = generic or (close == 0.0 and weight < DISTINCTIVE and weight != place_weight)
    return found, short, lacking, generic, q_num, other_num


@inlined
def found_back(
    words: Ints,
    weights: Floats,
    numeric: Flags,
    s: int,
    e: int,
    qids: Ints,
    any_ids: Ints,
    any_sims: Floats,
    place_weight: float,
) -> tuple[float, bool, bool, bool, bool, bool]:
    """`_found_back` of the name `words[s:e]` in the query, with `_judge`'s flags on its side.

    Returns (found, short, lacking, generic, name has a number, a number the query lacks).
    """
    short = lacking = generic = c_num = other_num = False
    found = 0.0
    for k in range(s, e):
        w = words[k]
        c_num = c_num or numeric[w]
        if in_query(qids, w):
            found += weights[k]
            continue
        other_num = other_num or numeric[w]
        sim = 0.0
        for j in range(len(any_ids)):
            if any_ids[j] == w:
                sim = any_sims[j]
                break
        weight = weights[k]
        found += weight * sim
        short = short or 0.0 < sim < LONG_TYPO_FLOOR
        lacking = lacking or (sim == 0.0 and weight >= DISTINCTIVE)
        generic = generic or (sim == 0.0 and weight < DISTINCTIVE and weight != place_weight)
    return found, short, lacking, generic, c_num, other_num


@inlined
def rounded_alignment(fq: float, fc: float, q_total: float, c_total: float) -> tuple[bool, float]:
    """`align_near` from what each name finds of the other, rounded to four places as `round`.

    Only a score at a hair from a half cannot be rounded as Python's `round`
    does here: then the first item is false.
    """
    raw = 0.0
    if q_total and c_total:
        evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
        raw = math.sqrt((fq / q_total) * (fc / c_total)) * evidence
    scaled = raw * 10_000.0
    if abs(abs(scaled - math.floor(scaled)) - 0.5) < 1e-6:
        return False, 0.0
    return True, np.rint(scaled) / 10_000.0


@inlined
def places_named(words: Ints, weights: Floats, s: int, e: int, qids: Ints, place: float) -> bool:
    """`_places_named`: whether every place in the name `words[s:e]` is in the query too."""
    for k in range(s, e):  # noqa: SIM110 - a loop numba compiles, not a generator
        if weights[k] == place and not in_query(qids, words[k]):
            return False
    return True


@inlined
def ruled(
    aligned: float, core: bool, numbers: tuple[bool, bool, bool], doubtful: bool, cap: float
) -> tuple[float, float]:
    """`NameIndex._score`'s rules: (score, alignment) of a rounded alignment.

    `core`: the names share their core key, every place of the candidate is
    in the query, and not both have a generic word the other lacks.
    `numbers`: (the query has one, the name has one, one of them is on one
    side only). `doubtful`: a short word's typo or a distinctive word lacking.
    """
    score = aligned
    if core and aligned < CORE_SCORE:
        score = CORE_SCORE
    q_num, c_num, other_num = numbers
    if q_num and c_num and other_num:
        return 0.0, 0.0  # different numbers: a different vessel, plant or fund
    if doubtful or q_num != c_num:
        return min(score, cap), min(aligned, cap)
    return score, aligned


@inlined
def keep_best(
    ids: Longs,
    scores: Floats,
    aligns: Floats,
    ranks: Longs,
    n_top: int,
    reading: tuple[int, float, float, int],
) -> int:
    """Put a reading (entry, score, alignment, rank) among the best; how many are kept.

    Best first by (score, alignment, rank) descending, descending, ascending,
    and in scoring order among equal keys (as `search_python`'s stable sort).
    Returns -1 when the best `MAX_READINGS` all beat it (nothing changes).
    """
    i, score, aligned, rank = reading
    at = n_top
    while at > 0 and (
        scores[at - 1] < score
        or (
            scores[at - 1] == score
            and (aligns[at - 1] < aligned or (aligns[at - 1] == aligned and ranks[at - 1] > rank))
        )
    ):
        at -= 1
    if at == MAX_READINGS:
        return -1
    for j in range(min(n_top, MAX_READINGS - 1), at, -1):
        ids[j] = ids[j - 1]
        scores[j] = scores[j - 1]
        aligns[j] = aligns[j - 1]
        ranks[j] = ranks[j - 1]
    ids[at] = i
    scores[at] = score
    aligns[at] = aligned
    ranks[at] = rank
    return min(n_top + 1, MAX_READINGS)


@inlined
def no_readings() -> Best:
    """Room for the best `MAX_READINGS` readings."""
    return Best(
        np.empty(MAX_READINGS, dtype=np.int64),
        np.empty(MAX_READINGS, dtype=np.float64),
        np.empty(MAX_READINGS, dtype=np.float64),
        np.empty(MAX_READINGS, dtype=np.int64),
    )


@inlined
def write_readings(best: Best, n_top: int, cut: float, out_ids: Longs, out_values: Floats) -> int:
    """The readings at `cut` or above into the caller's arrays (scores, then alignments)."""
    ids, scores, aligns, _ = best
    n = 0
    while n < n_top and scores[n] >= cut:
        out_ids[n] = ids[n]
        out_values[n] = scores[n]
        out_values[MAX_READINGS + n] = aligns[n]
        n += 1
    return n
