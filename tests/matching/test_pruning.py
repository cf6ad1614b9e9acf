"""Candidate pruning never loses the best reading of a name.

The index skips lists and candidates by score bounds; these tests compare its
answer with scoring every name in a synthetic index one by one.
"""

from __future__ import annotations

import random

import pytest

from banwatch.matching.names import NameEntry, NameIndex
from banwatch.matching.normalize import name_form, weight

SYLLABLES = [
    "ka",
    "ri",
    "to",
    "mo",
    "na",
    "shi",
    "lu",
    "ven",
    "dor",
    "ax",
    "el",
    "im",
    "pa",
    "ro",
    "zen",
    "tek",
    "vo",
    "ra",
    "li",
    "qu",
    "an",
    "ber",
    "gal",
]
GENERIC = ["Technology", "Trading", "Systems", "Holdings", ""]
FORMS = ["Inc.", "Co., Ltd.", "GmbH", "LLC", ""]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()


def _index(size: int, rng: random.Random) -> tuple[NameIndex, list[str]]:
    vocab = [_word(rng) for _ in range(400)]
    names = [
        " ".join(
            [
                *(rng.choice(vocab) for _ in range(rng.randint(1, 3))),
                rng.choice(GENERIC),
                rng.choice(FORMS),
            ]
        ).strip()
        for _ in range(size)
    ]
    entries = [NameEntry(f"e{i}", n, True, None, name_form(n)) for i, n in enumerate(names)]
    return NameIndex(entries, weight), names


def _variant(name: str, rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return name
    if kind == 1:
        j = rng.randrange(len(name))
        return name[:j] + name[j + 1 :]
    if kind == 2:
        words = name.split()
        rng.shuffle(words)
        return " ".join(words)
    return f"{_word(rng)} {name.split()[0]}"


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_search_finds_the_best_score_that_scoring_everything_finds(seed: int) -> None:
    rng = random.Random(seed)
    index, names = _index(1500, rng)
    threshold = 0.8
    for _ in range(150):
        query = _variant(rng.choice(names), rng)
        q = name_form(query, index.weigh)
        if not q.words:
            continue
        near = index.near(q)
        brute = max((index._score(q, e, near).score for e in index.entries), default=0.0)
        found = index.search(query, threshold, 0.08)
        best = found[0].score if found else 0.0
        if brute >= threshold:
            assert best == pytest.approx(brute), query
        else:
            assert found == [], query
