"""Every indexed name as numbered words in flat arrays, the layout the compiled search reads (pure).

A query with a common distinctive word ("Moupoun Trading") has hundreds of
candidates; reading their words from Python objects one by one was most of
its cost. Here name `i` is the slice `words[starts[i]:starts[i + 1]]`, with
the weights beside it, so `name_search.search` walks plain integers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from banwatch.matching.normalize import NameForm

UNKNOWN = -2  # the word id of a query word no indexed name holds


class WordSlots:
    """Every indexed name as word ids and weights, flat, with each name's offset."""

    def __init__(self, forms: Sequence[NameForm]) -> None:
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


def member(values: NDArray[np.int32], sorted_list: NDArray[np.int32]) -> NDArray[np.bool_]:
    """Whether each value is in `sorted_list` (ascending)."""
    if not len(sorted_list):
        return np.zeros(len(values), dtype=np.bool_)
    at = np.minimum(np.searchsorted(sorted_list, values), len(sorted_list) - 1)
    held: NDArray[np.bool_] = sorted_list[at] == values
    return held
