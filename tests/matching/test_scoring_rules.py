"""The scoring rules of banwatch-match-v3: short typos, numbers, a distinctive word one name lacks.

Weights are those of the IEEE registrant corpus, as the matcher uses them.
"""

from __future__ import annotations

from functools import cache

import pytest

from banwatch.matching.matcher import DEFAULT_CONFIG
from banwatch.matching.names import NameEntry, NameIndex, ScoreRules
from banwatch.matching.normalize import name_form
from banwatch.matching.weights import WordWeights, corpus_weights
from banwatch.registry.loader import load_registry

CERTAIN = DEFAULT_CONFIG.certain
CAP = DEFAULT_CONFIG.review_cap


@cache
def _weights() -> WordWeights:
    return corpus_weights(load_registry().name_corpus)


def _score(query: str, listed: str, *others: str) -> float:
    """The best score of `query` against `listed` in an index of `listed` and `others`."""
    w = _weights()
    names = [listed, *others]
    index = NameIndex(
        [NameEntry(f"e{i}", n, True, None, name_form(n, w)) for i, n in enumerate(names)], w
    )
    hits = [h for h in index.search(query, 0.0, 1.0) if h.entry.entity_id == "e0"]
    python = [
        h for h in index.search_python(name_form(query, w), 0.0, 1.0) if h.entry.entity_id == "e0"
    ]
    if name_form(query, w).full_key not in index._by_key:
        assert [h.score for h in hits] == [h.score for h in python]  # both searches agree
    return hits[0].score if hits else 0.0


def test_the_matcher_gives_the_index_its_rule_numbers() -> None:
    assert ScoreRules() == ScoreRules(DEFAULT_CONFIG.short_typo_similarity, CAP)
    assert CAP < CERTAIN


@pytest.mark.parametrize(
    ("query", "listed", "certain"),
    [
        ("OAO Gazprom", "Gasprom JSC", False),
        ("Gasprom Neft", "Gazprom Neft", False),  # aligns at 0.90, held below certainty
        ("JOYNT Moravenko", "JOINT Moravenko", False),
        ("Kariton Faberlick", "Kariton Faberlic", True),  # 8 letters: a long word's typo
    ],
)
def test_a_short_words_typo_counts_toward_review(query: str, listed: str, certain: bool) -> None:
    score = _score(query, listed)
    assert score >= DEFAULT_CONFIG.threshold
    assert (score >= CERTAIN) is certain
    if not certain:
        assert score <= CAP


def test_a_short_typo_of_a_common_word_reads_as_nothing() -> None:
    assert _score("Huawen", "Huawei") < DEFAULT_CONFIG.threshold


def test_two_swapped_letters_count_as_a_typo_at_any_length() -> None:
    assert _score("Kariton Moarvenko", "Kariton Moravenko") >= CERTAIN


@pytest.mark.parametrize(
    ("query", "listed", "low", "high"),
    [
        ("Snow Storm 1", "Snow Storm 2", 0.0, 0.0),  # different vessels
        ("Plant 44 Moravenko", "Plant 45 Moravenko", 0.0, 0.0),
        ("Snow Storm 1", "Snow Storm", DEFAULT_CONFIG.threshold, CAP),  # one side only
        ("Snow Storm 1", "Snow Storm 1 Ltd", 1.0, 1.0),
    ],
)
def test_numbers_must_agree_for_a_certain_match(
    query: str, listed: str, low: float, high: float
) -> None:
    assert low <= _score(query, listed) <= high


def test_a_distinctive_word_one_name_lacks_keeps_a_reading_below_certainty() -> None:
    # Both names share three rare words; the query adds a fourth.
    score = _score("Kariton Moravenko Zenlutek Galbertrax", "Kariton Moravenko Zenlutek")
    assert DEFAULT_CONFIG.threshold <= score <= CAP


def test_generic_words_and_places_are_not_distinctive() -> None:
    assert _score("Kariton Moravenko Technology", "Kariton Moravenko") >= CERTAIN
