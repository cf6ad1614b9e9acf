"""The numbers of the name search and the bound of a candidate's score (pure, compiled).

Shared by the readable search (`NameIndex.candidates`, `NameIndex._score`
in names.py) and the compiled one (`name_search.py`), so that both bound
and score with the same numbers and the same arithmetic.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from banwatch.matching.compiled import compiled, inlined

EXACT_SCORE = 1.0
CORE_SCORE = 0.93
# A word credited at less than this is a short word's typo (names.SHORT_TYPO_SIMILARITY
# at most); a long word's typo is credited at this or more.
LONG_TYPO_FLOOR = 0.82
# Agreement on less word weight than this is weak evidence, however well it covers
# both names: "Pacific Corporation" is not "Pacific Networks Corp.".
MIN_EVIDENCE = 0.8
INDEX_MIN_WEIGHT = 0.3
MAX_READINGS = 10  # names one query can be read as, best first
# Float rounding room when a bound decides that a word is required.
SLACK = 1e-9
# How far above the total its algebra gives `longest_total` puts its cut-off: far
# enough that rounding cannot bring a bound there back to the threshold.
CUT_ROOM = 1e-9


@compiled
def bound(agreeing: float, q_total: float, c_total: float) -> float:
    """The highest alignment two names can reach when at most `agreeing` weight agrees."""
    if agreeing <= 0 or q_total <= 0 or c_total <= 0:
        return 0.0
    cover = min(1.0, agreeing / q_total) * min(1.0, agreeing / c_total)
    return math.sqrt(cover) * min(1.0, agreeing / MIN_EVIDENCE)


@compiled
def reachable(q_total: float, agreeing: float) -> float:
    """The highest bound of a name sharing at most `agreeing` weight (with rounding room)."""
    agreeing += SLACK
    return bound(agreeing, q_total, agreeing)


@compiled
def name_bound(
    agreeing: float, theirs_agreeing: float, q_total: float, signed_total: float
) -> float:
    """The bound of a candidate sharing at most `agreeing` weight of the query.

    `theirs_agreeing` is the most of the candidate's own weight that can
    agree (a near word may weigh more than the query word, and a name may hold
    a word and a near word of it both). `signed_total` is
    the candidate's total weight, negative when it repeats a word (it may then
    find more of itself than the query shares). The bound never rises as the
    total grows.
    """
    theirs = 1.0 if signed_total < 0 else min(1.0, theirs_agreeing / signed_total)
    cover = min(1.0, agreeing / q_total) * theirs
    return math.sqrt(cover) * min(1.0, min(agreeing, theirs_agreeing) / MIN_EVIDENCE)


@inlined
def on_every_list(
    weight: NDArray[np.float64],
    theirs: NDArray[np.float64],
    order: NDArray[np.int64],
    light: tuple[float, float],
) -> tuple[float, float]:
    """The sums of a candidate's bound (`candidate_bound`) were it on every list.

    The same non-negative weights added in the same order, some of them left
    out, never give more (rounding is monotone), so no candidate's sums
    exceed these, and `name_bound` never falls as either sum grows.
    """
    agree, agree_theirs = light
    for r in range(len(order)):
        agree += weight[order[r]]
        agree_theirs += theirs[order[r]]
    return agree, agree_theirs


@compiled
def longest_total(most: tuple[float, float], q_total: float, threshold: float) -> float:
    """A total from which on no candidate's bound reaches the threshold, or infinity.

    `most` is `on_every_list`'s sums. The total comes from `name_bound`'s
    algebra, a hair above (`CUT_ROOM`), and is checked with `name_bound`
    itself, which never rises as a positive total grows: the bound of any
    candidate with that total or more falls short.
    """
    agree, agree_theirs = most
    if not (q_total > 0.0 and threshold > 0.0 and agree > 0.0 and agree_theirs > 0.0):
        return math.inf
    evidence = min(1.0, min(agree, agree_theirs) / MIN_EVIDENCE)
    cover = min(1.0, agree / q_total)
    longest = agree_theirs * cover * evidence * evidence / (threshold * threshold)
    longest *= 1.0 + CUT_ROOM
    if not 0.0 < longest < math.inf:
        return math.inf
    if name_bound(agree, agree_theirs, q_total, longest) >= threshold:
        return math.inf
    return longest
