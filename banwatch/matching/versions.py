"""The matcher's names and the fingerprints each stands for (data; see `fingerprint`).

A change to the matching code gets a new entry: a new name when any score
may change (`MatcherConfig.name`, and a line in docs/matching.md on what
changed), or, when no score changes (a refactoring, faster code), its
fingerprint added to the current name's. A name is never reused: retired
names stay listed.
"""

from __future__ import annotations

MATCHER_VERSIONS: dict[str, tuple[str, ...]] = {
    # Before fingerprints were kept; the scores of each are described in docs/matching.md.
    "banwatch-match-v1": (),
    "banwatch-match-v2": (),
    "banwatch-match-v3": (),
    "banwatch-match-v4": (),
    "banwatch-match-v5": (),
    "banwatch-match-v6": (
        "516c1f1c942e71e8",
        "3a3bdc9838b2cf1c",  # matching/models.py renamed model_numbers.py
        "ea8b84a070e7339e",  # legal forms' word lists moved to lexicon_legal.py
        "c30756139587895d",  # matcher.py split: config.py, entries.py, codes.py
        "33a3ddcc5897cfba",  # NameIndex.search_compiled: the compiled search alone, for its test
        "8b9a11259bf73b5a",  # the compiled search's list operations and bounds in their own modules
        "a02bb02cb94b806d",  # refactor: the compiled search in phases, names.py split by noun
    ),
    # A three-letter word read as a four-letter one with a letter left out ("jon", "john").
    "banwatch-match-v7": ("a0991650f19b302f",),
    # rigour's legal forms as data (lexicon_rigour.py), listed names of other scripts in
    # Latin letters, one word in two romanisations ("aleksei", "alexei"); a model code's
    # first word alone ("DS-2CD2T83G0 8MP") and a model after its maker's name.
    "banwatch-match-v8": (
        "316286ea6810d7c5",
        "fab880b06506e099",  # a batch of names searched in one compiled call (search_forms)
        "924012c650b7905b",  # a listed name's hits built in one pass (listed_hits)
        "e723870730429583",  # the matcher's name memo through `remembered`
        "3022b74f7519a9a7",  # a batch's new words' near lists found in one call; cheaper forms
        # With it, the compiled search: candidates' words fetched ahead, short lists looked up
        # in long ones by galloping, fewer lists read, a short pool sorted by insertion.
        "b34de341634a4602",
        "8649df1a461916f3",  # `compile_search` compiles the batched look-up and variant keys too
        "9ca79833336a1d4a",  # a batch's lists of like length intersected through a bitmap
        "35b5c2b9113beb20",  # no bound for candidates too long to reach the threshold on any list
        "6152c4e32fec0448",  # the same, its cut-off guarded against a total of zero
        # With them, the Python side of a batch: each name's key looked up once, a word's id
        # told first, only a reading's filled slots made Python numbers.
        "ced02ee0b273514a",
        "0928ad5b3e707a38",  # a single search looks its key up once too, as a batch does
    ),
}
