"""The scoring rules since banwatch-match-v3: typos of short words, numbers, distinctive words.

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


@pytest.mark.parametrize(
    ("query", "listed", "low", "high"),
    [
        ("Snow Stom 1", "Snow Storm 1", DEFAULT_CONFIG.threshold, CAP),  # a letter left out
        ("Kariton Stom", "Kariton Storm", DEFAULT_CONFIG.threshold, CAP),
        ("Snow Stam 1", "Snow Stom 1", 0.0, DEFAULT_CONFIG.threshold),  # two 4-letter words
    ],
)
def test_a_four_letter_word_may_be_a_five_letter_word_with_a_letter_left_out(
    query: str, listed: str, low: float, high: float
) -> None:
    assert low <= _score(query, listed) <= high


@pytest.mark.parametrize(
    ("query", "listed", "low", "high"),
    [
        ("Jonh Smith", "John Smith", DEFAULT_CONFIG.threshold, CAP),  # two letters swapped
        ("Kariton Vgea", "Kariton Vega", DEFAULT_CONFIG.threshold, CAP),
        ("Kariton Rats", "Kariton Star", 0.0, DEFAULT_CONFIG.threshold),  # more than one swap
        ("Kariton Vegs", "Kariton Vega", 0.0, DEFAULT_CONFIG.threshold),  # a substitution
    ],
)
def test_two_letters_swapped_in_a_four_letter_word_count_toward_review(
    query: str, listed: str, low: float, high: float
) -> None:
    assert low <= _score(query, listed) <= high


@pytest.mark.parametrize(
    ("query", "listed", "low", "high"),
    [
        ("Jon Smith", "John Smith", DEFAULT_CONFIG.threshold, CAP),  # a letter left out
        ("John Smith", "Jon Smith", DEFAULT_CONFIG.threshold, CAP),  # or added
        ("Kariton Fox", "Kariton Foxe", DEFAULT_CONFIG.threshold, CAP),
        ("Kariton Fox", "Kariton Fix", 0.0, DEFAULT_CONFIG.threshold),  # two 3-letter words
        ("Kariton Fox", "Kariton Foxes", 0.0, DEFAULT_CONFIG.threshold),  # two letters more
        ("Plant 123", "Plant 1234", 0.0, DEFAULT_CONFIG.threshold),  # numbers are not typos
    ],
)
def test_a_three_letter_word_may_be_a_four_letter_word_with_a_letter_left_out(
    query: str, listed: str, low: float, high: float
) -> None:
    assert low <= _score(query, listed) <= high


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Brigade Fourty-four", "Brigade 44"),
        ("Brigade Forty Four", "Brigade 44"),
        ("44th Brigade", "Brigade 44"),
        ("Brigade No. 44", "Brigade 44"),
        ("Бригада сорок четыре", "Бригада 44"),
    ],
)
def test_numbers_written_in_words_are_the_numbers(query: str, listed: str) -> None:
    assert _score(query, listed) == 1.0


@pytest.mark.parametrize("name", ["First Solar", "Premier Oil", "Erste Group", "LI Ning", "MIX 7"])
def test_a_single_number_word_or_numeral_stays_a_word(name: str) -> None:
    assert name_form(name).words == tuple(w.lower() for w in name.split())


def test_brigade_forty_four_is_not_brigade_forty_five() -> None:
    assert _score("Brigade Forty-Four", "Brigade Forty-Five") == 0.0


def test_two_names_each_with_a_generic_word_the_other_lacks_get_no_core_score() -> None:
    assert _score("Moravenko Vision", "Moravenko Research Institute") < CERTAIN
    assert _score("Moravenko Vision Technology", "Moravenko Technology") >= CERTAIN
    assert _score("Moravenko Digital Technology", "Moravenko") >= CERTAIN


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("SMITH, John Michael", "John Michael Smith"),
        ("Sidorov, Ivan Petrovich", "Ivan Petrovich Sidorov"),
        ("Al Rashid, Mohammed", "Mohammed Al-Rashid"),
    ],
)
def test_a_person_written_last_name_first_is_the_same_person(query: str, listed: str) -> None:
    # Words are compared as a bag: "LAST, FIRST", as lists write persons, needs no rule.
    assert _score(query, listed) == 1.0
