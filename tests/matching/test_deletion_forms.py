"""Hashed deletion forms find exactly the words that share a deletion form as strings.

A word whose romanisation key differs from it (`spelling_variants`) is filed
under its key too, and looked up under the key's forms too.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from banwatch.matching.deletion_forms import WHOLE_BELOW, DeletionForms
from banwatch.matching.spelling_variants import variant_key

LONG = 6  # small, so that short generated words get two deletions too


def _forms(word: str) -> set[str]:
    """The word and every form of it with one letter left out, or two for long words.

    A short word is only itself: it is found as a longer word's deletion form.
    """
    if len(word) < WHOLE_BELOW:
        return {word}
    ones = {word[:i] + word[i + 1 :] for i in range(len(word))}
    if len(word) >= LONG:
        ones |= {w[:i] + w[i + 1 :] for w in ones for i in range(len(w))}
    return ones | {word}


def _other_key(word: str) -> str | None:
    key = variant_key(word)
    return key if key is not None and key != word else None


def _filed(word: str) -> set[str]:
    """What the index files a word under: its forms, and its key where that differs."""
    key = _other_key(word)
    return _forms(word) | ({key} if key else set())


def _looked_up(word: str) -> set[str]:
    """What a word is looked up under: its forms, and its key's where that differs."""
    key = _other_key(word)
    return _forms(word) | (_forms(key) if key else set())


# "y", "j", "ks" and doubled letters make romanisation keys differ from their words.
words_st = st.text(alphabet="abcyjksé海", min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(indexed=st.lists(words_st, min_size=1, max_size=30, unique=True), query=words_st)
def test_look_up_finds_the_words_sharing_a_form(indexed: list[str], query: str) -> None:
    forms = DeletionForms(list(enumerate(indexed)), LONG)
    own = indexed.index(query) if query in indexed else -1
    want = [k for k, w in enumerate(indexed) if k != own and _filed(w) & _looked_up(query)]
    assert forms.near(query, own).tolist() == want


@settings(max_examples=100, deadline=None)
@given(indexed=st.lists(words_st, min_size=1, max_size=30, unique=True))
def test_pairs_are_every_two_words_sharing_a_form(indexed: list[str]) -> None:
    forms = DeletionForms(list(enumerate(indexed)), LONG)
    lower, higher = forms.pairs()
    got = list(zip(lower.tolist(), higher.tolist(), strict=True))
    want = [
        (a, b)
        for a in range(len(indexed))
        for b in range(a + 1, len(indexed))
        if _filed(indexed[a]) & _filed(indexed[b])
    ]
    assert got == want


def test_a_word_numbered_by_the_caller_keeps_its_number() -> None:
    forms = DeletionForms([(40, "hikvision"), (7, "huawei"), (12, "hikvisoin")], 12)
    assert forms.near("hikvison").tolist() == [12, 40]  # "hikvision" and "hikvisoin" less a letter
    assert forms.near("hikvision", own=40).tolist() == [12]
    assert forms.near("zte").tolist() == []


def test_a_four_letter_word_finds_swaps_changes_and_its_three_letter_forms() -> None:
    words = [(1, "john"), (2, "jonh"), (3, "nohj"), (4, "johns"), (5, "jon"), (6, "joan")]
    forms = DeletionForms(words, 12)
    # The typo rule then keeps the swap ("john") and the letter left out ("jon").
    assert forms.near("jonh", own=2).tolist() == [1, 5, 6]
    assert forms.near("jon", own=5).tolist() == [1, 2, 6]
    assert forms.near("hojn").tolist() == []  # not neighbours: no shared form


@settings(max_examples=100, deadline=None)
@given(
    indexed=st.lists(words_st, min_size=1, max_size=30, unique=True),
    queries=st.lists(words_st, max_size=12, unique=True),
)
def test_many_words_looked_up_together_find_what_each_finds_alone(
    indexed: list[str], queries: list[str]
) -> None:
    forms = DeletionForms(list(enumerate(indexed)), LONG)
    asked = [(q, indexed.index(q) if q in indexed else -1) for q in queries]
    assert forms.near_many(asked) == [forms.near(q, own).tolist() for q, own in asked]
