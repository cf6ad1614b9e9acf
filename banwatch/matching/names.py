"""Organisation-name matching: an inverted index and a weighted word alignment (pure).

Candidates come only from the index (exact keys, shared words, and words one
typo away found through their deletion forms); a query is never compared with
every name. A candidate's score is the geometric mean of how much of each
name's weight the other covers, so shared generic words and places
("Hangzhou", "Technology") cannot make a match on their own.
"""

from __future__ import annotations

import heapq
import math
import os
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import chain
from typing import Any, NamedTuple, TypeVar

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import OSA

from banwatch.matching import name_search
from banwatch.matching.deletion_forms import DeletionForms
from banwatch.matching.lexicon import PLACE_WEIGHT
from banwatch.matching.name_search import IndexArrays, QueryArrays
from banwatch.matching.normalize import (
    DISTINCTIVE,
    TYPO_MIN_LENGTH,
    TYPO_SHORTEST,
    NameForm,
    is_cjk,
    name_form,
)
from banwatch.matching.search_rules import (
    CORE_SCORE,
    EXACT_SCORE,
    INDEX_MIN_WEIGHT,
    LONG_TYPO_FLOOR,
    MAX_READINGS,
    MIN_EVIDENCE,
    reachable,
)
from banwatch.matching.word_slots import UNKNOWN, WordSlots, member

# A misspelt word is never certain: with it a match stays below the certainty line.
TYPO_SIMILARITY = 0.88
DOUBLE_TYPO_SIMILARITY = LONG_TYPO_FLOOR
LONG_TYPO_LENGTH = 12  # words this long may differ by two edits
# Per-word results (weights, near-typo words) are remembered up to this many words;
# supplier names reuse a vocabulary, so most words of a new name were met before.
WORD_MEMO = 200_000
T = TypeVar("T")


class ScoreRules(NamedTuple):
    """The numbers of the scoring rules (`MatcherConfig` gives them; these are its defaults)."""

    # One edit in a word of 5-7 letters is credited at this times the rarer word's
    # weight: below `LONG_TYPO_FLOOR`, which tells such a credit apart.
    short_typo_similarity: float = 0.80
    # The most a reading scores with a short word's typo, a distinctive word one
    # name lacks, or a number only one name has: below certainty.
    review_cap: float = 0.89


def is_number(word: str) -> bool:
    """Whether a word is a number ("1", "44"): numbers must agree for a certain match."""
    return word.isdigit()


def _short_typo(a: str, b: str) -> bool:
    """Whether two different Latin words, one of 5-7 letters, are one edit apart.

    The other word may have four letters: the same word with a letter left
    out. Two four-letter words may be one swap of two letters apart ("jonh").
    """
    shorter, longer = sorted((len(a), len(b)))
    if shorter == longer == TYPO_SHORTEST:
        return sorted(a) == sorted(b) and OSA.distance(a, b, score_cutoff=1) == 1
    return (
        TYPO_SHORTEST <= shorter < 8
        and TYPO_MIN_LENGTH <= longer <= shorter + 1
        and OSA.distance(a, b, score_cutoff=1) == 1
    )


class NameEntry(NamedTuple):
    """One name of one entity, compiled (a named tuple, like `NameForm`)."""

    entity_id: str
    value: str
    primary: bool  # the entity's own name, as opposed to an alias, former or derived name
    derived: str | None  # how the name was derived (e.g. "pinyin of 海康威视"), if it was
    form: NameForm


class NameHit(NamedTuple):
    """A scored candidate name, with the evidence in plain words (a named tuple)."""

    entry: NameEntry
    score: float
    aligned: float  # the word alignment, which breaks ties between equal scores
    exact: bool = False  # the same name once case, punctuation and legal form are set aside

    @property
    def explanation(self) -> str:
        """Why the name reads as the entry, in plain words (written only when asked for)."""
        value = self.entry.value
        if self.exact:
            return f"same name as {value!r} (case, punctuation and legal form ignored)"
        if self.score != self.aligned:
            return (
                f"same distinctive words as {value!r} "
                "(places and generic words such as 'technology' ignored)"
            )
        return f"{self.aligned:.0%} of the weighted words agree with {value!r}"


# A hit from its four fields in one C call: a named tuple's own constructor is a
# Python function, and the search makes one or more hits for every name it reads.
_hit: Callable[[tuple[NameEntry, float, float, bool]], NameHit] = partial(tuple.__new__, NameHit)


def typo_similarity(a: str, b: str) -> float:
    """Similarity of two different words when one is a plausible typo of the other, else 0.

    Short words must match exactly except for two swapped letters: "huawen" is
    another company, not a typo of "huawei".
    """
    if a == b:
        return 1.0
    if is_cjk(a) or is_cjk(b):
        return 0.0
    return _typo(a, b)


def _typo(a: str, b: str) -> float:
    """`typo_similarity` for two different Latin words."""
    shorter = min(len(a), len(b))
    if shorter < TYPO_MIN_LENGTH or abs(len(a) - len(b)) > 2:
        return 0.0
    d = OSA.distance(a, b, score_cutoff=2)
    if d == 1 and (shorter >= 8 or sorted(a) == sorted(b)):
        return TYPO_SIMILARITY
    if d == 2 and shorter >= LONG_TYPO_LENGTH:
        return DOUBLE_TYPO_SIMILARITY
    return 0.0


def _found(a: NameForm, b: NameForm) -> float:
    """Weight of `a`'s words found in `b`, each word at its best similarity."""
    got = 0.0
    other = b.words
    for word, w in zip(a.words, a.weights, strict=True):
        if word in other:
            got += w
        elif b.typo_prone and word in a.typo_prone:
            got += w * max(
                (_typo(word, o) for o in b.typo_prone if _may_be_typo(word, o)), default=0.0
            )
    return got


def _may_be_typo(a: str, b: str) -> bool:
    """A cheap test that rules most word pairs out before an edit distance is computed.

    One edit leaves either the first or the last letter in place; only words of
    12 letters or more may differ by two edits.
    """
    if abs(len(a) - len(b)) > 2:
        return False
    return a[0] == b[0] or a[-1] == b[-1] or min(len(a), len(b)) >= LONG_TYPO_LENGTH


def align(q: NameForm, c: NameForm) -> float:
    """Geometric mean of the two coverages, scaled down when little weight agrees.

    Symmetric and within [0, 1].
    """
    if not q.total or not c.total:
        return 0.0
    fq, fc = _found(q, c), _found(c, q)
    evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
    return math.sqrt((fq / q.total) * (fc / c.total)) * evidence


class Near:
    """The indexed words one typo (or two, for long words) from a query's words, with similarities.

    Found once per query through the deletion index; scoring a candidate is
    then a matter of look-ups. Words too light to be indexed get no typo credit.
    The near words of each query word are the index's remembered ones, shared
    and never changed; `any` is worked out only when a candidate is scored.
    """

    __slots__ = ("_any", "of")

    def __init__(self, of: dict[str, dict[str, float]] | None = None) -> None:
        self.of: dict[str, dict[str, float]] = of or {}  # query word -> {near word: similarity}
        self._any: dict[str, float] | None = None

    @property
    def any(self) -> dict[str, float]:
        """Near word -> its best similarity to any query word."""
        if self._any is None:
            best: dict[str, float] = {}
            for close in self.of.values():
                for near, similarity in close.items():
                    best[near] = max(similarity, best.get(near, 0.0))
            self._any = best
        return self._any


def _found_near(a: NameForm, b: NameForm, near: dict[str, dict[str, float]]) -> float:
    """`_found` of a query in a candidate, with typo similarities looked up in `near`."""
    got = 0.0
    other = b.words
    for word, w in zip(a.words, a.weights, strict=True):
        if word in other:
            got += w
        else:
            close = near.get(word)
            if close:
                got += w * max((x for n, x in close.items() if n in other), default=0.0)
    return got


def _found_back(c: NameForm, q: NameForm, near_any: dict[str, float]) -> float:
    """`_found` of a candidate in a query, with typo similarities looked up in `near_any`."""
    got = 0.0
    other = q.words
    for word, w in zip(c.words, c.weights, strict=True):
        if word in other:
            got += w
        elif word in near_any:
            got += w * near_any[word]
    return got


def align_near(q: NameForm, c: NameForm, near: Near) -> float:
    """`align` for a query whose near-typo words were looked up once (the index's fast path)."""
    if not q.total or not c.total:
        return 0.0
    fq, fc = _found_near(q, c, near.of), _found_back(c, q, near.any)
    evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
    return math.sqrt((fq / q.total) * (fc / c.total)) * evidence


class Judged(NamedTuple):
    """`align_near` unrounded, with what the scoring rules need to know of the two names."""

    raw: float
    short: bool  # a short word's typo was credited
    lacking: bool  # a distinctive word of either name is missing from the other (not even a typo)
    generic_conflict: bool  # each name has a generic word (not a place) the other lacks


def _light(w: float) -> bool:
    """A generic word: too light to be distinctive, and not a place (places have their rule)."""
    return w < DISTINCTIVE and w != PLACE_WEIGHT


def _judge(q: NameForm, c: NameForm, near: Near) -> Judged:
    """`align_near` unrounded, and the rules' flags (`Judged`)."""
    if not q.total or not c.total:
        return Judged(0.0, False, False, False)
    short = lacking = q_generic = c_generic = False
    fq = 0.0
    other = c.words
    for word, w in zip(q.words, q.weights, strict=True):
        if word in other:
            fq += w
            continue
        close = near.of.get(word)
        x = max((x for n, x in close.items() if n in other), default=0.0) if close else 0.0
        fq += w * x
        short = short or 0.0 < x < LONG_TYPO_FLOOR
        lacking = lacking or (x == 0.0 and w >= DISTINCTIVE)
        q_generic = q_generic or (x == 0.0 and _light(w))
    fc = 0.0
    mine = q.words
    near_any = near.any
    for word, w in zip(c.words, c.weights, strict=True):
        if word in mine:
            fc += w
            continue
        x = near_any.get(word, 0.0)
        fc += w * x
        short = short or 0.0 < x < LONG_TYPO_FLOOR
        lacking = lacking or (x == 0.0 and w >= DISTINCTIVE)
        c_generic = c_generic or (x == 0.0 and _light(w))
    evidence = min(1.0, min(fq, fc) / MIN_EVIDENCE)
    raw = math.sqrt((fq / q.total) * (fc / c.total)) * evidence
    return Judged(raw, short, lacking, q_generic and c_generic)


@dataclass(slots=True)
class _WordList:
    """The names holding one query word (or, for a misspelt word, any of its near words)."""

    weight: float  # what a name on the list can agree with of the query, at most
    theirs: float  # what of the name's own weight can agree, at most: the list's words together
    words: tuple[str, ...]
    arrays: tuple[NDArray[np.int32], ...]  # sorted entry numbers, one array per word
    size: int  # names on the arrays together
    _merged: NDArray[np.int32] | None = None

    def postings(self) -> NDArray[np.int32]:
        """Every entry number once, sorted."""
        if self._merged is None:
            self._merged = _union(list(self.arrays))
        return self._merged


def _remembered(memo: dict[str, T], word: str, work_out: Callable[[str], T]) -> T:
    """`work_out(word)`, remembered in `memo` (emptied when it holds `WORD_MEMO` words)."""
    got = memo.get(word)
    if got is None:
        if len(memo) >= WORD_MEMO:
            memo.clear()
        got = memo[word] = work_out(word)
    return got


_NO_NEAR: dict[str, float] = {}


def _near_pairs(
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


_NONE: NDArray[np.int32] = np.zeros(0, dtype=np.int32)


def _union(parts: list[NDArray[np.int32]]) -> NDArray[np.int32]:
    if not parts:
        return _NONE
    merged: NDArray[np.int32] = parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))
    return merged


def _intersect(cand: NDArray[np.int32], postings: NDArray[np.int32]) -> NDArray[np.int32]:
    kept: NDArray[np.int32] = cand[member(cand, postings)]
    return kept


def _shared_enough(
    q: NameForm, lists: list[_WordList], light: float, threshold: float
) -> NDArray[np.int32]:
    """A superset of the names that share enough of the query's words to reach `threshold`.

    Lists are taken shortest first. A name either holds the shortest list's
    word, or must reach `threshold` with the other lists alone; once a list is
    required (the lists after it cannot reach `threshold` without it), the
    names left are those on it and on every other required list, found by
    intersecting them. "Moupoun Shipping Foods" so becomes the names with
    "moupoun" and those with both "shipping" and "foods", not every name with
    "shipping".
    """
    parts: list[NDArray[np.int32]] = []
    for k, wl in enumerate(lists):
        rest = lists[k:]
        total = light + sum(x.weight for x in rest)
        if reachable(q.total, total) < threshold:
            break
        if reachable(q.total, total - wl.weight) >= threshold:
            parts.append(wl.postings())
            continue
        cand = wl.postings()
        for other in rest[1:]:
            if reachable(q.total, total - other.weight) < threshold:
                cand = _intersect(cand, other.postings())
        parts.append(cand)
        break
    return _union(parts)


class NameIndex:
    """Every registry name, compiled, with the lookups that generate candidates.

    Besides the entries, the index keeps flat arrays the compiled search
    (`name_search.py`) reads: every name's word ids and weights, the names
    holding each word, and the near-typo words of each word.
    """

    def __init__(
        self,
        entries: Iterable[NameEntry],
        weigh: Callable[[str], float],
        rules: ScoreRules = ScoreRules(),  # noqa: B008 - a named tuple, immutable
    ) -> None:
        self.entries = list(entries)
        self.rules = rules
        self._weigh = weigh
        self._weights: dict[str, float] = {}
        self._near_memo: dict[str, dict[str, float]] = {}
        self._near_lists: dict[str, tuple[list[int], list[float]]] = {}
        self._by_key: dict[str, list[int]] = defaultdict(list)
        by_core: dict[str, list[int]] = defaultdict(list)
        by_word: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            self._by_key[e.form.full_key].append(i)
            if e.form.core_key:
                by_core[e.form.core_key].append(i)
            for word, w in zip(e.form.words, e.form.weights, strict=True):
                postings = by_word[word]
                if w >= INDEX_MIN_WEIGHT and (not postings or postings[-1] != i):
                    postings.append(i)
        # The entries of each core key, ascending, as the compiled search takes them: one
        # flat array and each key's group number (hundreds of thousands of small arrays
        # would take seconds to read back with the index).
        self._core_group = {key: g for g, key in enumerate(by_core)}
        self._core_starts = np.zeros(len(by_core) + 1, dtype=np.int64)
        np.cumsum([len(same) for same in by_core.values()], out=self._core_starts[1:])
        self._core_ids = np.fromiter(
            chain.from_iterable(by_core.values()), dtype=np.int32, count=int(self._core_starts[-1])
        )
        del by_core
        for same in self._by_key.values():
            if len(same) > 1:
                same.sort(key=lambda i: (not self.entries[i].primary, self.entries[i].entity_id))
        self._slots = WordSlots([e.form for e in self.entries])
        ids = self._slots.ids
        # Every indexed word weighed now, kept with the index: most words of the names
        # screened are indexed words, and a process that loads the index weighs none.
        # By word id (a list, not a second dict): weighing a word finds its id in the
        # word dict, and `_query` then finds the same entry there again, in cache.
        self._id_weights = [weigh(word) for word in ids]
        # The most each word weighs in any name: what a near word can add to a name's side.
        heaviest = np.zeros(len(ids), dtype=np.float64)
        np.maximum.at(heaviest, self._slots.words, self._slots.weights)
        self._heaviest = heaviest.tolist()
        self._heaviest_array = heaviest
        repeats = np.array(
            [len(set(e.form.words)) < len(e.form.words) for e in self.entries], dtype=np.bool_
        )
        self._repeat_flags = repeats.tobytes()  # whether each name repeats a word
        # The names holding each word id (of weight enough to be indexed), flat.
        self._post_starts, self._post_ids = _flat(
            len(ids), ((ids[w], p) for w, p in by_word.items() if p), np.int32
        )
        # Beside each posting, its name's total weight, negative for a name that repeats
        # a word: what bounding a candidate needs, read in list order, not name by name.
        totals = self._slots.totals[self._post_ids]
        self._post_totals = np.where(repeats[self._post_ids], -totals, totals)
        self._indexed = (np.diff(self._post_starts) > 0).tobytes()
        self._vocab = list(ids)  # each word id's word
        self._forms = DeletionForms(
            [
                (ids[word], word)
                for word, postings in by_word.items()
                if postings and not is_cjk(word) and len(word) >= TYPO_SHORTEST
            ],
            LONG_TYPO_LENGTH,
        )
        del by_word
        self._numeric = np.array([is_number(w) for w in ids], dtype=np.bool_)
        self._near_indexed = _near_pairs(self._forms, self._vocab, self._similar)
        self._near_starts, self._near_ids = _flat(
            len(ids),
            ((ids[w], [ids[n] for n in c]) for w, c in self._near_indexed.items()),
            np.int32,
        )
        _, self._near_sims = _flat(
            len(ids),
            ((ids[w], list(c.values())) for w, c in self._near_indexed.items()),
            np.float64,
        )
        self._rank = _ranks(self.entries)
        # The readings of the listed names themselves (`keep_listed_readings`).
        self._listed: _ListedReadings | None = None

    def _similar(self, a: str, b: str) -> float:
        """`_typo`, and a short word's typo credited by the rarer word's weight."""
        similarity = _typo(a, b)
        if not similarity and _short_typo(a, b):
            rarity = min(self.weigh(a), self.weigh(b))
            similarity = self.rules.short_typo_similarity * rarity
        return similarity

    def weigh(self, word: str) -> float:
        """The weight of a word (remembered: a name's words are weighed once)."""
        wid = self._slots.ids.get(word)
        if wid is not None:
            return self._id_weights[wid]
        return _remembered(self._weights, word, self._weigh)

    def _is_indexed(self, word: str) -> bool:
        wid = self._slots.ids.get(word)
        return wid is not None and bool(self._indexed[wid])

    def _postings(self, word: str) -> NDArray[np.int32]:
        """The entry numbers of the names holding `word`, ascending."""
        wid = self._slots.ids[word]
        got: NDArray[np.int32] = self._post_ids[self._post_starts[wid] : self._post_starts[wid + 1]]
        return got

    def _near_words(self, word: str) -> dict[str, float]:
        """Indexed words one or two typos from `word`, with their similarity to it."""
        if self._is_indexed(word):
            return self._near_indexed.get(word, _NO_NEAR)
        return _remembered(self._near_memo, word, self._look_up_near)

    def _look_up_near(self, word: str) -> dict[str, float]:
        vocab = self._vocab
        found = self._forms.near(word, self._slots.ids.get(word, -1)).tolist()
        sims = {vocab[i]: self._similar(word, vocab[i]) for i in found}
        return {w: x for w, x in sims.items() if x > 0}

    def near(self, q: NameForm) -> Near:
        """The indexed near-typo words of every typo-prone query word."""
        of: dict[str, dict[str, float]] = {}
        for word in q.typo_prone:
            close = self._near_words(word)
            if close:
                of[word] = close
        return Near(of)

    def candidates(
        self, q: NameForm, threshold: float = 0.0, near: Near | None = None
    ) -> dict[int, float]:
        """Entries that could score `threshold` or more: they share a key or enough word weight.

        Words are taken shortest list of names first, and once the words left
        could not lift a name that shares none of the earlier ones to
        `threshold`, no new candidate is taken from them: common words never
        fan out into long lists. Candidates whose best possible score stays below `threshold` are
        dropped before any scoring. Each candidate comes with that best possible
        score. (The readable form of what the compiled search does.)
        """
        found: dict[int, float] = dict.fromkeys(self._by_key.get(q.full_key, ()), EXACT_SCORE)
        # A name with the query's core key scores at most CORE_SCORE or its own bound,
        # whichever is higher; one on no list below gets 1.0.
        unlisted = set(self._core_entries(q.core_key).tolist())
        near = near or self.near(q)
        # One list per indexed query word: the names holding it or any of its near
        # words. A word the index holds keeps its near words' names too: listing
        # another name with the word must not hide a name one typo away
        # (monotonicity). Such a name agrees with at most the word's weight of the
        # query, and at most its near word's weight of its own.
        lists: list[_WordList] = []
        # Light words are in no list: whether a candidate shares them is not looked
        # up, so they count as shared in its bound.
        light = sum(w for w in q.weights if w < INDEX_MIN_WEIGHT)
        # A name may hold a light word, and a heavier near word of it too
        # ("Technologyy"): what of its own weight can agree with the light words.
        light_theirs = 0.0
        for word, w in zip(q.words, q.weights, strict=True):
            if w < INDEX_MIN_WEIGHT:
                close = near.of.get(word, _NO_NEAR)
                light_theirs += w + sum(self._heaviest[self._slots.ids[n]] for n in close)
        # A word written twice counts twice, as in the alignment.
        counts = Counter(q.words) if len(set(q.words)) < len(q.words) else None
        for word, w in dict(zip(q.words, q.weights, strict=True)).items():
            if w < INDEX_MIN_WEIGHT:
                continue
            times = counts[word] if counts else 1
            w *= times
            close = near.of.get(word, _NO_NEAR)
            if self._is_indexed(word):
                held: tuple[str, ...] = (word, *close)
            elif close:
                held = tuple(close)
            else:
                continue
            arrays = tuple(self._postings(n) for n in held)
            # A name may hold the word and a near word of it too ("Moravenko Moravenkko"):
            # each agrees on its side, so all of them are counted.
            theirs = max(w, sum(self._heaviest[self._slots.ids[n]] for n in held))
            lists.append(_WordList(w, theirs, held, arrays, sum(len(a) for a in arrays)))
        lists.sort(key=lambda t: t.size)
        cand = _shared_enough(q, lists, light, threshold)
        single = [
            (wl.weight, wl.theirs, wl.words[0] if len(wl.words) == 1 else "", wl.words)
            for wl in lists
        ]
        entries, repeats = self.entries, self._repeat_flags
        for i in cand.tolist():
            form = entries[i].form
            theirs_words = form.words
            agree, agree_theirs = light, light_theirs
            for weight, their_weight, word, words in single:
                if (word in theirs_words) if word else any(w in theirs_words for w in words):
                    agree += weight
                    agree_theirs += their_weight
            # A name that repeats a word may find more of itself than the query shares.
            theirs = 1.0 if repeats[i] else min(1.0, agree_theirs / form.total)
            cover = min(1.0, agree / q.total) * theirs
            b = math.sqrt(cover) * min(1.0, min(agree, agree_theirs) / MIN_EVIDENCE)
            if i in unlisted:
                b = max(b, CORE_SCORE)
                unlisted.discard(i)
            if b >= threshold:
                found.setdefault(i, b)
        for i in unlisted:
            found.setdefault(i, EXACT_SCORE)
        return found

    def search(self, text: str, threshold: float, margin: float = 1.0) -> list[NameHit]:
        """Names scoring at least `threshold` and within `margin` of the best, best first.

        The names equal to the query after normalisation come first, at 1.00,
        and hide no other reading. Candidates are scored from the highest
        possible score down, and scoring stops once no candidate left can come
        within `margin` of the best found, or beat the `MAX_READINGS`-th best:
        a name that reads as hundreds of listed names identifies none of them
        better. The matcher passes no margin (1.0, every reading at the
        threshold): a narrower one would let a better listed name hide a
        weaker one (monotonicity).
        """
        return self.search_form(name_form(text, self.weigh), threshold, margin)

    def search_form(self, q: NameForm, threshold: float, margin: float = 1.0) -> list[NameHit]:
        """`search` of a name already compiled with this index's weights."""
        if not q.words or threshold > EXACT_SCORE:
            return []
        exact = self._by_key.get(q.full_key, _NO_ENTRIES)
        entries = self.entries
        if exact:
            kept = self._listed_readings(q, exact, threshold, margin)
            if kept is not None:
                return _with_exact(entries, exact, kept)
        found = self.search_compiled(q, threshold, margin)
        if found is None:
            return self.search_python(q, threshold, margin)
        if not exact:
            return [_hit((entries[i], s, a, False)) for i, s, a in found]
        same = set(exact)
        return _with_exact(entries, exact, [r for r in found if r[0] not in same])

    def search_compiled(
        self, q: NameForm, threshold: float, margin: float
    ) -> list[tuple[int, float, float]] | None:
        """The compiled search alone: (entry number, score, alignment) of each reading, best first.

        None when it reports `FALLBACK` (a score needs Python's exact rounding;
        `search_form` then asks `search_python`). Names written as the query are
        among the readings, not put first.
        """
        got = np.empty(MAX_READINGS, dtype=np.int64)
        values = np.empty(2 * MAX_READINGS, dtype=np.float64)
        n = name_search.search(
            *self._arrays,
            *self._query(q),
            PLACE_WEIGHT,
            self.rules.review_cap,
            threshold,
            margin,
            got,
            values,
        )
        if n == name_search.FALLBACK:
            return None
        scored = values.tolist()
        return list(
            zip(got[:n].tolist(), scored[:n], scored[MAX_READINGS : MAX_READINGS + n], strict=True)
        )

    def keep_listed_readings(self, threshold: float) -> None:
        """Search every listed name now, at `threshold`, and keep what it reads as.

        A name screened that is written as a listed one (the same words) then
        costs a look-up, not a search, and still gets every other reading
        (monotonicity: an exact name hides none). Searches at a higher
        threshold filter these readings; a lower one searches again.
        """
        names = np.array([same[0] for same in self._by_key.values()], dtype=np.int64)
        core_starts, core_ids = self._core_starts, self._core_ids
        core_of = np.full(len(self.entries), -1, dtype=np.int64)
        core_of[core_ids] = np.repeat(np.arange(len(core_starts) - 1), np.diff(core_starts))
        # Words no name lists that may be misspelt get their near words, as `_query` does.
        vocab, indexed = self._vocab, self._indexed
        prone = np.array(
            [
                not indexed[w] and len(word) >= TYPO_SHORTEST and not is_cjk(word)
                for w, word in enumerate(vocab)
            ],
            dtype=np.bool_,
        )
        near = [(w, self._near_lists_of(vocab[w])) for w in np.flatnonzero(prone).tolist()]
        ext_starts, ext_ids = _flat(len(vocab), ((w, ids) for w, (ids, _) in near), np.int32)
        _, ext_sims = _flat(len(vocab), ((w, sims) for w, (_, sims) in near), np.float64)
        index = (
            *self._arrays,
            core_of,
            core_starts,
            core_ids,
            ext_starts,
            ext_ids,
            ext_sims,
            prone,
            PLACE_WEIGHT,
            self.rules.review_cap,
            threshold,
        )
        # The compiled search lets go of the GIL: threads search slices of the names
        # on every core (threads, not processes: nothing is copied).
        slices = np.array_split(names, max(1, min(len(names) // LISTED_SLICE, 64)))
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            parts = list(pool.map(lambda part: name_search.listed_names(part, *index), slices))
        done = np.concatenate([p[0] for p in parts])
        counts = np.concatenate([np.diff(p[1]) for p in parts])
        starts = np.zeros(len(names) + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        ids, scores, aligned = (np.concatenate([p[k] for p in parts]) for k in (2, 3, 4))
        # A listed name's readings of the names written as it are its exact ones, which
        # `search_form` puts first: they are not kept twice.
        groups = list(self._by_key.values())
        key_of = np.empty(len(self.entries), dtype=np.int64)
        key_of[np.fromiter(chain.from_iterable(groups), dtype=np.int64, count=len(key_of))] = (
            np.repeat(np.arange(len(groups)), [len(g) for g in groups])
        )
        row = np.repeat(np.arange(len(names)), counts)
        other = key_of[ids] != row
        ids, scores, aligned = ids[other], scores[other], aligned[other]
        np.cumsum(np.bincount(row[other], minlength=len(names)), out=starts[1:])
        at = np.full(len(self.entries), -1, dtype=np.int64)
        at[names[done]] = np.flatnonzero(done)
        # Kept as Python arrays: one look-up reads a few of their items, which numpy
        # would box one by one at several times the cost.
        self._listed = _ListedReadings(
            threshold, *(_py_array(a) for a in (at, starts, ids, scores, aligned))
        )

    def _listed_readings(
        self, q: NameForm, exact: list[int], threshold: float, margin: float
    ) -> list[tuple[int, float, float]] | None:
        """The kept readings, other than the exact ones, of a query written as a listed name.

        None when the query must be searched: another threshold or margin, or
        other words with the same letters.
        """
        listed = self._listed
        if listed is None or threshold < listed.threshold or margin < 1.0:
            return None
        k = listed.at[exact[0]]
        if k < 0:
            return None
        form = self.entries[exact[0]].form
        if form.words != q.words or form.weights != q.weights:
            return None  # "HIK Vision" for a listed "Hikvision": other words, other readings
        lo, hi = listed.starts[k], listed.starts[k + 1]
        kept = zip(listed.ids[lo:hi], listed.scores[lo:hi], listed.aligned[lo:hi], strict=True)
        if threshold == listed.threshold:
            return list(kept)
        return [r for r in kept if r[1] >= threshold]

    @cached_property
    def _arrays(self) -> IndexArrays:
        """The index's arrays, in the order `name_search.search` takes them."""
        s = self._slots
        return (
            s.words,
            s.weights,
            s.starts,
            s.totals,
            self._rank,
            self._post_starts,
            self._post_ids,
            self._post_totals,
            self._near_starts,
            self._near_ids,
            self._near_sims,
            self._heaviest_array,
            self._numeric,
        )

    def _query(self, q: NameForm) -> QueryArrays:
        """A query as `name_search.search` takes it, in three arrays and their lengths.

        The integers are the query's word ids, the numbers that tell its
        distinct words apart, where each word's near-typo words start and end,
        and those words' ids; the floats are the word weights and the near
        words' similarities; then the entries with the query's core key.
        """
        ids = self._slots.ids
        words = q.words
        m = len(words)
        ints = [ids.get(w, UNKNOWN) for w in words]
        if len(set(words)) == m:
            ints += range(m)
        else:
            keys: dict[str, int] = {}
            ints += [keys.setdefault(w, len(keys)) for w in words]
        ints += [is_number(w) for w in words]
        ends = [0] * (m + 1)
        ext_ids: list[int] = []
        floats = list(q.weights)
        prone = q.typo_prone
        if prone:  # only a Latin word of five letters or more may be a misspelling
            indexed = self._indexed
            for p, word in enumerate(words):
                wid = ints[p]
                if (wid < 0 or not indexed[wid]) and word in prone:
                    near_ids, sims = _remembered(self._near_lists, word, self._near_lists_of)
                    ext_ids += near_ids
                    floats += sims
                ends[p + 1] = len(ext_ids)
        ints += ends
        ints += ext_ids
        return (
            np.array(ints, dtype=np.int32),
            np.array(floats, dtype=np.float64),
            self._core_entries(q.core_key),
            m,
            len(ext_ids),
            q.total,
        )

    def _core_entries(self, core_key: str) -> NDArray[np.int32]:
        """The entries with this core key, ascending (none for an empty key)."""
        g = self._core_group.get(core_key) if core_key else None
        if g is None:
            return _NO_CORE
        found: NDArray[np.int32] = self._core_ids[self._core_starts[g] : self._core_starts[g + 1]]
        return found

    def _near_lists_of(self, word: str) -> tuple[list[int], list[float]]:
        """`_near_words` of a word no name lists, as the word ids and similarities `_query` adds."""
        close = _remembered(self._near_memo, word, self._look_up_near)
        ids = self._slots.ids
        return [ids[n] for n in close], list(close.values())

    def search_python(self, q: NameForm, threshold: float, margin: float) -> list[NameHit]:
        """`search` of a query with no exact reading, in Python: the readable reference.

        The compiled search does the same, number for number; this path is
        taken only when a score needs Python's exact rounding, and by the tests.
        """
        near = self.near(q)
        pool = _by_bound(self.candidates(q, threshold, near))
        # (score, aligned, entry number) of every reading kept, scored in pool order.
        kept: list[tuple[float, float, int]] = []
        best: list[float] = []  # min-heap of the best MAX_READINGS scores
        top = threshold  # the best score kept so far
        floor = threshold
        for bound, i in pool:
            if bound < floor:
                break
            hit = self._score(q, self.entries[i], near)
            score = hit.score
            if score >= floor:
                kept.append((score, hit.aligned, i))
                if len(best) < MAX_READINGS:
                    heapq.heappush(best, score)
                elif score > best[0]:
                    heapq.heapreplace(best, score)
                top = max(top, score)
                floor = max(floor, top - margin)
                if len(best) == MAX_READINGS:
                    floor = max(floor, best[0])
        cut = max(threshold, top - margin)
        entries = self.entries
        ranked = sorted(
            (k for k in kept if k[0] >= cut),
            key=lambda k: (-k[0], -k[1], not entries[k[2]].primary, entries[k[2]].entity_id),
        )
        return [NameHit(entries[i], s, a) for s, a, i in ranked[:MAX_READINGS]]

    def _score(self, q: NameForm, e: NameEntry, near: Near) -> NameHit:
        if q.full_key == e.form.full_key:
            return NameHit(e, EXACT_SCORE, EXACT_SCORE, exact=True)
        raw, short, lacking, generic_conflict = _judge(q, e.form, near)
        aligned = round(raw, 4)
        score = aligned
        core = (
            q.core_key
            and q.core_key == e.form.core_key
            and _places_named(q, e.form)
            and not generic_conflict
        )
        if core and aligned < CORE_SCORE:
            score = CORE_SCORE
        q_nums = {w for w in q.words if is_number(w)}
        c_nums = {w for w in e.form.words if is_number(w)}
        if q_nums and c_nums and q_nums != c_nums:
            return NameHit(e, 0.0, 0.0)  # different numbers: a different vessel, plant or fund
        if short or lacking or bool(q_nums) != bool(c_nums):
            cap = self.rules.review_cap
            return NameHit(e, min(score, cap), min(aligned, cap))
        return NameHit(e, score, aligned)


_NO_ENTRIES: list[int] = []
_NO_CORE = np.zeros(0, dtype=np.int32)


def _with_exact(
    entries: list[NameEntry], exact: list[int], other: list[tuple[int, float, float]]
) -> list[NameHit]:
    """The names equal to the query first, at 1.00, then the other readings, ten at most.

    `_by_key` lists are in reading order already (own names first, then by entity).
    """
    hits = [_hit((entries[i], EXACT_SCORE, EXACT_SCORE, True)) for i in exact[:MAX_READINGS]]
    hits += [_hit((entries[i], s, a, False)) for i, s, a in other[: MAX_READINGS - len(hits)]]
    return hits


# Listed names searched by one thread at a time when their readings are kept.
LISTED_SLICE = 16_384


class _ListedReadings(NamedTuple):
    """The readings of the listed names as queries (`NameIndex.keep_listed_readings`)."""

    threshold: float
    at: array[int]  # by entry number: its readings' row, -1 for none kept
    starts: array[int]  # row k's readings: [starts[k]:starts[k + 1]]
    ids: array[int]
    scores: array[float]
    aligned: array[float]


def _py_array(values: NDArray[Any]) -> array[Any]:
    """A numpy array of int64 or float64 as a Python array of the same items."""
    out = array("q" if values.dtype == np.int64 else "d")
    out.frombytes(values.tobytes())
    return out


def _flat(
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


def _ranks(entries: list[NameEntry]) -> NDArray[np.int32]:
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


def _by_bound(found: dict[int, float]) -> list[tuple[float, int]]:
    """(bound, entry number) pairs, highest bound first, then highest entry number."""
    return sorted(((b, i) for i, b in found.items()), reverse=True)


def _places_named(q: NameForm, c: NameForm) -> bool:
    """Whether every place in the candidate's name is in the query too.

    "Hikvision Canada" is a different company from "Hikvision": a query that
    does not name Canada does not refer to it through distinctive words alone.
    """
    light = {w for w, x in zip(c.words, c.weights, strict=True) if x == PLACE_WEIGHT}
    return light <= set(q.words)


def compile_search() -> float:
    """Compile the name search now (or load it from numba's cache); the seconds it took.

    `make install` calls this, so that a machine's first screening does not
    wait for the compiler (several seconds).
    """
    import time

    start = time.perf_counter()
    entries = [NameEntry("e", "Kariton Moravenko", True, None, name_form("Kariton Moravenko"))]
    index = NameIndex(entries, lambda _word: 1.0)
    index.keep_listed_readings(0.5)
    index.search("Karitom Moravenko Holdings", 0.5, 0.08)
    return time.perf_counter() - start
