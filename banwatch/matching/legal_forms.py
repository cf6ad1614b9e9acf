"""Legal forms in any language, read through rigour's organisation types (pure).

The data is not banwatch's: `rigour` (OpenSanctions) ships a list of
organisation types built from ISO 20275 (GLEIF's Entity Legal Forms code
list), OCCRP's list and Wikipedia's types of business entity, and maps every
spelling of a form ("Aktiengesellschaft", "общество с ограниченной
ответственностью", "Joint Stock Company") to one compare form ("ag", "ooo",
"jsc"). banwatch asks it in two places:

- a name holding a word of a spelled-out form (`SPELLED_OUT_WORDS`: "stock",
  "gesellschaft", "aktiengesellschaft", "общество", ...): the forms rigour
  finds in it that hold such a word are replaced by their compare form. A
  name without one (most names) never reaches rigour: one set test.
- the lexicon's legal forms (`LEGAL_FORMS`) hold the compare forms rigour
  gives those spelled-out forms ("ojsc", "spzoo", "sacv"), so a form written
  either way is dropped the same; `rigour_word_form` tells what rigour makes
  of one word (tests hold the two together).

Forms rigour finds that hold no such word are left to the word-by-word
reading, so a form is read the same whether or not a spelled-out form
stands beside it. Glued forms ("SiemensAG", "JSCARGUMENT") are split off by
`unglue`, only where what is left is a word the word corpus knows or is long.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rigour.names import extract_org_types

from banwatch.matching.lexicon import (
    GLUED_FORM_HEADS,
    GLUED_FORM_TAILS,
    LEGAL_FORM_PHRASES,
    SPELLED_OUT_WORDS,
)

# rigour also lists "ca", "na", "ep", "pt", which are as often a company's initials.
MIN_RIGOUR_WORD = 3
# Distinct words remembered; past this, a word's answer is worked out again.
WORD_MEMO = 500_000
# Distinct names whose spelled-out forms are remembered.
NAME_MEMO = 65_536
# Glued forms: what is left must be a word the corpus knows, or, beside a
# form of three letters or more, at least this long ("JSCARGUMENT").
GLUED_MIN_REST = 5
GLUED_MIN_KNOWN_REST = 4


def rigour_word_form(word: str) -> str | None:
    """The compare form of a word of 3 letters or more that is alone a legal form to rigour."""
    if len(word) < MIN_RIGOUR_WORD or not word.isalpha():
        return None
    found = extract_org_types(word)
    if len(found) == 1 and found[0][0] == word:
        return found[0][1].replace(" ", "")
    return None


class LegalWords(dict[str, str]):
    """A word -> what `words` keeps of it ("" for a legal form), filled as words are met.

    Seeded with the lexicon's abbreviations, legal forms and stopwords; any
    other word stays as it is. A word met for the first time (`__missing__`)
    is remembered, and noted if a legal form may be glued to it, so that
    reading it again is one dictionary look-up.
    """

    def __missing__(self, word: str) -> str:
        if len(self) < WORD_MEMO:
            self[word] = word
        if _may_be_glued(word):
            GLUED_CANDIDATES.add(word)
        return word


# The words met so far that end or start with a legal form's letters and are
# long enough to be split (`unglue`): a name with none of them (one set test)
# is not looked at again. Rare enough to be kept without a bound.
GLUED_CANDIDATES: set[str] = set()


def _may_be_glued(word: str) -> bool:
    return len(word) > GLUED_MIN_KNOWN_REST + 1 and (
        word.endswith(GLUED_FORM_TAILS) or word.startswith(GLUED_FORM_HEADS)
    )


@lru_cache(maxsize=NAME_MEMO)
def spelled_out_forms(text: str) -> tuple[tuple[str, str], ...]:
    """The spelled-out legal forms of a normalised name: (as written, compare form).

    Only forms holding a word of `SPELLED_OUT_WORDS` are kept; "Open Joint
    Stock Company" gives ("open joint stock company", "ojsc").
    """
    out: list[tuple[str, str]] = []
    for found, form in extract_org_types(text):
        if not SPELLED_OUT_WORDS.isdisjoint(_split(found.replace(".", ""))):  # "s.a. de c.v."
            out.append((found, form.replace(" ", "")))
    return tuple(out)


def _split(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in text).split()


def replace_spelled_out(text: str, keep: bool) -> str:
    """`text` with its spelled-out legal forms replaced by their compare form (or removed).

    Kept (`keep`), a form the lexicon already reads word by word ("sp. z
    o.o.", a phrase of `LEGAL_FORM_PHRASES`) stays as written, so the rules
    that name legal forms name it as before.
    """
    for found, form in spelled_out_forms(text):
        if keep and tuple(_split(found.replace(".", ""))) in LEGAL_FORM_PHRASES:
            continue
        text = text.replace(found, f" {form} " if keep else " ", 1)
    return text


def unglue(word: str, known: Callable[[str], bool]) -> tuple[str, str] | None:
    """A word split into (name, legal form) or (legal form, name) when a form is glued to it.

    "siemensag" -> ("siemens", "ag") when `known("siemens")`; "jscargument" ->
    ("jsc", "argument") since "argument" is long. Ordinary words that end in a
    form's letters ("lufthansa", "airbag") stay whole: what is left is not a
    word the corpus knows.
    """
    for tail in GLUED_FORM_TAILS:
        if word.endswith(tail) and _rest_ok(word[: -len(tail)], len(tail), known):
            return word[: -len(tail)], tail
    for head in GLUED_FORM_HEADS:
        if word.startswith(head) and _rest_ok(word[len(head) :], len(head), known):
            return head, word[len(head) :]
    return None


def _rest_ok(rest: str, form_length: int, known: Callable[[str], bool]) -> bool:
    if not rest.isalpha():
        return False
    if form_length >= 3 and len(rest) >= GLUED_MIN_REST:
        return True
    return len(rest) >= GLUED_MIN_KNOWN_REST and known(rest)
