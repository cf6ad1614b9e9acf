"""The array alignment gives every score the one-pair alignment gives, to the last bit."""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import banwatch.matching.names as names_module
from banwatch.matching.names import NameEntry, NameIndex, align_near
from banwatch.matching.normalize import name_form, weight

WORDS = [
    "Kariton",
    "Karitom",
    "Moravenko",
    "Moravenkko",
    "Zenlutek",
    "Zenlutec",
    "Galber",
    "Pacific",
    "Golden",
    "Star",
    "Hangzhou",
    "Technology",
    "Trading",
    "Systems",
    "Holdings",
    "Electronics",
    "Internationalisation",
    "Internationalisatoin",
    "Vo",
    "海康威视",
    "杭州",
]


def _index(names: list[str]) -> NameIndex:
    entries = [NameEntry(f"e{i}", n, i % 3 != 0, None, name_form(n)) for i, n in enumerate(names)]
    return NameIndex(entries, weight)


names_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(query=names_st, listed=st.lists(names_st, min_size=1, max_size=40))
def test_array_scores_equal_pair_scores(query: str, listed: list[str]) -> None:
    index = _index(listed)
    q = name_form(query, index.weigh)
    near = index.near(q)
    cand = np.arange(len(index.entries), dtype=np.int32)
    many = index._slots.align_many(q, near.of, near.any, cand).tolist()
    one = [align_near(q, e.form, near) for e in index.entries]
    assert many == one


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_search_is_the_same_with_and_without_arrays(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    listed = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(600)]
    index = _index(listed)
    queries = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(300)]

    def answers() -> list[list[tuple[str, float, str]]]:
        return [
            [(h.entry.entity_id, h.score, h.explanation) for h in index.search(t, 0.8, 0.08)]
            for t in queries
        ]

    monkeypatch.setattr(names_module, "VECTOR_MIN", 10**9)
    one_by_one = answers()
    monkeypatch.setattr(names_module, "VECTOR_MIN", 1)
    assert answers() == one_by_one
    assert any(len(a) > 1 for a in one_by_one)


def _candidate_bounds(seed: int) -> Callable[[], list[dict[int, float]]]:
    """A synthetic index and queries; the function gives every query's candidate bounds."""
    rng = random.Random(seed)
    listed = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(800)]
    index = _index(listed)
    queries = [" ".join(rng.choices(WORDS, k=rng.randint(1, 5))) for _ in range(400)]
    forms = [q for q in (name_form(t, index.weigh) for t in queries) if q.words]
    return lambda: [index.candidates(q, 0.8, index.near(q)) for q in forms]


def test_candidate_bounds_are_the_same_word_by_word_and_in_arrays(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bounds = _candidate_bounds(7)
    monkeypatch.setattr(names_module, "SMALL_CANDIDATES", 10**9)
    word_by_word = bounds()
    monkeypatch.setattr(names_module, "SMALL_CANDIDATES", 0)
    assert bounds() == word_by_word
    assert sum(len(b) for b in word_by_word) > 1000


def test_required_words_keep_every_candidate_the_scanned_lists_keep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Intersecting required lists finds exactly the candidates that reading lists finds."""
    bounds = _candidate_bounds(11)
    required = bounds()
    monkeypatch.setattr(
        names_module,
        "_shared_enough",
        lambda q, lists, light, t: names_module._prefix_union(q, lists, t),
    )
    assert bounds() == required


def test_near_words_worked_out_at_build_equal_those_looked_up() -> None:
    rng = random.Random(5)
    listed = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(300)]
    index = _index(listed)
    words = [w for w in index._by_word if len(w) >= 5 and w.isascii()]
    assert words
    assert any(index._near_words(w) for w in words)
    for w in words:
        assert index._near_words(w) == index._look_up_near(w), w
