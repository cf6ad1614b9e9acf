"""One word in two romanisations: "Aleksei" and "Alexei", "Arkadij" and "Arkady" (pure).

Names from Cyrillic, Arabic and other scripts reach Latin letters through
several romanisation systems, and lists and ledgers seldom use the same one:
"Yevgeniy" and "Evgeny", "Navalnyy" and "Navalny", "Khodorkovsky" and
"Hodorkovskiy". Two such spellings are often two edits apart or more, where
the typo rule gives nothing. `variant_key` writes a word the way those
systems agree on: a leading "ye"/"je" as "e", "ks" as "x", "kh" as "h", "ph"
as "f", "w" as "v", "j" and "y" as "i", then any doubled letter once.

Two different words with the same key count as one word spelt two ways,
credited as a short word's typo (`MatcherConfig.short_typo_similarity` times
the rarer word's weight): such a reading is `review` at most, never certain.
The index files each word whose key differs from it under its key as well
(`deletion_forms.DeletionForms`), so the two spellings find each other.
"""

from __future__ import annotations

import re
from functools import lru_cache

VARIANT_MIN = 5  # shorter words are too many names' spelling ("ivan", "iwan")
_ONE_LETTER = str.maketrans("jyw", "iiv")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def variant_key(word: str) -> str | None:
    """The word as romanisations agree on it, or None for a word too short or not in a-z."""
    if len(word) < VARIANT_MIN or not (word.isascii() and word.isalpha()):
        return None
    if word[1] == "e" and word[0] in "yj":
        word = word[1:]
    if "k" in word:  # most words have none of the two-letter spellings: three tests
        word = word.replace("ks", "x").replace("kh", "h")
    if "ph" in word:
        word = word.replace("ph", "f")
    word = word.translate(_ONE_LETTER)
    return _DOUBLE.sub(r"\1", word) if _DOUBLE.search(word) else word


def spelling_variants(a: str, b: str) -> bool:
    """Whether two different words are one word in two romanisations ("aleksei", "alexei")."""
    if a == b:
        return False
    key = variant_key(a)
    return key is not None and key == variant_key(b)
