"""Normalise organisation names into weighted words and comparison keys (pure).

Invariants: `normalise` is idempotent; every function here is deterministic and
has no I/O. Chinese in traditional script is converted to simplified script so
that 杭州海康威視 and 杭州海康威视 compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from banwatch.matching.legal_forms import (
    GLUED_CANDIDATES,
    LegalWords,
    replace_spelled_out,
    unglue,
)
from banwatch.matching.lexicon import (
    ABBREVIATIONS,
    CJK_GENERIC_SUFFIXES,
    CJK_LEGAL_FORMS,
    CJK_PLACES,
    PLACE_WEIGHT,
    STOPWORDS,
    token_weight,
)
from banwatch.matching.lexicon_legal import FORM_TRIGGER_WORDS, LEGAL_FORMS
from banwatch.matching.numbers import as_digits, first_words

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]+|[^\W_]+", re.UNICODE)
_HAS_CJK = re.compile(rf"[{_CJK}]")
_APOSTROPHE = re.compile(r"['’`]")
# Dotted initials ("B.V.", "S.p.A.", "U.S.A.") are one word.
_INITIALS = re.compile(r"(?<!\w)(?:[^\W\d_]\.){2,}")
# A name longer than this is not a name: screening only looks at its start.
MAX_NAME_CHARS = 300


@cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Chinese characters to simplified script; other text is unchanged."""
    if not _HAS_CJK.search(text):
        return text
    converter = _t2s()
    return str(converter.convert(text))  # type: ignore[attr-defined]


def normalise(text: str) -> str:
    """Fold case, width, accents-in-compatibility-forms and script; collapse spacing."""
    text = unicodedata.normalize("NFKC", text[:MAX_NAME_CHARS]).casefold()
    text = _APOSTROPHE.sub("", to_simplified(text))
    return " ".join(text.split())


def is_cjk(token: str) -> bool:
    """True when the word is written in Chinese characters (judged by its first one)."""
    # The ranges of `_CJK`, compared directly: this runs for every word of every name.
    c = token[:1]
    return "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def _strip_cjk(run: str) -> list[str]:
    """Split a run of Chinese characters into places, a core and generic words."""
    for form in CJK_LEGAL_FORMS:
        if run.endswith(form) and len(run) > len(form):
            run = run[: -len(form)]
            break
    head: list[str] = []
    tail: list[str] = []
    changed = True
    while changed:
        changed = False
        for place in CJK_PLACES:
            if run.startswith(place) and len(run) > len(place) + 1:
                head.append(place)
                run = run[len(place) :]
                changed = True
        for suffix in CJK_GENERIC_SUFFIXES:
            if run.endswith(suffix) and len(run) > len(suffix) + 1:
                tail.insert(0, suffix)
                run = run[: -len(suffix)]
                changed = True
    return [*head, run, *tail]


# What a Latin word becomes: its expansion, or "" for a legal form or stopword.
# Words not in the lexicon stay as they are (and are remembered, see `LegalWords`).
_LATIN_WORD = LegalWords(
    {
        raw: "" if word in LEGAL_FORMS or word in STOPWORDS else word
        for raw in (*ABBREVIATIONS, *LEGAL_FORMS, *STOPWORDS)
        for word in [ABBREVIATIONS.get(raw, raw)]
    }
)
_SPELLED_OUT = FORM_TRIGGER_WORDS
_NUMBER_FIRST = first_words()  # "forty", "44th", "no": a name with none spells no number
# Words of lower-case ASCII text: what `_WORD` finds there.
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _undot_initials(text: str) -> str:
    return _INITIALS.sub(lambda m: m.group(0).replace(".", ""), text)


def words(text: str) -> list[str]:
    """Normalised words of a name, abbreviations expanded, legal forms removed."""
    text = text[:MAX_NAME_CHARS]
    if text.isascii():
        # Most names: NFKC and script conversion change no ASCII text, and casefold
        # is lower. The same words as the general path, with a simpler pattern.
        text = text.lower()
        if "'" in text or "`" in text:  # apostrophes join, as in `normalise`
            text = text.replace("'", "").replace("`", "")
        dotted = text
        if text.count(".") > 1:  # dotted initials ("b.v.") need two dots; "Ltd." has one
            text = _undot_initials(text)
        raws = _ASCII_WORD.findall(text)
        if not _SPELLED_OUT.isdisjoint(raws):  # "joint stock company": rigour's, rarely met
            text = replace_spelled_out(dotted, keep=False)
            if text.count(".") > 1:
                text = _undot_initials(text)
            raws = _ASCII_WORD.findall(text)
        if not _NUMBER_FIRST.isdisjoint(raws):  # "forty-four", "44th": digits
            raws = as_digits(raws)
        latin = _LATIN_WORD
        return [word for raw in raws if (word := latin[raw])]
    return _words_general(text)


def _words_general(text: str) -> list[str]:
    """`words` of any text, through `normalise` and `_WORD` (ASCII text needs neither)."""
    out: list[str] = []
    latin = _LATIN_WORD
    raws = _raw_words(normalise(text), keep=False)
    if not _NUMBER_FIRST.isdisjoint(raws):
        raws = as_digits(raws)
    for raw in raws:
        if is_cjk(raw):
            out.extend(_strip_cjk(raw))
            continue
        word = latin[raw]
        if word:
            out.append(word)
    return out


def _raw_words(text: str, keep: bool) -> list[str]:
    """The runs of a normalised text, its spelled-out legal forms replaced (`keep`) or removed."""
    undotted = _undot_initials(text) if "." in text else text
    raws: list[str] = _WORD.findall(undotted)
    if _SPELLED_OUT.isdisjoint(raws):
        return raws
    text = replace_spelled_out(text, keep)
    return _WORD.findall(_undot_initials(text) if "." in text else text)


def tokens(text: str) -> list[str]:
    """The words of a name as `words` gives them, but with legal forms kept.

    For rules that read what a name says beyond its words ("GmbH" says
    Germany); a run of Chinese characters is one token, unsplit.
    """
    out: list[str] = []
    for raw in _raw_words(normalise(text), keep=True):
        if is_cjk(raw):
            out.append(raw)
        elif raw not in STOPWORDS:
            out.append(ABBREVIATIONS.get(raw, raw))
    return out


def cjk_weight(token: str) -> float:
    """Weight of a Chinese word: places and generic words weigh little."""
    if token in CJK_PLACES:
        return PLACE_WEIGHT
    if token in CJK_GENERIC_SUFFIXES or token in CJK_LEGAL_FORMS:
        return 0.15
    return 1.0


def weight(token: str) -> float:
    """Weight of any normalised word."""
    return cjk_weight(token) if is_cjk(token) else token_weight(token)


class NameForm(NamedTuple):
    """A name ready for comparison: its words, their weights, and two exact keys.

    `full_key` joins every word (so "HIK Vision" and "Hikvision" agree);
    `core_key` joins only the distinctive words (so "Hangzhou Hikvision
    Digital Technology" and "Hikvision" agree) and is empty when those words
    weigh too little to identify anyone on their own. A named tuple, not a
    frozen dataclass: one is made for every name screened and half a million
    are read back with an index, and a tuple is made several times faster.
    """

    words: tuple[str, ...]
    weights: tuple[float, ...]
    full_key: str
    core_key: str
    total: float  # the summed weight of all words
    typo_prone: tuple[str, ...]  # Latin words long enough to be compared for typos


_FIRST_CJK = "\u3400"

# Shorter words must match exactly: "huawen" is another company, not a typo of "huawei".
TYPO_MIN_LENGTH = 5
# A four-letter word may be a five-letter word with a letter left out ("stom", "storm"),
# a three-letter word a four-letter one ("jon", "john").
TYPO_SHORTEST = 3
# A core key identifies only when one of its words is this distinctive.
CORE_MIN_WEIGHT = 0.75
DISTINCTIVE = 0.5


def _unglued(
    ws: tuple[str, ...], weights: tuple[float, ...], weigh: Callable[[str], float]
) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Words with glued legal forms split off and dropped: "SiemensAG" reads as "Siemens".

    Only a word no registrant uses (weight 1.00) is split, and only where what
    is left is a word the corpus knows, or is long (`legal_forms.unglue`).
    """
    out: list[str] = []
    for w, x in zip(ws, weights, strict=True):
        parts = unglue(w, lambda rest: weigh(rest) < 1.0) if x == 1.0 and w.isascii() else None
        if parts is None:
            out.append(w)
        else:
            out.extend(p for p in parts if p not in LEGAL_FORMS)
    return tuple(out), tuple([weigh(w) for w in out])


# A form from its six fields in one C call, as `name_hits._hit` makes hits: a named
# tuple's own constructor is a Python function, and a form is made for every name.
_new_form = tuple.__new__


def name_form(text: str, weigh: Callable[[str], float] = weight) -> NameForm:
    """Compile a name into its comparable form."""
    ws = tuple(words(text))
    weights = tuple([weigh(w) for w in ws])
    if not GLUED_CANDIDATES.isdisjoint(ws):  # "siemensag": rarely met
        ws, weights = _unglued(ws, weights, weigh)
    # One pass, no generators: this runs for every name screened.
    core_words: list[str] = []
    prone: list[str] = []
    strong = False
    for w, x in zip(ws, weights, strict=True):
        if x >= DISTINCTIVE:
            core_words.append(w)
            if x >= CORE_MIN_WEIGHT:
                strong = True
        # A word whose first letter sorts before the Chinese ranges is not Chinese.
        if len(w) >= TYPO_SHORTEST and (w < _FIRST_CJK or not is_cjk(w)) and w not in prone:
            prone.append(w)
    core = "".join(core_words) if strong else ""
    return _new_form(NameForm, (ws, weights, "".join(ws), core, sum(weights), tuple(prone)))
