"""Legal forms in any language, read through rigour's organisation types (pure).

The data is not banwatch's: `rigour` (OpenSanctions) ships a list of
organisation types built from ISO 20275 (GLEIF's Entity Legal Forms code
list), OCCRP's list and Wikipedia's types of business entity, and maps every
spelling of a form ("Aktiengesellschaft", "общество с ограниченной
ответственностью", "Joint Stock Company") to one compare form ("ag", "ooo",
"jsc"). banwatch asks it in two places:

- a name holding a word of a spelled-out form (`FORM_TRIGGER_WORDS`: "stock",
  "gesellschaft", "aktiengesellschaft", "общество", and the words of rigour's
  own forms that names seldom use otherwise, `lexicon_rigour.py`): the forms rigour
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

import re
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne
from rigour.names import extract_org_types

from banwatch.matching.lexicon_legal import (
    FORM_COMPANION_WORDS,
    FORM_TRIGGER_WORDS,
    GLUED_FORM_HEADS,
    GLUED_FORM_TAILS,
    LEGAL_FORM_PHRASES,
    SPELLED_OUT_WORDS,
)
from banwatch.matching.lexicon_rigour import RIGOUR_APOSTROPHE_WORDS

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
# A word of a spelled-out form may be misspelt by one edit ("Joynt Stock
# Company") when it is at least this long and another word of the form is
# spelt right; a form of one word only when it is at least `REPAIR_ALONE` long.
REPAIR_MIN = 5
REPAIR_ALONE = 10
# What a misspelt form word may be read as: the words of spelled-out forms.
FORM_WORDS: tuple[str, ...] = tuple(sorted(SPELLED_OUT_WORDS | FORM_COMPANION_WORDS))
_FORM_WORD_SET = frozenset(FORM_WORDS)
_WORD = re.compile(r"\w+")


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

    Only forms holding a word of `FORM_TRIGGER_WORDS` are kept; "Open Joint
    Stock Company" gives ("open joint stock company", "ojsc"), the compare
    form as rigour writes it ("co ltd").
    """
    out: list[tuple[str, str]] = []
    found_forms = extract_org_types(text)
    written = _with_apostrophes(text)
    if written != text:  # rigour may list a form both ways ("societa", "societa'")
        found_forms += extract_org_types(written)
    for found, form in found_forms:
        found = found.replace("'", "").replace("’", "")  # as `text` writes it
        if (found, form) in out:
            continue
        if not FORM_TRIGGER_WORDS.isdisjoint(_split(found.replace(".", ""))):  # "s.a. de c.v."
            out.append((found, form))
    misspelt = _misspelt_forms(text, {f for f, _ in out})
    if misspelt:  # a misspelt form may hold a form found as written ("publik joint stock company")
        out = [x for x in out if not any(x[0] in m for m, _ in misspelt)]
    return tuple(out) + misspelt


def _with_apostrophes(text: str) -> str:
    """The text with the words rigour writes with an apostrophe written so.

    Names are read with apostrophes joined ("Société d'investissement à
    capital variable" as "société dinvestissement à capital variable"), which
    rigour would not find: "dinvestissement" is handed to it as
    "d'investissement" (`RIGOUR_APOSTROPHE_WORDS`).
    """
    if all(w not in RIGOUR_APOSTROPHE_WORDS for w in _WORD.findall(text)):
        return text
    return _WORD.sub(lambda m: RIGOUR_APOSTROPHE_WORDS.get(m[0], m[0]), text)


def _misspelt_forms(text: str, found: set[str]) -> tuple[tuple[str, str], ...]:
    """Spelled-out forms with one word misspelt by one edit, as written: "joynt stock company".

    Each word outside every form found, long enough and not itself a form
    word, is read as the form word one edit from it (if any); a form rigour
    then finds in the repaired name counts only if it holds a repaired word
    and a word spelt right, or is one long word. A company's own name is
    never repaired into a form: a repair counts only inside a form.
    """
    spans = [m.span() for m in _WORD.finditer(text)]
    taken = {w for f in found for w in _split(f)}
    repairs: dict[int, str] = {}
    for k, (a, b) in enumerate(spans):
        word = text[a:b]
        if len(word) < REPAIR_MIN or word in taken or word in _FORM_WORD_SET:
            continue
        best = extractOne(word, FORM_WORDS, scorer=OSA.distance, score_cutoff=1)
        if best is not None:
            repairs[k] = best[0]
    if not repairs:
        return ()
    pieces: list[str] = []
    at = 0
    start = 0  # where the next piece starts in the repaired text
    where: list[tuple[int, int]] = []  # each word's span in the repaired text
    for k, (a, b) in enumerate(spans):
        word = repairs.get(k, text[a:b])
        start += a - at
        pieces += [text[at:a], word]
        where.append((start, start + len(word)))
        start += len(word)
        at = b
    pieces.append(text[at:])
    repaired = "".join(pieces)
    out: list[tuple[str, str]] = []
    for phrase, form in extract_org_types(repaired):
        a = repaired.find(phrase)
        inside = [k for k, (x, y) in enumerate(where) if a <= x and y <= a + len(phrase)]
        fixed = [k for k in inside if k in repairs]
        alone = len(inside) == 1 and len(repairs.get(inside[0], "")) >= REPAIR_ALONE
        if fixed and (len(inside) > len(fixed) or alone):
            written = text[spans[inside[0]][0] : spans[inside[-1]][1]]
            out.append((written, form))
    return tuple(out)


def _split(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in text).split()


def replace_spelled_out(text: str, keep: bool) -> str:
    """`text` with its spelled-out legal forms replaced by their compare form.

    Kept (`keep`, for the rules that name legal forms), the compare form is
    one word ("co ltd" -> "coltd"), and a form the lexicon already reads word
    by word ("sp. z o.o.", a phrase of `LEGAL_FORM_PHRASES`) stays as written.
    Otherwise it is written as rigour gives it, and `words` drops what the
    lexicon knows as a legal form: a form it does not know reads as the same
    word whether spelled out or abbreviated ("vennootschap onder firma" as
    "vof", like "VOF").
    """
    for found, form in spelled_out_forms(text):
        if keep and tuple(_split(found.replace(".", ""))) in LEGAL_FORM_PHRASES:
            continue
        text = text.replace(found, f" {form.replace(' ', '') if keep else form} ", 1)
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
