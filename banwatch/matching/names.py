"""Organisation-name matching: an inverted index and a weighted word alignment (pure).

Candidates come only from the index (exact keys, shared words, and words one
typo away found through their deletion forms); a query is never compared with
every name. A candidate's score is the geometric mean of how much of each
name's weight the other covers (`name_align.py`), so shared generic words and
places ("Hangzhou", "Technology") cannot make a match on their own.

Here is the index and its entry points; the Python reference search is in
`name_reference.py`, the compiled one in `name_search.py`, the index's parts
are built by `name_index_build.py`, and the listed names' own readings kept by
`listed_readings.py`. The names other modules import from here stay here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from banwatch.matching import listed_readings, name_queries, name_reference
from banwatch.matching.deletion_forms import DeletionForms
from banwatch.matching.listed_readings import _ListedReadings
from banwatch.matching.name_align import (
    DOUBLE_TYPO_SIMILARITY,
    LONG_TYPO_LENGTH,
    TYPO_SIMILARITY,
    Judged,
    Near,
    _found,
    _short_typo,
    _typo,
    align,
    align_near,
    is_number,
    typo_similarity,
)
from banwatch.matching.name_hits import NameEntry, NameHit, ScoreRules, _hit
from banwatch.matching.name_index_build import (
    core_groups,
    keyed,
    near_arrays,
    near_pairs,
    postings,
    ranks,
    remembered,
)
from banwatch.matching.normalize import TYPO_SHORTEST, NameForm, is_cjk, name_form
from banwatch.matching.search_arrays import IndexArrays
from banwatch.matching.search_rules import (
    CORE_SCORE,
    EXACT_SCORE,
    INDEX_MIN_WEIGHT,
    MAX_READINGS,
    MIN_EVIDENCE,
)
from banwatch.matching.word_slots import WordSlots

__all__ = [
    "CORE_SCORE",
    "DOUBLE_TYPO_SIMILARITY",
    "EXACT_SCORE",
    "INDEX_MIN_WEIGHT",
    "MIN_EVIDENCE",
    "TYPO_SIMILARITY",
    "Judged",
    "NameEntry",
    "NameHit",
    "NameIndex",
    "Near",
    "ScoreRules",
    "_found",
    "align",
    "align_near",
    "compile_search",
    "is_number",
    "typo_similarity",
]

_NO_NEAR: dict[str, float] = {}


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
        self._by_key, by_core, by_word = keyed(self.entries)
        self._core_group, self._core_starts, self._core_ids = core_groups(by_core)
        del by_core
        self._slots = WordSlots([e.form for e in self.entries])
        ids = self._slots.ids
        # Every indexed word weighed now, kept with the index: most words of the names
        # screened are indexed words, and a process that loads the index weighs none.
        # By word id (a list, not a second dict): weighing a word finds its id in the
        # word dict, and `name_queries.query_lists` then finds the same entry there again, in cache.
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
        self._post_starts, self._post_ids, self._post_totals = postings(
            by_word, self._slots, repeats
        )
        self._indexed = (np.diff(self._post_starts) > 0).tobytes()
        self._vocab = list(ids)  # each word id's word
        self._forms = DeletionForms(
            [
                (ids[word], word)
                for word, held in by_word.items()
                if held and not is_cjk(word) and len(word) >= TYPO_SHORTEST
            ],
            LONG_TYPO_LENGTH,
        )
        del by_word
        self._numeric = np.array([is_number(w) for w in ids], dtype=np.bool_)
        self._near_indexed = near_pairs(self._forms, self._vocab, self._similar)
        self._near_starts, self._near_ids, self._near_sims = near_arrays(self._near_indexed, ids)
        self._rank = ranks(self.entries)
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
        return remembered(self._weights, word, self._weigh)

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
        return remembered(self._near_memo, word, self._look_up_near)

    def _look_up_near(self, word: str) -> dict[str, float]:
        return self._close(word, self._forms.near(word, self._slots.ids.get(word, -1)).tolist())

    def _close(self, word: str, found: list[int]) -> dict[str, float]:
        """The words `found` sharing a form with `word` that are typos of it, and how similar."""
        vocab = self._vocab
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
        """Entries that could score `threshold` or more, each with its best possible score.

        See `name_reference.candidates`, the readable form of what the compiled search does.
        """
        return name_reference.candidates(self, q, threshold, near)

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
        exact = self._by_key.get(q.full_key, _NO_ENTRIES)
        got = self._without_search(q, exact, threshold, margin)
        if got is not None:
            return got
        return self._hits(q, exact, self.search_compiled(q, threshold, margin), threshold, margin)

    def search_names(
        self, texts: Sequence[str], threshold: float, margin: float = 1.0
    ) -> list[list[NameHit]]:
        """`search` of each name, those that need a search searched together (`search_forms`)."""
        weigh = self.weigh
        return self.search_forms([name_form(t, weigh) for t in texts], threshold, margin)

    def search_forms(
        self, forms: Sequence[NameForm], threshold: float, margin: float = 1.0
    ) -> list[list[NameHit]]:
        """`search_form` of each name, those that need a search searched in one compiled call.

        The same hits as `search_form` name by name; a batch spares each name
        the call's own cost (numba checking its arguments, the query's arrays,
        the readings handed back), a fifth of a search.
        """
        out: list[list[NameHit]] = []
        todo: list[int] = []
        exacts: list[list[int]] = []  # each searched name's exact entries, looked up once
        by_key = self._by_key
        for k, q in enumerate(forms):
            exact = by_key.get(q.full_key, _NO_ENTRIES)
            got = self._without_search(q, exact, threshold, margin)
            if got is None:
                todo.append(k)
                exacts.append(exact)
            out.append([] if got is None else got)
        if todo:
            asked = [forms[k] for k in todo]
            found = name_queries.search_many(self, asked, threshold, margin)
            for k, exact, one in zip(todo, exacts, found, strict=True):
                out[k] = self._hits(forms[k], exact, one, threshold, margin)
        return out

    def _without_search(
        self, q: NameForm, exact: list[int], threshold: float, margin: float
    ) -> list[NameHit] | None:
        """The hits of a name that needs no search (none, or a listed name's kept readings).

        `exact` is the name's `_by_key` entries: its caller hands them on to `_hits` too.
        """
        if not q.words or threshold > EXACT_SCORE:
            return []
        if not exact:
            return None
        return listed_readings.listed_hits(self, q, exact, threshold, margin)

    def _hits(
        self,
        q: NameForm,
        exact: list[int],
        found: list[tuple[int, float, float]] | None,
        threshold: float,
        margin: float,
    ) -> list[NameHit]:
        """The compiled search's readings as hits, the names written as the query first.

        `exact` is the query's `_by_key` entries; `found` None (a score needs
        Python's exact rounding) asks `search_python`.
        """
        if found is None:
            return self.search_python(q, threshold, margin)
        entries = self.entries
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
        return name_queries.search_one(self, q, threshold, margin)

    def keep_listed_readings(self, threshold: float) -> None:
        """Search every listed name now, at `threshold`, and keep what it reads as.

        A name screened that is written as a listed one (the same words) then
        costs a look-up, not a search, and still gets every other reading
        (monotonicity: an exact name hides none). Searches at a higher
        threshold filter these readings; a lower one searches again.
        """
        listed_readings.keep_listed_readings(self, threshold)

    @cached_property
    def _arrays(self) -> IndexArrays:
        """The index's arrays, in the order `name_search.search` takes them."""
        s = self._slots
        return IndexArrays(
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

    def _core_entries(self, core_key: str) -> NDArray[np.int32]:
        """The entries with this core key, ascending (none for an empty key)."""
        g = self._core_group.get(core_key) if core_key else None
        if g is None:
            return _NO_CORE
        found: NDArray[np.int32] = self._core_ids[self._core_starts[g] : self._core_starts[g + 1]]
        return found

    def _near_lists_of(self, word: str) -> tuple[list[int], list[float]]:
        """`_near_words` of a word no name lists, as the ids and similarities a query adds."""
        close = remembered(self._near_memo, word, self._look_up_near)
        ids = self._slots.ids
        return [ids[n] for n in close], list(close.values())

    def search_python(self, q: NameForm, threshold: float, margin: float) -> list[NameHit]:
        """`search` of a query with no exact reading, in Python: the readable reference.

        The compiled search does the same, number for number; this path is
        taken only when a score needs Python's exact rounding, and by the tests.
        """
        return name_reference.search_python(self, q, threshold, margin)

    def _score(self, q: NameForm, e: NameEntry, near: Near) -> NameHit:
        return name_reference.score_candidate(self, q, e, near)


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


def compile_search() -> float:
    """Compile the name search now (or load it from numba's cache); the seconds it took.

    `make install` calls this, so that a machine's first screening does not
    wait for the compiler (several seconds).
    """
    import time

    start = time.perf_counter()
    # "aleksei" is filed under its romanisation key too; each search brings new words,
    # so that both the word-by-word and the batched look-up of near words run.
    names = ["Kariton Moravenko", "Aleksei Moravenko"]
    entries = [NameEntry(f"e{k}", n, True, None, name_form(n)) for k, n in enumerate(names)]
    index = NameIndex(entries, lambda _word: 1.0)
    index.keep_listed_readings(0.5)
    index.search("Karitom Moravenko Holdings", 0.5, 0.08)
    index.search_names(["Karitun Moravenkp Trading", "Kariton Moravenko"], 0.5)
    return time.perf_counter() - start
