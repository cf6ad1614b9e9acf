"""Free text (descriptions, memos, item texts, notes): the registry's names and model numbers in it.

Invariants:
- A name is found only as whole words in the same order, legal forms aside:
  "Hikvision Canada" is in "20x HIKVISION CANADA INC. cameras", "Vision" is
  not in "Hikvision".
- A name whose every word is common in a language people write memos in
  (Zipf frequency of `COMMON_ZIPF` or more in English, German, French,
  Spanish, Italian, Dutch or Portuguese, per wordfreq) is never looked for:
  "China Mobile" in a memo is more often a phone. Places and generic words
  (`lexicon`) do not make a name findable either.
- A name of three letters or fewer (ZTE, DJI, LTS) is found only written in
  capitals, as an acronym: "lts" and "Dji" in running text are other words.
- A Chinese name is found as a run of characters anywhere in the text, since
  Chinese is written without spaces.
- A model number is a token with letters and digits that fits a vendor's
  pattern whole (`model_numbers.ModelIndex`), as in a model column.
- Finding is pure and needs no search: a dictionary of word sequences built
  once, looked up at each word of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from wordfreq import zipf_frequency

from banwatch.matching.lexicon import GENERIC, PLACES
from banwatch.matching.normalize import is_cjk, normalise, words

COMMON_ZIPF = 4.0
"""A word used this often (about once in 10,000 words) says nothing in free text."""

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
MAX_TEXT_CHARS = 2000  # a memo longer than this is read up to here
MIN_NAME_CHARS = 3
ACRONYM_CHARS = 3  # names this short are found only in capitals
_MODEL_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/.+]{2,38}[A-Za-z0-9+]")
_HAS_LETTER = re.compile(r"[A-Za-z]")
_HAS_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=100_000)
def is_common(word: str) -> bool:
    """Whether `word` is common in some language memos are written in."""
    return any(zipf_frequency(word, lang, wordlist="small") >= COMMON_ZIPF for lang in LANGUAGES)


def _findable(phrase: tuple[str, ...]) -> bool:
    if sum(len(w) for w in phrase) < MIN_NAME_CHARS:
        return False
    return any(
        not w.isdigit() and w not in GENERIC and w not in PLACES and not is_common(w)
        for w in phrase
    )


class TextIndex:
    """The registry's findable names as word sequences, and its Chinese names as strings."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        phrases: dict[tuple[str, ...], set[str]] = {}
        chinese: dict[str, set[str]] = {}
        for entity_id, name in names:
            found = words(name)
            if len(found) == 1 and is_cjk(found[0]):
                if len(found[0]) >= 2:
                    chinese.setdefault(found[0], set()).add(entity_id)
                continue
            phrase = tuple(w for w in found if not is_cjk(w))
            if phrase and _findable(phrase):
                phrases.setdefault(phrase, set()).add(entity_id)
        self.phrases = {p: tuple(sorted(ids)) for p, ids in phrases.items()}
        self.chinese = {c: tuple(sorted(ids)) for c, ids in chinese.items()}
        # The lengths of the phrases each word starts: most words of a memo start none.
        sizes: dict[str, set[int]] = {}
        for phrase in self.phrases:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        self.starts = {word: tuple(sorted(n)) for word, n in sizes.items()}

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        """(entity id, the words found) for every registry name in `text`, in text order."""
        text = text[:MAX_TEXT_CHARS]
        found = words(text)
        phrases, starts = self.phrases, self.starts
        seen: set[tuple[str, str]] = set()
        for i, word in enumerate(found):
            for size in starts.get(word, ()):
                ids = phrases.get(tuple(found[i : i + size]))
                if ids:
                    said = " ".join(found[i : i + size])
                    if len(said) <= ACRONYM_CHARS and not _in_capitals(said, text):
                        continue
                    for entity_id in ids:
                        if (entity_id, said) not in seen:
                            seen.add((entity_id, said))
                            yield entity_id, said
        if self.chinese and any(is_cjk(w) for w in found):
            plain = normalise(text)
            for name, ids in self.chinese.items():
                if name in plain:
                    for entity_id in ids:
                        yield entity_id, name


def _in_capitals(word: str, text: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(word.upper())}(?![^\W_])", text) is not None


def model_tokens(text: str) -> list[str]:
    """The tokens of `text` that could be model numbers: letters and digits, 4-40 characters."""
    out: list[str] = []
    for token in _MODEL_TOKEN.findall(text[:MAX_TEXT_CHARS]):
        if _HAS_LETTER.search(token) and _HAS_DIGIT.search(token) and token not in out:
            out.append(token)
    return out
