"""Word weights: how much a word says about which organisation a name means.

Two sources, both data: the lexicon (legal forms removed, generic words and
places weigh little) and word frequencies in a large corpus of real
organisation names (the IEEE MAC registry's ~19,000 registrants). A word that
many unrelated companies use ("mobile", "telecom", "vision") weighs less than
one only a single group uses ("hikvision", "dahua").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from banwatch.matching.lexicon import GENERIC, GENERIC_WEIGHT, PLACE_WEIGHT, PLACES
from banwatch.matching.normalize import cjk_weight, is_cjk, words

MIN_CORPUS_WEIGHT = 0.3
SHORT_WORD_WEIGHT = 0.2


@dataclass(frozen=True)
class WordWeights:
    """Inverse document frequencies of words over a corpus of organisation names."""

    frequencies: dict[str, int]
    corpus_size: int

    def __call__(self, word: str) -> float:
        if is_cjk(word):
            return cjk_weight(word)
        if word in PLACES:
            return PLACE_WEIGHT
        if word in GENERIC:
            return GENERIC_WEIGHT
        if len(word) == 1:
            return SHORT_WORD_WEIGHT
        df = self.frequencies.get(word, 0)
        n = self.corpus_size
        if n == 0:
            return 1.0
        idf = math.log((n + 1) / (df + 1)) / math.log(n + 1)
        return max(MIN_CORPUS_WEIGHT, min(1.0, idf))


def corpus_weights(names: Iterable[str]) -> WordWeights:
    """Count in how many distinct names each word occurs."""
    counts: Counter[str] = Counter()
    size = 0
    for name in set(names):
        size += 1
        counts.update(set(words(name)))
    return WordWeights(dict(counts), size)
