"""The parts of a name index, built from its entries: look-ups and the arrays it keeps (pure).

`NameIndex.__init__` (names.py) calls these in turn; the compiled search
(`name_search.py`) reads the flat arrays they make.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from banwatch.matching.deletion_forms import DeletionForms
from banwatch.matching.name_hits import NameEntry
from banwatch.matching.search_rules import INDEX_MIN_WEIGHT
from banwatch.matching.word_slots import WordSlots

# Per-word results (weights, near-typo words) are remembered up to this many words;
# supplier names reuse a vocabulary, so most words of a new name were met before.
WORD_MEMO = 200_000
T = TypeVar("T")


def remembered(memo: dict[str, T], word: str, work_out: Callable[[str], T]) -> T:
    """`work_out(word)`, remembered in `memo` (emptied when it holds `WORD_MEMO` words)."""
    got = memo.get(word)
    if got is None:
        if len(memo) >= WORD_MEMO:
            memo.clear()
        got = memo[word] = work_out(word)
    return got


def keyed(
    entries: list[NameEntry],
) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[str, list[int]]]:
    """The entries by full key, by core key and by word (words heavy enough to index).

    Entries written alike are in reading order: own names first, then by entity.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    by_core: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        by_key[e.form.full_key].append(i)
        if e.form.core_key:
            by_core[e.form.core_key].append(i)
        for word, w in zip(e.form.words, e.form.weights, strict=True):
            postings = by_word[word]
            if w >= INDEX_MIN_WEIGHT and (not postings or postings[-1] != i):
                postings.append(i)
    for same in by_key.values():
        if len(same) > 1:
            same.sort(key=lambda i: (not entries[i].primary, entries[i].entity_id))
    return by_key, by_core, by_word


def core_groups(
    by_core: dict[str, list[int]],
) -> tuple[dict[str, int], NDArray[np.int64], NDArray[np.int32]]:
    """The entries of each core key, ascending, as the compiled search takes them.

    One flat array and each key's group number: hundreds of thousands of
    small arrays would take seconds to read back with the index.
    """
    group = {key: g for g, key in enumerate(by_core)}
    starts = np.zeros(len(by_core) + 1, dtype=np.int64)
    np.cumsum([len(same) for same in by_core.values()], out=starts[1:])
    ids = np.fromiter(chain.from_iterable(by_core.values()), dtype=np.int32, count=int(starts[-1]))
    return group, starts, ids


def postings(
    by_word: dict[str, list[int]], slots: WordSlots, repeats: NDArray[np.bool_]
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.float64]]:
    """The names holding each word id (of weight enough to be indexed), flat, with totals.

    Beside each posting, its name's total weight, negative for a name that
    repeats a word: what bounding a candidate needs, read in list order, not
    name by name.
    """
    ids = slots.ids
    post_starts, post_ids = flat(len(ids), ((ids[w], p) for w, p in by_word.items() if p), np.int32)
    totals = slots.totals[post_ids]
    return post_starts, post_ids, np.where(repeats[post_ids], -totals, totals)


def near_arrays(
    near: dict[str, dict[str, float]], ids: dict[str, int]
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.float64]]:
    """The near-typo words of each word id, flat: (starts, word ids, similarities)."""
    starts, near_ids = flat(
        len(ids), ((ids[w], [ids[n] for n in c]) for w, c in near.items()), np.int32
    )
    _, sims = flat(len(ids), ((ids[w], list(c.values())) for w, c in near.items()), np.float64)
    return starts, near_ids, sims


def near_pairs(
    forms: DeletionForms, vocab: list[str], similar: Callable[[str, str], float]
) -> dict[str, dict[str, float]]:
    """The near-typo words of every indexed word that has any, worked out once.

    Two indexed words are near when they share a deletion form and the typo
    rule accepts them, which is what looking a word's forms up finds; doing it
    for the whole index at once costs a pass over the shared forms, and most
    query words of a ledger are indexed words.
    """
    near: dict[str, dict[str, float]] = {}
    lower, higher = forms.pairs()
    for a, b in zip(lower.tolist(), higher.tolist(), strict=True):
        wa, wb = vocab[a], vocab[b]
        similarity = similar(wa, wb)
        if similarity > 0:
            near.setdefault(wa, {})[wb] = similarity
            near.setdefault(wb, {})[wa] = similarity
    return near


def flat(
    size: int, rows: Iterable[tuple[int, list[int] | list[float]]], dtype: type[np.generic]
) -> tuple[NDArray[np.int64], NDArray[Any]]:
    """Rows given by number as one flat array and the start of each row (row k: starts[k:k+2])."""
    lengths = np.zeros(size + 1, dtype=np.int64)
    parts: list[tuple[int, list[int] | list[float]]] = sorted(rows, key=lambda r: r[0])
    for k, row in parts:
        lengths[k + 1] = len(row)
    starts = np.cumsum(lengths)
    flat = np.fromiter((x for _, row in parts for x in row), dtype=dtype, count=int(starts[-1]))
    return starts, flat


def ranks(entries: list[NameEntry]) -> NDArray[np.int32]:
    """Each entry's place when readings tie on score and alignment: own names first, then by id.

    Entries of one entity that are equally primary share a place, so ties
    among them keep the order in which they were scored.
    """
    order = sorted(
        range(len(entries)), key=lambda i: (not entries[i].primary, entries[i].entity_id)
    )
    rank = np.zeros(len(entries), dtype=np.int32)
    place = 0
    previous: tuple[bool, str] | None = None
    for i in order:
        key = (not entries[i].primary, entries[i].entity_id)
        if key != previous:
            place += 1
            previous = key
        rank[i] = place
    return rank
