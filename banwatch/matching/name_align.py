"""How two names agree: typo similarity of words and the weighted word alignment (pure).

A candidate's score is the geometric mean of how much of each name's weight
the other covers, so shared generic words and places ("Hangzhou",
"Technology") cannot make a match on their own. `_judge` is the alignment
the name search scores with, and the flags its rules read.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from rapidfuzz.distance import OSA

from banwatch.matching.lexicon import PLACE_WEIGHT
from banwatch.matching.normalize import (
    DISTINCTIVE,
    TYPO_MIN_LENGTH,
    TYPO_SHORTEST,
    NameForm,
    is_cjk,
)
from banwatch.matching.search_rules import LONG_TYPO_FLOOR, MIN_EVIDENCE
from banwatch.matching.spelling_variants import spelling_variants

# A misspelt word is never certain: with it a match stays below the certainty line.
TYPO_SIMILARITY = 0.88
DOUBLE_TYPO_SIMILARITY = LONG_TYPO_FLOOR
LONG_TYPO_LENGTH = 12  # words this long may differ by two edits


def is_number(word: str) -> bool:
    """Whether a word is a number ("1", "44"): numbers must agree for a certain match."""
    return word.isdigit()


def _short_typo(a: str, b: str) -> bool:
    """Whether two different Latin words, one of 5-7 letters, are one edit apart.

    The other word may have four letters: the same word with a letter left
    out. Two four-letter words may be one swap of two letters apart ("jonh"),
    and a three-letter word may be a four-letter one with a letter left out
    ("jon", "john"); numbers never are ("123", "1234"). Two spellings of one
    word in different romanisations ("aleksei", "alexei") count the same,
    at any length (`spelling_variants`).
    """
    return _one_short_edit(a, b) or spelling_variants(a, b)


def _one_short_edit(a: str, b: str) -> bool:
    """`_short_typo` by edits alone: checked first, being the commoner and the cheaper."""
    shorter, longer = sorted((len(a), len(b)))
    if shorter == longer == TYPO_SHORTEST + 1:
        return sorted(a) == sorted(b) and OSA.distance(a, b, score_cutoff=1) == 1
    if shorter == TYPO_SHORTEST:
        return (
            longer == shorter + 1
            and a.isalpha()
            and b.isalpha()
            and OSA.distance(a, b, score_cutoff=1) == 1
        )
    return (
        TYPO_SHORTEST < shorter < 8
        and TYPO_MIN_LENGTH <= longer <= shorter + 1
        and OSA.distance(a, b, score_cutoff=1) == 1
    )


def typo_similarity(a: str, b: str) -> float:
    """Similarity of two different words when one is a plausible typo of the other, else 0.

    Short words must match exactly except for two swapped letters: "huawen" is
    another company, not a typo of "huawei".
    """
    if a == b:
        return 1.0
    if is_cjk(a) or is_cjk(b):
        return 0.0
    return _typo(a, b)


def _typo(a: str, b: str) -> float:
    """`typo_similarity` for two different Latin words."""
    shorter = min(len(a), len(b))
    if shorter < TYPO_MIN_LENGTH or abs(len(a) - len(b)) > 2:
        return 0.0
    d = OSA.distance(a, b, score_cutoff=2)
    if d == 1 and (shorter >= 8 or sorted(a) == sorted(b)):
        return TYPO_SIMILARITY
    if d == 2 and shorter >= LONG_TYPO_LENGTH:
        return DOUBLE_TYPO_SIMILARITY
    return 0.0


def _found(a: NameForm, b: NameForm) -> float:
    """Weight of `a`'s words found in `b`, each word at its best similarity."""
    got = 0.0
    other = b.words
    for word, w in zip(a.words, a.weights, strict=True):
        if word in other:
            got += w
        elif b.typo_prone and word in a.typo_prone:
            got += w * max(
                (_typo(word, o) for o in b.typo_prone if _may_be_typo(word, o)), default=0.0
            )
    return got


def _may_be_typo(a: str, b: str) -> bool:
    """A cheap test that rules most word pairs out before an edit distance is computed.

    One edit leaves either the first or the last letter in place; only words of
    12 letters or more may differ by two edits.
    """
    if abs(len(a) - len(b)) > 2:
        return False
    return a[0] == b[0] or a[-1] == b[-1] or min(len(a), len(b)) >= LONG_TYPO_LENGTH


def align(q: NameForm, c: NameForm) -> float:
    """Geometric mean of the two coverages, scaled down when little weight agrees.

    Symmetric and within [0, 1].
    """
    if not q.total or not c.total:
        return 0.0
    fq, fc = _found(q, c), _found(c, q)
    evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
    return math.sqrt((fq / q.total) * (fc / c.total)) * evidence


class Near:
    """The indexed words one typo (or two, for long words) from a query's words, with similarities.

    Found once per query through the deletion index; scoring a candidate is
    then a matter of look-ups. Words too light to be indexed get no typo credit.
    The near words of each query word are the index's remembered ones, shared
    and never changed; `any` is worked out only when a candidate is scored.
    """

    __slots__ = ("_any", "of")

    def __init__(self, of: dict[str, dict[str, float]] | None = None) -> None:
        self.of: dict[str, dict[str, float]] = of or {}  # query word -> {near word: similarity}
        self._any: dict[str, float] | None = None

    @property
    def any(self) -> dict[str, float]:
        """Near word -> its best similarity to any query word."""
        if self._any is None:
            best: dict[str, float] = {}
            for close in self.of.values():
                for near, similarity in close.items():
                    best[near] = max(similarity, best.get(near, 0.0))
            self._any = best
        return self._any


def _found_near(a: NameForm, b: NameForm, near: dict[str, dict[str, float]]) -> float:
    """`_found` of a query in a candidate, with typo similarities looked up in `near`."""
    got = 0.0
    other = b.words
    for word, w in zip(a.words, a.weights, strict=True):
        if word in other:
            got += w
        else:
            close = near.get(word)
            if close:
                got += w * max((x for n, x in close.items() if n in other), default=0.0)
    return got


def _found_back(c: NameForm, q: NameForm, near_any: dict[str, float]) -> float:
    """`_found` of a candidate in a query, with typo similarities looked up in `near_any`."""
    got = 0.0
    other = q.words
    for word, w in zip(c.words, c.weights, strict=True):
        if word in other:
            got += w
        elif word in near_any:
            got += w * near_any[word]
    return got


def align_near(q: NameForm, c: NameForm, near: Near) -> float:
    """`align` for a query whose near-typo words were looked up once (the index's fast path)."""
    if not q.total or not c.total:
        return 0.0
    fq, fc = _found_near(q, c, near.of), _found_back(c, q, near.any)
    evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
    return math.sqrt((fq / q.total) * (fc / c.total)) * evidence


class Judged(NamedTuple):
    """`align_near` unrounded, with what the scoring rules need to know of the two names."""

    raw: float
    short: bool  # a short word's typo was credited
    lacking: bool  # a distinctive word of either name is missing from the other (not even a typo)
    generic_conflict: bool  # each name has a generic word (not a place) the other lacks


def _light(w: float) -> bool:
    """A generic word: too light to be distinctive, and not a place (places have their rule)."""
    return w < DISTINCTIVE and w != PLACE_WEIGHT


def _judge(q: NameForm, c: NameForm, near: Near) -> Judged:
    """`align_near` unrounded, and the rules' flags (`Judged`)."""
    if not q.total or not c.total:
        return Judged(0.0, False, False, False)
    short = lacking = q_generic = c_generic = False
    fq = 0.0
    other = c.words
    for word, w in zip(q.words, q.weights, strict=True):
        if word in other:
            fq += w
            continue
        close = near.of.get(word)
        x = max((x for n, x in close.items() if n in other), default=0.0) if close else 0.0
        fq += w * x
        short = short or 0.0 < x < LONG_TYPO_FLOOR
        lacking = lacking or (x == 0.0 and w >= DISTINCTIVE)
        q_generic = q_generic or (x == 0.0 and _light(w))
    fc = 0.0
    mine = q.words
    near_any = near.any
    for word, w in zip(c.words, c.weights, strict=True):
        if word in mine:
            fc += w
            continue
        x = near_any.get(word, 0.0)
        fc += w * x
        short = short or 0.0 < x < LONG_TYPO_FLOOR
        lacking = lacking or (x == 0.0 and w >= DISTINCTIVE)
        c_generic = c_generic or (x == 0.0 and _light(w))
    evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
    raw = math.sqrt((fq / q.total) * (fc / c.total)) * evidence
    return Judged(raw, short, lacking, q_generic and c_generic)
