"""Legal forms of many languages read from rigour's list of organisation types (lexicon_rigour.py).

The hand-written lexicon covers the forms public lists use most; the rest of
rigour's list (ISO 20275 and more) is read through the words generated from
it: a name holding a word of one of its spelled-out forms is handed to
rigour, and its one-word forms are dropped like the lexicon's.
"""

from __future__ import annotations

import pytest

from banwatch.matching.lexicon_legal import FORM_TRIGGER_WORDS, LEGAL_FORMS, SPELLED_OUT_WORDS
from banwatch.matching.lexicon_rigour import RIGOUR_FORM_WORDS, RIGOUR_ONE_WORD_FORMS
from banwatch.matching.normalize import words

from .test_legal_forms import _index

# (language, spelled out, as lists abbreviate it): none of these forms is in the hand lexicon.
RIGOUR_ONLY = [
    ("German", "Zorvane Gesellschaft bürgerlichen Rechts", "Zorvane GbR"),
    ("Dutch", "Zorvane vennootschap onder firma", "Zorvane VOF"),
    ("Hungarian", "Zorvane korlatolt felelossegu tarsasag", "Zorvane Kft."),
    ("Lithuanian", "Zorvane uždaroji akcinė bendrovė", "Zorvane UAB"),
    ("Romanian", "Zorvane intreprinderea cu responsabilitate limitata", "Zorvane SRL"),
    ("Bulgarian, transliterated", "Zorvane ednolichno druzhestvo s ogranichena otgovornost",
     "Zorvane ЕООД"),
    ("Vietnamese", "Zorvane công ty trách nhiệm hữu hạn", "Zorvane cty tnhh"),
    ("Azerbaijani", "Zorvane məhdud məsuliyyətli cəmiyyət", "Zorvane MMC"),
    ("Russian", "Zorvane ГОСУДАРСТВЕННОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ", "Zorvane ГУП"),
    ("Russian", "Zorvane ФЕДЕРАЛЬНОЕ ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ", "Zorvane ФГБУ"),
    ("Ukrainian", "Zorvane Публічне акціонерне товариство", "Zorvane ПАТ"),
    ("Russian", "Zorvane МУНИЦИПАЛЬНОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ", "Zorvane МУП"),
    ("Georgian", "Zorvane შეზღუდული პასუხისმგებლობის საზოგადოება", "Zorvane შპს"),
    # rigour writes these with an apostrophe, which names are read without
    ("French", "Zorvane société d'investissement à capital variable", "Zorvane SICAV"),
    ("Uzbek", "Zorvane mas'uliyati cheklangan jamiyat", "Zorvane МЧЖ"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "spelled", "short"), RIGOUR_ONLY)
def test_a_form_of_rigours_list_reads_as_its_abbreviation(
    language: str, spelled: str, short: str
) -> None:
    assert words(spelled) == words(short), language
    hits = _index(short, "Zorvane Trading Holdings").search(spelled, 0.8)
    assert (hits[0].entry.value, hits[0].score) == (short, 1.0), language


def test_the_hand_lexicon_is_part_of_what_is_handed_to_rigour() -> None:
    assert SPELLED_OUT_WORDS <= FORM_TRIGGER_WORDS
    assert {"druzhestvo", "учреждение", "gazdasági", "bendrovė"} <= RIGOUR_FORM_WORDS


@pytest.mark.parametrize(
    "word", ["charity", "stiftung", "verein", "bank", "trust", "state", "group", "national"]
)
def test_ordinary_words_are_neither_forms_nor_a_reason_to_ask_rigour(word: str) -> None:
    """Words common in wordfreq's lists or in the registrants' names stay names' words."""
    assert word not in RIGOUR_ONE_WORD_FORMS and word not in FORM_TRIGGER_WORDS
    assert words(f"Zorvane {word}") == ["zorvane", word]


def test_three_latin_letters_are_not_dropped_as_a_form() -> None:
    """Three Latin letters are as often a company's initials ("PSE", "UAB")."""
    short = {w for w in RIGOUR_ONE_WORD_FORMS if w.isascii() and len(w) <= 3}
    assert "mup" in short  # rigour's compare form of the Russian "МУП", dropped with it
    assert not short & {"uab", "pse", "gbr", "vof", "sce"}
    assert "uab" not in LEGAL_FORMS and words("UAB") == ["uab"]


def test_a_name_without_such_a_word_reads_as_before() -> None:
    assert words("National Association of Broadcasters") == [
        "national",
        "association",
        "broadcasters",
    ]
    assert words("Open Systems Trading") == ["open", "systems", "trading"]
