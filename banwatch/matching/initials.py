"""A person's name with some of its words written as initials (pure).

Lists and ledgers write persons as "J. M. Smith", "John M. Smith" or
"SMITH J.M.", where the list has "SMITH, John Michael". Each such spelling
of a listed person's name is indexed as a name derived from it, so the
search reads it like any other name: an exact spelling or a typo of one.
An initial stands for many names, so a reading through one is never
certain (`readings.NameReader` caps it below certainty).
"""

from __future__ import annotations

from itertools import groupby

from banwatch.matching.normalize import words

DERIVED = "initials of"  # how `NameEntry.derived` names these spellings
# More words than this make too many spellings for what they add: a person's
# name has two to four.
MOST_WORDS = 4


def initials_spellings(value: str) -> list[str]:
    """The spellings of a person's name with some words (never all) as initials.

    The family name, when a comma sets it apart, is never an initial.

    Each comes twice where two or more initials stand side by side: spaced
    ("J. M. Smith") and joined ("J.M. Smith"), since normalisation reads
    "J.M." as one word.
    """
    ws = words(value)
    if not 2 <= len(ws) <= MOST_WORDS or not all(w.isalpha() and len(w) > 1 for w in ws):
        return []
    # "SMITH, John Michael": what comes before the comma is the family name, written
    # out in every spelling; without a comma any word may be.
    family = len(words(value.split(",", 1)[0])) if "," in value else 0
    out: set[str] = set()
    for mask in range(1, 2 ** len(ws) - 1):
        parts = [(k >= family and bool(mask >> k & 1), w) for k, w in enumerate(ws)]
        if not any(short for short, _ in parts):
            continue
        out.add(" ".join(f"{w[0].upper()}." if short else w.title() for short, w in parts))
        joined = [
            "".join(f"{w[0].upper()}." for _, w in run)
            if short
            else " ".join(w.title() for _, w in run)
            for short, run in ((s, list(g)) for s, g in groupby(parts, key=lambda p: p[0]))
        ]
        out.add(" ".join(joined))
    return sorted(out)
