"""One word in two romanisations ("Aleksei", "Alexei") reads as a short word's typo: `review`.

Scores use the IEEE registrant corpus's weights, as the matcher does.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.matching.deletion_forms import DeletionForms
from banwatch.matching.matcher import DEFAULT_CONFIG
from banwatch.matching.spelling_variants import spelling_variants, variant_key

from .test_scoring_rules import _score

CAP = DEFAULT_CONFIG.review_cap
THRESHOLD = DEFAULT_CONFIG.threshold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("aleksei", "alexei"),  # ks / x
        ("arkady", "arkadij"),  # y / ij
        ("navalny", "navalnyy"),
        ("yevgeniy", "evgeny"),  # a leading ye, and iy / y
        ("khodorkovsky", "hodorkovskiy"),  # kh / h
        ("mohammed", "mohamed"),  # a doubled letter
        ("yuryevich", "yurievich"),
    ],
)
def test_romanisations_of_one_word_share_a_key(a: str, b: str) -> None:
    assert spelling_variants(a, b) and spelling_variants(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("hikvision", "hikvison"), ("sergei", "serej"), ("ivan", "iwan"), ("alexei", "alexei")],
)
def test_other_words_do_not(a: str, b: str) -> None:
    # A letter left out is the typo rule's; four letters are too short; a word is not its variant.
    assert not spelling_variants(a, b)


@given(st.text(alphabet="akshyjewiph", min_size=0, max_size=12))
def test_a_key_is_never_longer_than_its_word(word: str) -> None:
    key = variant_key(word)
    assert key is None or len(key) <= len(word)


def test_the_index_finds_a_spelling_two_edits_away() -> None:
    forms = DeletionForms([(0, "alexei"), (1, "navalnyy"), (2, "yevgeniy"), (3, "hikvision")], 12)
    assert forms.near("aleksei").tolist() == [0]
    assert forms.near("evgeny").tolist() == [2]
    assert forms.near("alexey").tolist() == [0]
    lower, higher = forms.pairs()
    assert list(zip(lower.tolist(), higher.tolist(), strict=True)) == []  # no word is its own


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Alexei Navalny", "Aleksei Navalnyy"),
        ("Arkady Rotenberg", "ROTENBERG, Arkadij"),
        ("Evgeny Prigozhin", "PRIGOZHIN, Yevgeniy"),
    ],
)
def test_a_person_written_in_another_romanisation_is_review(query: str, listed: str) -> None:
    assert THRESHOLD <= _score(query, listed) <= CAP


def test_different_persons_stay_apart() -> None:
    assert _score("Ivan Petrovich Sidorov", "Ivan Nikolaevich Sidorov") < THRESHOLD
