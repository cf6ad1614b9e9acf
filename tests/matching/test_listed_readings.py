"""A name written as a listed one reads as the search would read it, from readings kept at build."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banwatch.matching.names import NameEntry, NameHit, NameIndex
from banwatch.matching.normalize import name_form, weight

WORDS = [
    "Kariton",
    "Karitom",
    "Moravenko",
    "Moravenkko",
    "Golden",
    "Star",
    "Hangzhou",
    "Technology",
    "Technologyy",
    "Trading",
    "Tradings",
    "Systems",
    "Holdings",
    "2",
    "3",
    "Vo",
    "海康威视",
    "杭州",
]
SYLLABLES = ["ka", "ri", "to", "mo", "na", "shi", "lu", "ven", "dor", "ax", "el", "zen"]
EXTRAS = ["Technology", "Trading", "Tradings", "Hangzhou", "Co., Ltd.", "GmbH", "集团", "2"]


def _entries(names: list[str]) -> list[NameEntry]:
    return [NameEntry(f"e{i % 7}", n, i % 3 != 0, None, name_form(n)) for i, n in enumerate(names)]


def _indexes(names: list[str], threshold: float) -> tuple[NameIndex, NameIndex]:
    """An index keeping its listed names' readings, and the same index searching every query."""
    kept = NameIndex(_entries(names), weight)
    kept.keep_listed_readings(threshold)
    return kept, NameIndex(_entries(names), weight)


def _readings(hits: list[NameHit]) -> list[tuple[str, str, float, float, bool]]:
    return [(h.entry.entity_id, h.entry.value, h.score, h.aligned, h.exact) for h in hits]


def _same_readings(names: list[str], queries: list[str], threshold: float = 0.8) -> int:
    """Asserts both indexes read every query alike at `threshold`, above it and below it."""
    kept, searched = _indexes(names, threshold)
    found = 0
    for text in queries:
        for at in (threshold, threshold + 0.1, threshold - 0.2):
            got = kept.search(text, at)
            assert _readings(got) == _readings(searched.search(text, at)), (text, at)
            found += len(got)
    return found


names_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(listed=st.lists(names_st, min_size=1, max_size=40))
def test_every_listed_name_reads_as_the_search_reads_it(listed: list[str]) -> None:
    _same_readings(listed, listed)


@pytest.mark.parametrize("seed", [1, 2])
def test_listed_names_of_a_larger_index_read_as_searched(seed: int) -> None:
    """Thousands of names sharing words, with repeated words, numbers and Chinese: many ties."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))).title() for _ in range(200)]
    listed = [
        " ".join(
            [rng.choice(vocab) for _ in range(rng.randint(1, 3))]
            + rng.sample(EXTRAS, rng.randint(0, 2))
        )
        for _ in range(2000)
    ]
    queries = rng.sample(listed, 300)
    # Written otherwise but with the same words joined: read by a search, not the kept readings.
    queries += [q.replace(" ", "") for q in queries[:50]]
    assert _same_readings(listed, queries) > 1000


def test_a_name_joined_otherwise_is_searched_not_looked_up() -> None:
    """ "HIK Vision" has the key of a listed "Hikvision" but other words: other readings."""
    kept, searched = _indexes(["Hikvision", "Hik Holdings", "Vision Systems"], 0.5)
    got = kept.search("HIK Vision", 0.5)
    assert got[0].exact
    assert _readings(got) == _readings(searched.search("HIK Vision", 0.5))
    assert {h.entry.value for h in got} > {"Hikvision"}


def test_a_listed_name_costs_no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    kept, _ = _indexes(["Kariton Moravenko", "Karitom Moravenko", "Kariton Holdings"], 0.8)

    def no_search(*_args: object) -> None:
        raise AssertionError("searched")

    monkeypatch.setattr("banwatch.matching.name_search.search", no_search)
    got = kept.search("KARITON MORAVENKO", 0.8)
    assert [h.entry.value for h in got] == ["Kariton Moravenko", "Karitom Moravenko"]
    with pytest.raises(AssertionError, match="searched"):
        kept.search("Kariton Moravenko", 0.7)  # below the threshold kept: searched again


def test_a_name_holding_a_word_and_its_typo_is_found_above_the_threshold() -> None:
    # Both words agree on the name's side: its bound counts them both (it once missed it).
    _, searched = _indexes(["Kariton Moravenko", "Kariton Moravenko Moravenkko"], 0.8)
    got = searched.search("Kariton Moravenko", 0.9)
    assert [(h.entry.value, h.score) for h in got][1] == ("Kariton Moravenko Moravenkko", 0.9798)


def test_a_light_words_heavier_typo_in_a_name_is_found_above_the_threshold() -> None:
    # "Technologyy" weighs as a new word and agrees with the light "technology".
    listed = ["Kariton Moravenko Golden Technology", "Kariton Moravenko Golden Technologyy"]
    _, searched = _indexes(listed, 0.8)
    got = searched.search(listed[0], 0.9)
    assert [h.entry.value for h in got] == listed
