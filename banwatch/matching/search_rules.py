"""The numbers of the name search and the bound of a candidate's score (pure, compiled).

Shared by the readable search (`NameIndex.candidates`, `NameIndex._score`
in names.py) and the compiled one (`name_search.py`), so that both bound
and score with the same numbers and the same arithmetic.
"""

from __future__ import annotations

import math

from banwatch.matching.compiled import compiled

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
