"""A query as the compiled search takes it, and the search of one name or of a batch (pure).

A query is packed in one array of integers and one of floats
(`search_phases.query_parts` reads them back). A batch packs every name's
query one after another, so that one compiled call (`name_search.search_many`)
searches them all: numba checks the arguments once, and the readings come
back in three arrays converted once, not three conversions a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from banwatch.matching import name_search
from banwatch.matching.lexicon import PLACE_WEIGHT
from banwatch.matching.name_index_build import WORD_MEMO, remembered
from banwatch.matching.name_search import QueryTuple
from banwatch.matching.normalize import NameForm
from banwatch.matching.search_rules import MAX_READINGS
from banwatch.matching.word_slots import UNKNOWN

if TYPE_CHECKING:
    from banwatch.matching.names import NameIndex

# What the compiled search read a name as: (entry number, score, alignment), best
# first; None when a score needs Python's exact rounding (`name_search.FALLBACK`).
Found = list[tuple[int, float, float]] | None


def query_lists(index: NameIndex, q: NameForm) -> tuple[list[int], list[float], int]:
    """A query's integers and floats, and how many near-typo words it brings.

    The integers are the query's word ids, the numbers that tell its
    distinct words apart, whether each word is a number, where each word's
    near-typo words start and end, and those words' ids; the floats are the
    word weights and the near words' similarities.
    """
    ids = index._slots.ids
    words = q.words
    m = len(words)
    ints = [ids.get(w, UNKNOWN) for w in words]
    if len(set(words)) == m:
        ints += range(m)
    else:
        keys: dict[str, int] = {}
        ints += [keys.setdefault(w, len(keys)) for w in words]
    ints += map(str.isdigit, words)  # `is_number` of each word, without a call a word
    floats = list(q.weights)
    prone = q.typo_prone
    if not prone:  # only a Latin word of three letters or more may be a misspelling
        ints += [0] * (m + 1)
        return ints, floats, 0
    indexed = index._indexed
    memo = index._near_lists
    ends = [0]
    ext_ids: list[int] = []
    for p, word in enumerate(words):
        wid = ints[p]
        if (wid < 0 or not indexed[wid]) and word in prone:
            got = memo.get(word)
            if got is None:
                got = remembered(memo, word, index._near_lists_of)
            ext_ids += got[0]
            floats += got[1]
        ends.append(len(ext_ids))
    ints += ends
    ints += ext_ids
    return ints, floats, len(ext_ids)


def packed_query(index: NameIndex, q: NameForm) -> QueryTuple:
    """A query as `name_search.search` takes it: its two arrays, core entries and lengths."""
    ints, floats, n_ext = query_lists(index, q)
    return (
        np.array(ints, dtype=np.int32),
        np.array(floats, dtype=np.float64),
        index._core_entries(q.core_key),
        len(q.words),
        n_ext,
        q.total,
    )


def search_one(index: NameIndex, q: NameForm, threshold: float, margin: float) -> Found:
    """`NameIndex.search_compiled`: the compiled search of one query."""
    got = np.empty(MAX_READINGS, dtype=np.int64)
    values = np.empty(2 * MAX_READINGS, dtype=np.float64)
    n = name_search.search(
        *index._arrays,
        *packed_query(index, q),
        PLACE_WEIGHT,
        index.rules.review_cap,
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


def look_up_new_words(index: NameIndex, forms: Sequence[NameForm]) -> None:
    """Remember the near lists of the words these names bring for the first time, found together.

    The same lists as `NameIndex._near_lists_of` gives word by word; one
    compiled look-up for all of them (`DeletionForms.near_many`) spares each
    new word a call's own cost, most of what looking it up costs.
    """
    memo = index._near_lists
    ids = index._slots.ids
    indexed = index._indexed
    new: dict[str, int] = {}
    for q in forms:
        for word in q.typo_prone:
            # Most words are indexed ones, which need no near list: told first, by their id.
            wid = ids.get(word, -1)
            if (wid < 0 or not indexed[wid]) and word not in memo and word not in new:
                new[word] = wid
    if not new:
        return
    if len(memo) + len(new) > WORD_MEMO:
        memo.clear()
    asked = list(new.items())
    for (word, _), found in zip(asked, index._forms.near_many(asked), strict=True):
        close = index._close(word, found)
        memo[word] = ([ids[w] for w in close], list(close.values()))


def search_many(
    index: NameIndex, forms: Sequence[NameForm], threshold: float, margin: float
) -> list[Found]:
    """`search_one` of each query, in one compiled call (`name_search.search_many`)."""
    look_up_new_words(index, forms)
    ints: list[int] = []
    floats: list[float] = []
    int_starts = [0]
    float_starts = [0]
    shapes: list[int] = []
    totals: list[float] = []
    groups = index._core_group
    for q in forms:
        q_ints, q_floats, n_ext = query_lists(index, q)
        ints += q_ints
        floats += q_floats
        int_starts.append(len(ints))
        float_starts.append(len(floats))
        g = groups.get(q.core_key, -1) if q.core_key else -1
        shapes += (len(q.words), n_ext, g)
        totals.append(q.total)
    n = len(forms)
    counts = np.empty(n, dtype=np.int64)
    out_ids = np.empty((n, MAX_READINGS), dtype=np.int64)
    out_values = np.empty((n, 2 * MAX_READINGS), dtype=np.float64)
    name_search.search_many(
        index._arrays,
        np.array(ints, dtype=np.int32),
        np.array(int_starts, dtype=np.int64),
        np.array(floats, dtype=np.float64),
        np.array(float_starts, dtype=np.int64),
        np.array(shapes, dtype=np.int64).reshape(n, 3),
        np.array(totals, dtype=np.float64),
        (index._core_starts, index._core_ids),
        (PLACE_WEIGHT, index.rules.review_cap, threshold, margin),
        counts,
        out_ids,
        out_values,
    )
    return readings(counts, out_ids, out_values)


def readings(
    counts: NDArray[np.int64], ids: NDArray[np.int64], values: NDArray[Any]
) -> list[Found]:
    """Each name's readings from `name_search.search_many`'s arrays, as `search_one` gives them.

    Only the slots a name filled are made Python numbers: converting all
    (ten ids and twenty values a name, most of them unused) cost several
    times the rest of this.
    """
    # A fallback's count (-1) takes no slot.
    taken = np.arange(MAX_READINGS) < counts[:, None]
    flat = list(
        zip(
            ids[taken].tolist(),
            values[:, :MAX_READINGS][taken].tolist(),
            values[:, MAX_READINGS:][taken].tolist(),
            strict=True,
        )
    )
    out: list[Found] = []
    at = 0
    for c in counts.tolist():
        if c == name_search.FALLBACK:
            out.append(None)
        else:
            out.append(flat[at : at + c])
            at += c
    return out
