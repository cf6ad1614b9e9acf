"""The word alignment of one query against many names at once, in arrays (pure).

`names.align_near` scores one pair in Python; a query with a common
distinctive word ("Moupoun Trading") has hundreds of candidates, and scoring
them one by one is most of its cost. `align_many` computes the same numbers for
all of them with numpy. It adds the same terms in the same order as
`align_near`, so every score is equal to the last bit (the tests compare them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from banwatch.matching.normalize import NameForm

PAD = -1  # the word id of an empty slot
UNKNOWN = -2  # the word id of a query word no indexed name holds


class WordSlots:
    """Every indexed name as word ids and weights, flat, with each name's offset."""

    def __init__(self, forms: Sequence[NameForm], min_evidence: float) -> None:
        self.ids: dict[str, int] = {}
        words: list[int] = []
        weights: list[float] = []
        starts = [0]
        for form in forms:
            for word, w in zip(form.words, form.weights, strict=True):
                words.append(self.ids.setdefault(word, len(self.ids)))
                weights.append(w)
            starts.append(len(words))
        self.words: NDArray[np.int32] = np.asarray(words, dtype=np.int32)
        self.weights: NDArray[np.float64] = np.asarray(weights, dtype=np.float64)
        self.starts: NDArray[np.int64] = np.asarray(starts, dtype=np.int64)
        self.totals: NDArray[np.float64] = np.asarray([f.total for f in forms], dtype=np.float64)
        self.min_evidence = min_evidence

    def gather(self, cand: NDArray[np.int32]) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
        """The candidates' word ids and weights, one row each, padded on the right."""
        starts = self.starts[cand]
        lengths = self.starts[cand + 1] - starts
        width = int(lengths.max()) if len(cand) else 0
        cols = np.arange(width, dtype=np.int64)
        valid = cols[None, :] < lengths[:, None]
        at = np.where(valid, starts[:, None] + cols[None, :], 0)
        ids = np.where(valid, self.words[at], PAD).astype(np.int32)
        weights = np.where(valid, self.weights[at], 0.0)
        return ids, weights

    def places_named(self, q: NameForm, cand: NDArray[np.int32], place: float) -> NDArray[np.bool_]:
        """`names._places_named` for every candidate: each of its places is in the query."""
        ids, weights = self.gather(cand)
        missing = weights == place
        for word in set(q.words):
            missing &= ids != self.ids.get(word, UNKNOWN)
        named: NDArray[np.bool_] = ~missing.any(axis=1)
        return named

    def align_many(
        self,
        q: NameForm,
        near_of: dict[str, dict[str, float]],
        near_any: dict[str, float],
        cand: NDArray[np.int32],
    ) -> NDArray[np.float64]:
        """`align_near(q, name, near)` for every candidate entry number in `cand`."""
        scores = np.zeros(len(cand), dtype=np.float64)
        if not q.total or not len(cand):
            return scores
        ids, weights = self.gather(cand)
        qids = [self.ids.get(w, UNKNOWN) for w in q.words]
        # How each of the candidates' words is found in the query: 1 when written
        # the same, else its best typo similarity to any query word.
        back = np.zeros(ids.shape, dtype=np.float64)
        for word, similarity in near_any.items():
            wid = self.ids.get(word)
            if wid is not None:
                back = np.where(ids == wid, similarity, back)
        for qid in set(qids):
            back = np.where(ids == qid, 1.0, back)
        found_q = np.zeros(len(cand), dtype=np.float64)
        for word, qid, w in zip(q.words, qids, q.weights, strict=True):
            best = np.zeros(len(cand), dtype=np.float64)
            for other, similarity in near_of.get(word, {}).items():
                oid = self.ids.get(other)
                if oid is not None:
                    best = np.maximum(best, np.where((ids == oid).any(axis=1), similarity, 0.0))
            best = np.where((ids == qid).any(axis=1), 1.0, best)
            found_q = found_q + w * best
        found_c = np.zeros(len(cand), dtype=np.float64)
        for col in range(ids.shape[1]):
            found_c = found_c + weights[:, col] * back[:, col]
        totals = self.totals[cand]
        ok = totals > 0
        safe = np.where(ok, totals, 1.0)
        evidence = np.minimum(1.0, np.minimum(found_q, found_c) / self.min_evidence)
        scores = np.sqrt((found_q / q.total) * (found_c / safe)) * evidence
        return np.where(ok, scores, 0.0)


def round4(x: NDArray[np.float64]) -> list[float]:
    """`round(v, 4)` of every value, as Python rounds it.

    Scaling by 10,000 and rounding to an integer agrees with Python's correctly
    rounded `round` except within a hair of a half; those few are rounded by
    Python itself.
    """
    scaled = x * 10_000.0
    whole = np.rint(scaled)
    out: list[float] = (whole / 10_000.0).tolist()
    near_half = np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) < 1e-6
    for k in np.flatnonzero(near_half).tolist():
        out[k] = round(float(x[k]), 4)
    return out


def member(values: NDArray[np.int32], sorted_list: NDArray[np.int32]) -> NDArray[np.bool_]:
    """Whether each value is in `sorted_list` (ascending)."""
    if not len(sorted_list):
        return np.zeros(len(values), dtype=np.bool_)
    at = np.minimum(np.searchsorted(sorted_list, values), len(sorted_list) - 1)
    held: NDArray[np.bool_] = sorted_list[at] == values
    return held
