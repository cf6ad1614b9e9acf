"""The name search in Python: the readable reference the compiled search follows (pure).

`search_python` scores the candidates `candidates` finds, from the highest
bound down; `name_search.search` does the same, phase by phase, number for
number. This path answers when a score needs Python's exact rounding, and
in the tests.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from banwatch.matching.lexicon import PLACE_WEIGHT
from banwatch.matching.name_align import Near, _judge, is_number
from banwatch.matching.name_hits import NameEntry, NameHit
from banwatch.matching.normalize import NameForm
from banwatch.matching.search_rules import (
    CORE_SCORE,
    EXACT_SCORE,
    INDEX_MIN_WEIGHT,
    MAX_READINGS,
    MIN_EVIDENCE,
    reachable,
)
from banwatch.matching.word_slots import member

if TYPE_CHECKING:
    from banwatch.matching.names import NameIndex

_NO_NEAR: dict[str, float] = {}


@dataclass(slots=True)
class _WordList:
    """The names holding one query word (or, for a misspelt word, any of its near words)."""

    weight: float  # what a name on the list can agree with of the query, at most
    theirs: float  # what of the name's own weight can agree, at most: the list's words together
    words: tuple[str, ...]
    arrays: tuple[NDArray[np.int32], ...]  # sorted entry numbers, one array per word
    size: int  # names on the arrays together
    _merged: NDArray[np.int32] | None = None

    def postings(self) -> NDArray[np.int32]:
        """Every entry number once, sorted."""
        if self._merged is None:
            self._merged = _union(list(self.arrays))
        return self._merged


_NONE: NDArray[np.int32] = np.zeros(0, dtype=np.int32)


def _union(parts: list[NDArray[np.int32]]) -> NDArray[np.int32]:
    if not parts:
        return _NONE
    merged: NDArray[np.int32] = parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))
    return merged


def _intersect(cand: NDArray[np.int32], postings: NDArray[np.int32]) -> NDArray[np.int32]:
    kept: NDArray[np.int32] = cand[member(cand, postings)]
    return kept


def _shared_enough(
    q: NameForm, lists: list[_WordList], light: float, threshold: float
) -> NDArray[np.int32]:
    """A superset of the names that share enough of the query's words to reach `threshold`.

    Lists are taken shortest first. A name either holds the shortest list's
    word, or must reach `threshold` with the other lists alone; once a list is
    required (the lists after it cannot reach `threshold` without it), the
    names left are those on it and on every other required list, found by
    intersecting them. "Moupoun Shipping Foods" so becomes the names with
    "moupoun" and those with both "shipping" and "foods", not every name with
    "shipping".
    """
    parts: list[NDArray[np.int32]] = []
    for k, wl in enumerate(lists):
        rest = lists[k:]
        total = light + sum(x.weight for x in rest)
        if reachable(q.total, total) < threshold:
            break
        if reachable(q.total, total - wl.weight) >= threshold:
            parts.append(wl.postings())
            continue
        cand = wl.postings()
        for other in rest[1:]:
            if reachable(q.total, total - other.weight) < threshold:
                cand = _intersect(cand, other.postings())
        parts.append(cand)
        break
    return _union(parts)


def candidates(
    index: NameIndex, q: NameForm, threshold: float = 0.0, near: Near | None = None
) -> dict[int, float]:
    """Entries that could score `threshold` or more: they share a key or enough word weight.

    Words are taken shortest list of names first, and once the words left
    could not lift a name that shares none of the earlier ones to
    `threshold`, no new candidate is taken from them: common words never
    fan out into long lists. Candidates whose best possible score stays below `threshold` are
    dropped before any scoring. Each candidate comes with that best possible
    score. (The readable form of what the compiled search does.)
    """
    found: dict[int, float] = dict.fromkeys(index._by_key.get(q.full_key, ()), EXACT_SCORE)
    # A name with the query's core key scores at most CORE_SCORE or its own bound,
    # whichever is higher; one on no list below gets 1.0.
    unlisted = set(index._core_entries(q.core_key).tolist())
    near = near or index.near(q)
    lists = _word_lists(index, q, near)
    # Light words are in no list: whether a candidate shares them is not looked
    # up, so they count as shared in its bound.
    light = _light_words(index, q, near)
    cand = _shared_enough(q, lists, light[0], threshold)
    for i, b in _bounds(index, q, cand, lists, light):
        if i in unlisted:
            b = max(b, CORE_SCORE)
            unlisted.discard(i)
        if b >= threshold:
            found.setdefault(i, b)
    for i in unlisted:
        found.setdefault(i, EXACT_SCORE)
    return found


def _light_words(index: NameIndex, q: NameForm, near: Near) -> tuple[float, float]:
    """The light words' weight, and what of a name's own weight can agree with them.

    A name may hold a light word, and a heavier near word of it too
    ("Technologyy").
    """
    light = sum(w for w in q.weights if w < INDEX_MIN_WEIGHT)
    light_theirs = 0.0
    heaviest, ids = index._heaviest, index._slots.ids
    for word, w in zip(q.words, q.weights, strict=True):
        if w < INDEX_MIN_WEIGHT:
            close = near.of.get(word, _NO_NEAR)
            light_theirs += w + sum(heaviest[ids[n]] for n in close)
    return light, light_theirs


def _word_lists(index: NameIndex, q: NameForm, near: Near) -> list[_WordList]:
    """One list per indexed query word: the names holding it or any of its near words.

    A word the index holds keeps its near words' names too: listing another
    name with the word must not hide a name one typo away (monotonicity).
    Such a name agrees with at most the word's weight of the query, and at
    most its near word's weight of its own. Shortest list first.
    """
    heaviest, ids = index._heaviest, index._slots.ids
    lists: list[_WordList] = []
    # A word written twice counts twice, as in the alignment.
    counts = Counter(q.words) if len(set(q.words)) < len(q.words) else None
    for word, w in dict(zip(q.words, q.weights, strict=True)).items():
        if w < INDEX_MIN_WEIGHT:
            continue
        times = counts[word] if counts else 1
        w *= times
        close = near.of.get(word, _NO_NEAR)
        if index._is_indexed(word):
            held: tuple[str, ...] = (word, *close)
        elif close:
            held = tuple(close)
        else:
            continue
        arrays = tuple(index._postings(n) for n in held)
        # A name may hold the word and a near word of it too ("Moravenko Moravenkko"):
        # each agrees on its side, so all of them are counted.
        theirs = max(w, sum(heaviest[ids[n]] for n in held))
        lists.append(_WordList(w, theirs, held, arrays, sum(len(a) for a in arrays)))
    lists.sort(key=lambda t: t.size)
    return lists


def _bounds(
    index: NameIndex,
    q: NameForm,
    cand: NDArray[np.int32],
    lists: list[_WordList],
    light: tuple[float, float],
) -> list[tuple[int, float]]:
    """Each candidate's best possible score, from the lists it is on."""
    single = [
        (wl.weight, wl.theirs, wl.words[0] if len(wl.words) == 1 else "", wl.words) for wl in lists
    ]
    entries, repeats = index.entries, index._repeat_flags
    out: list[tuple[int, float]] = []
    for i in cand.tolist():
        form = entries[i].form
        theirs_words = form.words
        agree, agree_theirs = light
        for weight, their_weight, word, words in single:
            if (word in theirs_words) if word else any(w in theirs_words for w in words):
                agree += weight
                agree_theirs += their_weight
        # A name that repeats a word may find more of itself than the query shares.
        theirs = 1.0 if repeats[i] else min(1.0, agree_theirs / form.total)
        cover = min(1.0, agree / q.total) * theirs
        out.append((i, math.sqrt(cover) * min(1.0, min(agree, agree_theirs) / MIN_EVIDENCE)))
    return out


def search_python(index: NameIndex, q: NameForm, threshold: float, margin: float) -> list[NameHit]:
    """`search` of a query with no exact reading, in Python: the readable reference.

    The compiled search does the same, number for number; this path is
    taken only when a score needs Python's exact rounding, and by the tests.
    """
    near = index.near(q)
    pool = _by_bound(candidates(index, q, threshold, near))
    # (score, aligned, entry number) of every reading kept, scored in pool order.
    kept: list[tuple[float, float, int]] = []
    best: list[float] = []  # min-heap of the best MAX_READINGS scores
    top = threshold  # the best score kept so far
    floor = threshold
    for bound, i in pool:
        if bound < floor:
            break
        hit = score_candidate(index, q, index.entries[i], near)
        score = hit.score
        if score >= floor:
            kept.append((score, hit.aligned, i))
            if len(best) < MAX_READINGS:
                heapq.heappush(best, score)
            elif score > best[0]:
                heapq.heapreplace(best, score)
            top = max(top, score)
            floor = max(floor, top - margin)
            if len(best) == MAX_READINGS:
                floor = max(floor, best[0])
    cut = max(threshold, top - margin)
    entries = index.entries
    ranked = sorted(
        (k for k in kept if k[0] >= cut),
        key=lambda k: (-k[0], -k[1], not entries[k[2]].primary, entries[k[2]].entity_id),
    )
    return [NameHit(entries[i], s, a) for s, a, i in ranked[:MAX_READINGS]]


def score_candidate(index: NameIndex, q: NameForm, e: NameEntry, near: Near) -> NameHit:
    """`NameIndex._score`: one candidate scored with the rules (`ScoreRules`)."""
    if q.full_key == e.form.full_key:
        return NameHit(e, EXACT_SCORE, EXACT_SCORE, exact=True)
    raw, short, lacking, generic_conflict = _judge(q, e.form, near)
    aligned = round(raw, 4)
    score = aligned
    core = (
        q.core_key
        and q.core_key == e.form.core_key
        and _places_named(q, e.form)
        and not generic_conflict
    )
    if core and aligned < CORE_SCORE:
        score = CORE_SCORE
    q_nums = {w for w in q.words if is_number(w)}
    c_nums = {w for w in e.form.words if is_number(w)}
    if q_nums and c_nums and q_nums != c_nums:
        return NameHit(e, 0.0, 0.0)  # different numbers: a different vessel, plant or fund
    if short or lacking or bool(q_nums) != bool(c_nums):
        cap = index.rules.review_cap
        return NameHit(e, min(score, cap), min(aligned, cap))
    return NameHit(e, score, aligned)


def _by_bound(found: dict[int, float]) -> list[tuple[float, int]]:
    """(bound, entry number) pairs, highest bound first, then highest entry number."""
    return sorted(((b, i) for i, b in found.items()), reverse=True)


def _places_named(q: NameForm, c: NameForm) -> bool:
    """Whether every place in the candidate's name is in the query too.

    "Hikvision Canada" is a different company from "Hikvision": a query that
    does not name Canada does not refer to it through distinctive words alone.
    """
    light = {w for w, x in zip(c.words, c.weights, strict=True) if x == PLACE_WEIGHT}
    return light <= set(q.words)
