"""The compiled search gives every reading the readable Python search gives, to the last bit."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banwatch.matching import name_reference, name_search
from banwatch.matching.names import NameEntry, NameHit, NameIndex
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


def _readings(hits: list[NameHit]) -> list[tuple[str, str, float, float, str]]:
    return [(h.entry.entity_id, h.entry.value, h.score, h.aligned, h.explanation) for h in hits]


def _both(
    index: NameIndex, text: str, threshold: float = 0.8, margin: float = 0.08
) -> tuple[list[NameHit], list[NameHit]]:
    """The compiled search and the Python reference on one query."""
    compiled = index.search(text, threshold, margin)
    q = name_form(text, index.weigh)
    if not q.words or q.full_key in index._by_key:
        return compiled, compiled  # no word or an exact reading: one path only
    return compiled, index.search_python(q, threshold, margin)


@settings(max_examples=200, deadline=None)
@given(query=names_st, listed=st.lists(names_st, min_size=1, max_size=40))
def test_compiled_readings_equal_python_readings(query: str, listed: list[str]) -> None:
    compiled, python = _both(_index(listed), query)
    assert _readings(compiled) == _readings(python)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_compiled_search_equals_python_search_on_many_names(seed: int) -> None:
    rng = random.Random(seed)
    listed = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(600)]
    index = _index(listed)
    queries = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(300)]
    answers = [_both(index, t) for t in queries]
    for compiled, python in answers:
        assert _readings(compiled) == _readings(python)
    assert any(len(c) > 1 for c, _ in answers)
    assert any(h.score != h.aligned for c, _ in answers for h in c)  # core-key readings


LONG_LIST = 256


def _on_long_list(index: NameIndex, text: str) -> bool:
    """Whether the query has a word on `LONG_LIST` names or more."""
    words = set(name_form(text, index.weigh).words)
    return any(len(index._postings(w)) >= LONG_LIST for w in words if index._is_indexed(w))


RARE = [
    a + b
    for a in ("Zor", "Kal", "Mib", "Tus", "Bel", "Gan", "Rho", "Wis")
    for b in ("vexa", "drano", "pelos", "quint", "mura", "tesk", "olba", "ifan")
]
LIGHT = ["Technology", "Trading", "Systems", "Holdings", "Hangzhou"]


def _weigh(word: str) -> float:
    """Lexicon weights, but rarer words weigh less than the common one (yet make core keys)."""
    return 0.55 if word in {w.casefold() for w in RARE} else weight(word)


@pytest.mark.parametrize(("seed", "threshold"), [(4, 0.8), (5, 0.6), (6, 0.5)])
def test_a_word_on_hundreds_of_names_gives_the_readings_of_the_python_search(
    seed: int, threshold: float
) -> None:
    """A common word beside rarer ones: long lists, many names on one list alone."""
    rng = random.Random(seed)
    vocabulary = RARE + LIGHT + ["Moravenko", "Kariton"]
    listed = [
        " ".join(["Moravenko", *rng.choices(vocabulary, k=rng.randint(0, 3))]) for _ in range(1500)
    ]
    listed += [" ".join(rng.choices(vocabulary, k=rng.randint(1, 3))) for _ in range(300)]
    rng.shuffle(listed)
    entries = [
        NameEntry(f"e{i}", n, i % 3 != 0, None, name_form(n, _weigh)) for i, n in enumerate(listed)
    ]
    index = NameIndex(entries, _weigh)
    # Each query has a light word no name has, so that none reads exactly.
    queries = [
        " ".join(
            [
                "Moravenko",
                *rng.choices(RARE, k=rng.randint(0, 1)),
                *rng.choices(LIGHT, k=rng.randint(0, 1)),
                rng.choice(["Group", "Global", "Logistics"]),
            ]
        )
        for _ in range(300)
    ]
    assert sum(_on_long_list(index, t) for t in queries) > 100
    # A low threshold and a wide margin: names sharing only the common word read too.
    answers = [_both(index, t, threshold, 0.3) for t in queries]
    for compiled, python in answers:
        assert _readings(compiled) == _readings(python)
    assert sum(bool(c) for c, _ in answers) > 100


def test_a_score_python_must_round_is_read_by_the_python_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = _index(["Kariton Moravenko", "Zenlutek Golden Star", "Hangzhou Zenlutek"])
    queries = ("Kariton Moravenko Trading", "Zenlutec Golden Star", "Zenlutek")
    expected = [_readings(index.search(t, 0.8, 0.08)) for t in queries]
    assert all(expected)

    def fallback(*_args: object) -> int:
        return name_search.FALLBACK

    monkeypatch.setattr(name_search, "search", fallback)
    assert [_readings(index.search(t, 0.8, 0.08)) for t in queries] == expected


def _candidate_bounds(seed: int) -> Callable[[], list[dict[int, float]]]:
    """A synthetic index and queries; the function gives every query's candidate bounds."""
    rng = random.Random(seed)
    listed = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(800)]
    index = _index(listed)
    queries = [" ".join(rng.choices(WORDS, k=rng.randint(1, 5))) for _ in range(400)]
    forms = [q for q in (name_form(t, index.weigh) for t in queries) if q.words]
    return lambda: [index.candidates(q, 0.8, index.near(q)) for q in forms]


def test_required_words_keep_every_candidate_the_scanned_lists_keep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Intersecting required lists finds exactly the candidates that reading every list finds."""
    bounds = _candidate_bounds(11)
    required = bounds()
    monkeypatch.setattr(
        name_reference,
        "_shared_enough",
        lambda q, lists, light, t: name_reference._union([a for wl in lists for a in wl.arrays]),
    )
    assert bounds() == required


def test_near_words_worked_out_at_build_equal_those_looked_up() -> None:
    rng = random.Random(5)
    listed = [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(300)]
    index = _index(listed)
    words = [w for w in index._slots.ids if index._is_indexed(w) and len(w) >= 5 and w.isascii()]
    assert words
    assert any(index._near_words(w) for w in words)
    for w in words:
        assert index._near_words(w) == index._look_up_near(w), w


SYLLABLES = ["ka", "ri", "to", "mo", "na", "shi", "lu", "ven", "dor", "ax", "el", "zen", "tek"]
EXTRAS = ["Technology", "Trading", "Hangzhou", "Canada", "Co., Ltd.", "GmbH", "Sp. z o.o.", "集团"]


def _syllable_name(rng: random.Random, vocab: list[str]) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(1, 3))]
    words += rng.sample(EXTRAS, rng.randint(0, 2))
    return " ".join(words)


def _typo(name: str, rng: random.Random) -> str:
    at = rng.randrange(len(name))
    return (
        name[:at] + name[at + 1 :]
        if rng.random() < 0.5
        else name[:at] + name[at:][::-1][:1] + name[at:]
    )


def test_compiled_search_equals_python_search_on_a_larger_index() -> None:
    """Thousands of names sharing common words, typos and swapped words: many tied readings."""
    rng = random.Random(17)
    vocab = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))).title() for _ in range(300)]
    listed = [_syllable_name(rng, vocab) for _ in range(3000)]
    index = _index(listed)
    queries = [_typo(rng.choice(listed), rng) for _ in range(200)]
    queries += [" ".join(reversed(rng.choice(listed).split())) for _ in range(100)]
    queries += [_syllable_name(rng, vocab) for _ in range(200)]
    answers = [_both(index, t) for t in queries]
    for text, (compiled, python) in zip(queries, answers, strict=True):
        assert _readings(compiled) == _readings(python), text
    assert sum(len(c) for c, _ in answers) > 300
    assert any(len(c) >= 5 for c, _ in answers)
