"""Organisation-name matching: an inverted index and a weighted word alignment (pure).

Candidates come only from the index (exact keys, shared words, and words one
typo away found through character trigrams); a query is never compared with
every name. A candidate's score is the geometric mean of how much of each
name's weight the other covers, so shared generic words and places
("Hangzhou", "Technology") cannot make a match on their own.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from banwatch.matching.lexicon import PLACE_WEIGHT
from banwatch.matching.normalize import NameForm, is_cjk, name_form

EXACT_SCORE = 1.0
CORE_SCORE = 0.93
# A misspelt word is never certain: with it a match stays below the certainty line.
TYPO_SIMILARITY = 0.88
DOUBLE_TYPO_SIMILARITY = 0.82
# Agreement on less word weight than this is weak evidence, however well it covers
# both names: "Pacific Corporation" is not "Pacific Networks Corp.".
MIN_EVIDENCE = 0.8
INDEX_MIN_WEIGHT = 0.3


@dataclass(frozen=True)
class NameEntry:
    """One name of one entity, compiled."""

    entity_id: str
    value: str
    primary: bool  # the entity's own name, as opposed to an alias, former or derived name
    derived: str | None  # how the name was derived (e.g. "pinyin of 海康威视"), if it was
    form: NameForm


@dataclass(frozen=True)
class NameHit:
    """A scored candidate name, with the evidence in plain words."""

    entry: NameEntry
    score: float
    explanation: str
    aligned: float  # the word alignment, which breaks ties between equal scores


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def typo_similarity(a: str, b: str) -> float:
    """Similarity of two different words when one is a plausible typo of the other, else 0.

    Short words must match exactly except for two swapped letters: "huawen" is
    another company, not a typo of "huawei".
    """
    if a == b:
        return 1.0
    if is_cjk(a) or is_cjk(b) or min(len(a), len(b)) < 5:
        return 0.0
    d = OSA.distance(a, b, score_cutoff=2)
    if d == 1 and (min(len(a), len(b)) >= 8 or sorted(a) == sorted(b)):
        return TYPO_SIMILARITY
    if d == 2 and min(len(a), len(b)) >= 12:
        return DOUBLE_TYPO_SIMILARITY
    return 0.0


def _coverage(a: NameForm, b: NameForm) -> float:
    """Share of `a`'s weight found in `b`, each word at its best similarity."""
    return _found(a, b) / a.total if a.total else 0.0


def _found(a: NameForm, b: NameForm) -> float:
    """Weight of `a`'s words found in `b`, each word at its best similarity."""
    got = 0.0
    for word, w in zip(a.words, a.weights, strict=True):
        best = 0.0
        for other in b.words:
            best = max(best, typo_similarity(word, other))
            if best == 1.0:
                break
        got += w * best
    return got


def align(q: NameForm, c: NameForm) -> float:
    """Geometric mean of the two coverages, scaled down when little weight agrees.

    Symmetric and within [0, 1].
    """
    if not q.total or not c.total:
        return 0.0
    fq, fc = _found(q, c), _found(c, q)
    evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
    return math.sqrt((fq / q.total) * (fc / c.total)) * evidence


class NameIndex:
    """Every registry name, compiled, with the lookups that generate candidates."""

    def __init__(self, entries: Iterable[NameEntry], weigh: Callable[[str], float]) -> None:
        self.entries = list(entries)
        self.weigh = weigh
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._by_core: dict[str, list[int]] = defaultdict(list)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        self._by_trigram: dict[str, set[str]] = defaultdict(set)
        for i, e in enumerate(self.entries):
            self._by_key[e.form.full_key].append(i)
            if e.form.core_key:
                self._by_core[e.form.core_key].append(i)
            for word, w in zip(e.form.words, e.form.weights, strict=True):
                if w >= INDEX_MIN_WEIGHT and i not in self._by_word[word]:
                    self._by_word[word].append(i)
        for word in self._by_word:
            if not is_cjk(word) and len(word) >= 5:
                for t in _trigrams(word):
                    self._by_trigram[t].add(word)

    def _near_words(self, word: str) -> list[str]:
        """Indexed words one or two typos from `word`, found through shared trigrams."""
        grams = _trigrams(word)
        counts: dict[str, int] = defaultdict(int)
        for t in grams:
            for other in self._by_trigram.get(t, ()):
                counts[other] += 1
        need = max(2, len(grams) // 3)
        return [w for w, n in counts.items() if n >= need and typo_similarity(word, w) > 0]

    def candidates(self, q: NameForm) -> set[int]:
        """Entries that share a key, a weighty word, or a near-typo of one with the query."""
        found: set[int] = set(self._by_key.get(q.full_key, ()))
        if q.core_key:
            found.update(self._by_core.get(q.core_key, ()))
        for word, w in zip(q.words, q.weights, strict=True):
            if w < INDEX_MIN_WEIGHT:
                continue
            hits = self._by_word.get(word)
            if hits:
                found.update(hits)
            elif not is_cjk(word) and len(word) >= 5:
                for near in self._near_words(word):
                    found.update(self._by_word[near])
        return found

    def search(self, text: str, threshold: float) -> list[NameHit]:
        """Score every candidate for a name; return those at or above `threshold`, best first."""
        q = name_form(text, self.weigh)
        if not q.words:
            return []
        hits: list[NameHit] = []
        for i in self.candidates(q):
            hit = self._score(q, self.entries[i])
            if hit.score >= threshold:
                hits.append(hit)
        hits.sort(key=lambda h: (-h.score, -h.aligned, not h.entry.primary, h.entry.entity_id))
        return hits

    def _score(self, q: NameForm, e: NameEntry) -> NameHit:
        if q.full_key == e.form.full_key:
            why = f"same name as {e.value!r} (case, punctuation and legal form ignored)"
            return NameHit(e, EXACT_SCORE, why, EXACT_SCORE)
        aligned = round(align(q, e.form), 4)
        agree = f"{aligned:.0%} of the weighted words agree with {e.value!r}"
        core = q.core_key and q.core_key == e.form.core_key and _places_named(q, e.form)
        if core and aligned < CORE_SCORE:
            why = (
                f"same distinctive words as {e.value!r} "
                "(places and generic words such as 'technology' ignored)"
            )
            return NameHit(e, CORE_SCORE, why, aligned)
        return NameHit(e, aligned, agree, aligned)


def _places_named(q: NameForm, c: NameForm) -> bool:
    """Whether every place in the candidate's name is in the query too.

    "Hikvision Canada" is a different company from "Hikvision": a query that
    does not name Canada does not refer to it through distinctive words alone.
    """
    light = {w for w, x in zip(c.words, c.weights, strict=True) if x == PLACE_WEIGHT}
    return light <= set(q.words)
