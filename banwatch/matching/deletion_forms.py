"""Near-typo words found through shared deletion forms, as hashes in sorted arrays (pure).

Two words within one edit (two for long words) share a form made by leaving
letters out: "hikvision" and "hikvisoin" both become "hikvison". Every
indexed word's forms are kept here as 64-bit hashes in one sorted array,
beside the number of the word each came from; looking a word up hashes its
own forms and finds the words with any of the same hashes. A 500,000-name
index has some three million forms: as strings in a dict they took hundreds
of megabytes and a Python loop per look-up. A hash shared by chance only
proposes a word the typo rule (`names.typo_similarity`) then turns down.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from banwatch.matching.compiled import compiled
from banwatch.matching.spelling_variants import variant_key

Hashes = NDArray[np.uint64]
Ints = NDArray[np.int32]
Points = NDArray[np.uint32]
Longs = NDArray[np.int64]

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_BUCKET_BITS = 20  # about three forms per bucket in a 500,000-name index
_SHIFT = np.uint64(64 - _BUCKET_BITS)


def code_points(word: str) -> Points:
    """The word's characters as numbers: deletions by position are those of `str`."""
    return np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32)


@compiled
def _hash(cp: Points, lo: int, hi: int, skip_a: int, skip_b: int) -> np.uint64:
    """FNV-1a of the characters `cp[lo:hi]` without positions `skip_a` and `skip_b`."""
    h = _FNV_OFFSET
    for k in range(lo, hi):
        if k != skip_a and k != skip_b:
            h = (h ^ np.uint64(cp[k])) * _FNV_PRIME
    return h


# Words shorter than this are indexed and looked up whole, without deletion
# forms: a three-letter word is then found as a four-letter word's deletion
# ("jon" of "john"), never as another three-letter word's substitution. Two
# four-letter words share a form when one letter differs or two neighbouring
# letters are swapped ("jonh", "john" both give "joh"); the typo rule keeps
# only the swap.
WHOLE_BELOW = 4


@compiled
def form_count(length: int, long_length: int) -> int:
    """How many forms a word of `length` characters has (with repeats)."""
    if length < WHOLE_BELOW:
        return 1
    n = 1 + length
    if length >= long_length:
        n += length * (length - 1) // 2
    return n


@compiled
def _forms(cp: Points, lo: int, hi: int, long_length: int, out: Hashes, at: int) -> int:
    """Write the hashes of the word `cp[lo:hi]` and of its deletion forms from `out[at]`.

    The word itself, every form with one character left out (for words of
    `WHOLE_BELOW` or more), and for words of `long_length` or more every form
    with two left out. Returns where the next word's forms start.
    """
    out[at] = _hash(cp, lo, hi, -1, -1)
    at += 1
    if hi - lo < WHOLE_BELOW:
        return at
    for a in range(lo, hi):
        out[at] = _hash(cp, lo, hi, a, -1)
        at += 1
    if hi - lo >= long_length:
        for a in range(lo, hi):
            for b in range(a + 1, hi):
                out[at] = _hash(cp, lo, hi, a, b)
                at += 1
    return at


@compiled
def _all_forms(cp: Points, offsets: Longs, owners: Ints, long_length: int) -> tuple[Hashes, Ints]:
    """The forms of every word (word k is `cp[offsets[k]:offsets[k + 1]]`), sorted, each once."""
    total = 0
    for k in range(len(owners)):
        total += form_count(offsets[k + 1] - offsets[k], long_length)
    hashes = np.empty(total, dtype=np.uint64)
    of = np.empty(total, dtype=np.int32)
    at = 0
    for k in range(len(owners)):
        end = _forms(cp, offsets[k], offsets[k + 1], long_length, hashes, at)
        of[at:end] = owners[k]
        at = end
    order = np.argsort(hashes, kind="mergesort")
    hashes, of = hashes[order], of[order]
    keep = np.ones(total, dtype=np.bool_)
    for k in range(1, total):
        # One word's forms may repeat ("committee" without either "t"); keep a pair once.
        j = k - 1
        while j >= 0 and hashes[j] == hashes[k]:
            if of[j] == of[k]:
                keep[k] = False
                break
            j -= 1
    return hashes[keep], of[keep]


@compiled
def _look_up(
    cp: Points, long_length: int, own: int, hashes: Hashes, owners: Ints, directory: Longs
) -> Ints:
    """The words (ascending, each once, not `own`) sharing a form with the word `cp`."""
    forms = np.empty(form_count(len(cp), long_length), dtype=np.uint64)
    _forms(cp, 0, len(cp), long_length, forms, 0)
    found = np.empty(0, dtype=np.int32)
    count = 0
    for h in forms:
        bucket = h >> _SHIFT
        for k in range(directory[bucket], directory[bucket + 1]):
            if hashes[k] > h:
                break
            if hashes[k] == h and owners[k] != own:
                if count == len(found):
                    grown = np.empty(max(8, 2 * count), dtype=np.int32)
                    grown[:count] = found[:count]
                    found = grown
                found[count] = owners[k]
                count += 1
    return np.unique(found[:count])


@compiled
def _look_up_many(
    cp: Points,
    offsets: Longs,
    groups: Longs,
    owns: Ints,
    long_length: int,
    table: tuple[Hashes, Ints, Longs],
) -> tuple[Longs, Ints]:
    """`_look_up` of many words in one call: word k's strings are `groups[k]:groups[k + 1]`.

    String s is `cp[offsets[s]:offsets[s + 1]]`; a word's strings are the word
    and its romanisation key. Returns where each word's words start, and them.
    """
    hashes, owners, directory = table
    starts = np.zeros(len(owns) + 1, dtype=np.int64)
    found = np.empty(64, dtype=np.int32)
    count = 0
    for k in range(len(owns)):
        begin = count
        for s in range(groups[k], groups[k + 1]):
            lo, hi = offsets[s], offsets[s + 1]
            forms = np.empty(form_count(hi - lo, long_length), dtype=np.uint64)
            _forms(cp, lo, hi, long_length, forms, 0)
            for h in forms:
                bucket = h >> _SHIFT
                for j in range(directory[bucket], directory[bucket + 1]):
                    if hashes[j] > h:
                        break
                    if hashes[j] == h and owners[j] != owns[k]:
                        if count == len(found):
                            grown = np.empty(2 * count, dtype=np.int32)
                            grown[:count] = found[:count]
                            found = grown
                        found[count] = owners[j]
                        count += 1
        got = np.unique(found[begin:count])
        count = begin + len(got)
        found[begin:count] = got
        starts[k + 1] = count
    return starts, found[:count]


def _directory(hashes: Hashes) -> Longs:
    """Where each bucket of hashes (by their top `_BUCKET_BITS` bits) starts in `hashes`.

    A form is then found with two reads close together, not a binary search
    of ~22 steps over an array far larger than the processor's caches.
    """
    firsts = np.arange(1 << _BUCKET_BITS, dtype=np.uint64) << _SHIFT
    starts = np.empty((1 << _BUCKET_BITS) + 1, dtype=np.int64)
    starts[:-1] = np.searchsorted(hashes, firsts)
    starts[-1] = len(hashes)
    return starts


@compiled
def _pairs(hashes: Hashes, owners: Ints) -> tuple[Ints, Ints]:
    """Every two words sharing a form, each pair once as (lower, higher) word number."""
    keys = np.empty(0, dtype=np.int64)
    count = 0
    start = 0
    n = len(hashes)
    while start < n:
        end = start + 1
        while end < n and hashes[end] == hashes[start]:
            end += 1
        for a in range(start, end):
            for b in range(a + 1, end):
                lo, hi = min(owners[a], owners[b]), max(owners[a], owners[b])
                if count == len(keys):
                    grown = np.empty(max(1024, 2 * count), dtype=np.int64)
                    grown[:count] = keys[:count]
                    keys = grown
                keys[count] = np.int64(lo) << 32 | np.int64(hi)
                count += 1
        start = end
    unique = np.unique(keys[:count])
    return (unique >> 32).astype(np.int32), (unique & 0xFFFFFFFF).astype(np.int32)


@compiled
def _whole_hashes(cp: Points, offsets: Longs) -> Hashes:
    """The hash of each word `cp[offsets[k]:offsets[k + 1]]` as a whole."""
    out = np.empty(len(offsets) - 1, dtype=np.uint64)
    for k in range(len(offsets) - 1):
        out[k] = _hash(cp, offsets[k], offsets[k + 1], -1, -1)
    return out


def _with_variant_keys(
    hashes: Hashes, owners: Ints, words: Sequence[tuple[int, str]]
) -> tuple[Hashes, Ints]:
    """The forms, and each word filed under its romanisation key where that differs from it.

    A word equal to its key is found through its own whole form; two words
    with one key (a third spelling) share the key's. Sorted as before, each
    (form, word) once.
    """
    extra = [(k, n) for n, w in words if (k := variant_key(w)) is not None and k != w]
    if not extra:
        return hashes, owners
    offsets = np.zeros(len(extra) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(k) for k, _ in extra])
    keys = _whole_hashes(code_points("".join(k for k, _ in extra)), offsets)
    of = np.fromiter((n for _, n in extra), np.int32, len(extra))
    order = np.lexsort((of, keys))
    return _merge(hashes, owners, keys[order], of[order])


@compiled
def _merge(h1: Hashes, o1: Ints, h2: Hashes, o2: Ints) -> tuple[Hashes, Ints]:
    """Two arrays of forms sorted by hash merged into one, a (hash, word) pair found in both once.

    `h1` is a word's forms, each pair once already; `h2` its key, which may be
    one of its own forms ("mohamed" of "mohammed").
    """
    hashes = np.empty(len(h1) + len(h2), dtype=np.uint64)
    owners = np.empty(len(h1) + len(h2), dtype=np.int32)
    i = j = n = 0
    while i < len(h1) or j < len(h2):
        if j == len(h2) or (i < len(h1) and h1[i] <= h2[j]):
            hashes[n], owners[n] = h1[i], o1[i]
            i += 1
        else:
            # Every pair of this hash is written by now (`h1`'s sort first): is this one?
            k = n - 1
            seen = False
            while k >= 0 and hashes[k] == h2[j]:
                seen = seen or owners[k] == o2[j]
                k -= 1
            if seen:
                j += 1
                continue
            hashes[n], owners[n] = h2[j], o2[j]
            j += 1
        n += 1
    return hashes[:n], owners[:n]


class DeletionForms:
    """The deletion forms of a set of words, numbered by the caller."""

    def __init__(self, words: Sequence[tuple[int, str]], long_length: int) -> None:
        """Index `words`, (number, word) pairs; words of `long_length` or more lose two letters."""
        self.long_length = long_length
        text = "".join(w for _, w in words)
        offsets = np.zeros(len(words) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(w) for _, w in words])
        owners = np.fromiter((n for n, _ in words), dtype=np.int32, count=len(words))
        hashes, of = _all_forms(code_points(text), offsets, owners, long_length)
        self.hashes, self.owners = _with_variant_keys(hashes, of, words)
        self.directory = _directory(self.hashes)

    def near(self, word: str, own: int = -1) -> Ints:
        """The numbers of the words sharing a form with `word` (other than `own`), ascending.

        A word whose romanisation key differs from it ("aleksei": "alexei") is
        looked up under its key's forms too (`spelling_variants`).
        """
        found = _look_up(
            code_points(word), self.long_length, own, self.hashes, self.owners, self.directory
        )
        key = variant_key(word)
        if key is None or key == word:
            return found
        more = _look_up(
            code_points(key), self.long_length, own, self.hashes, self.owners, self.directory
        )
        return np.union1d(found, more).astype(np.int32)

    def near_many(self, words: Sequence[tuple[str, int]]) -> list[list[int]]:
        """`near` of each (word, own) pair, in one compiled call: words met for the first time.

        A call's own cost (numba checking its arguments, the result's boxing) is
        most of a look-up's: a batch of names looks its new words up together.
        """
        strings: list[str] = []
        groups = [0]
        for word, _ in words:
            strings.append(word)
            key = variant_key(word)
            if key is not None and key != word:
                strings.append(key)
            groups.append(len(strings))
        offsets = np.zeros(len(strings) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(s) for s in strings])
        starts, found = _look_up_many(
            code_points("".join(strings)),
            offsets,
            np.array(groups, dtype=np.int64),
            np.fromiter((own for _, own in words), dtype=np.int32, count=len(words)),
            self.long_length,
            (self.hashes, self.owners, self.directory),
        )
        at, ids = starts.tolist(), found.tolist()
        return [ids[at[k] : at[k + 1]] for k in range(len(words))]

    def pairs(self) -> tuple[Ints, Ints]:
        """Every two words sharing a form, as two arrays of word numbers (lower, higher)."""
        return _pairs(self.hashes, self.owners)
