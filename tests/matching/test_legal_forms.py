"""Legal forms, spelled out or abbreviated, in the languages public lists use (rigour's data).

A spelled-out form reads as the form it spells, so the name around it reads
the same either way; neither is ever a distinctive word. Glued forms are split
off only where what is left is a word the corpus knows, or is long.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banwatch.matching.legal_forms import SPELLED_OUT_WORDS, rigour_word_form, unglue
from banwatch.matching.lexicon_legal import LEGAL_FORMS
from banwatch.matching.matcher import Matcher
from banwatch.matching.names import NameEntry, NameIndex
from banwatch.matching.normalize import name_form, tokens, weight, words

# (language, spelled out, abbreviated, the form `tokens` reads for both)
SAME_FORM = [
    ("English", "Tactical Missiles Corporation Joint Stock Company",
     "Tactical Missiles Corporation JSC", "jsc"),
    ("English", "Open Joint Stock Company Gasprom", "OJSC Gasprom", "ojsc"),
    ("English", "Public Joint Stock Company Gasprom", "PJSC Gasprom", "pjsc"),
    ("English", "Limited Liability Company Iskusstvo Krasoty", "LLC Iskusstvo Krasoty", "llc"),
    ("English", "Acme Public Limited Company", "Acme PLC", "plc"),
    ("German", "Siemens Aktiengesellschaft", "Siemens AG", "ag"),
    ("German", "Siemens Gesellschaft mit beschränkter Haftung", "Siemens GmbH", "gmbh"),
    ("German", "Siemens Gesellschaft mit beschraenkter Haftung", "Siemens GmbH", "gmbh"),
    ("German", "Acme Kommanditgesellschaft", "Acme KG", "kg"),
    ("French", "Acme Société Anonyme", "Acme S.A.", "sa"),
    ("Spanish", "Acme Sociedad Anónima de Capital Variable", "Acme S.A. de C.V.", "sacv"),
    ("Italian", "Acme Società per Azioni", "Acme S.p.A.", "spa"),
    ("Dutch", "Acme Besloten Vennootschap", "Acme B.V.", "bv"),
    ("Polish", "Faberlic Europe Spółka z ograniczoną odpowiedzialnością",
     "Faberlic Europe Sp. z o.o.", "spzoo"),
    ("Czech", "Acme společnost s ručením omezeným", "Acme s.r.o.", "sro"),
    ("Croatian", "SIS društvo s ograničenom odgovornošću", "SIS d.o.o.", "doo"),
    ("Russian", "общество с ограниченной ответственностью газпром", "ооо газпром", "ooo"),
    ("Russian", "публичное акционерное общество газпром", "пао газпром", "ao"),
    ("Russian, transliterated", "Zakrytoe Aktsionernoe Obshchestvo Vostok", "ZAO Vostok", "zao"),
    ("Ukrainian", "Товариство з обмеженою відповідальністю Ромашка", "ТОВ Ромашка", "ooo"),
    ("Swedish", "Acme Aktiebolag", "Acme AB", "ab"),
    ("Malay", "Acme Sendirian Berhad", "Acme Sdn Bhd", "sdnbhd"),
    ("Turkish", "Acme Anonim Şirketi", "Acme A.Ş.", "as"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "spelled", "short", "form"), SAME_FORM)
def test_a_spelled_out_form_reads_as_its_abbreviation(
    language: str, spelled: str, short: str, form: str
) -> None:
    assert words(spelled) == words(short), language
    assert not set(words(spelled)) & {"stock", "joint", "liability", "gesellschaft", "общество"}
    assert form in tokens(spelled), language


@pytest.mark.parametrize(
    ("name", "same_as"),
    [
        ("OOO Gazprom", "ооо газпром"),  # Latin and Cyrillic transliteration of one form
        ("LLC Gazprom", "Gazprom"),
        ("siemens aktiengesellschaft gmbh", "Siemens"),
        ("Acme Co., Ltd.", "Acme"),
    ],
)
def test_a_legal_form_is_never_a_word(name: str, same_as: str) -> None:
    assert len(words(name)) == len(words(same_as))
    if name.isascii() == same_as.isascii():
        assert words(name) == words(same_as)


def test_every_form_rigour_gives_the_examples_is_a_legal_form() -> None:
    """The compare forms of the spelled-out examples are legal forms of the lexicon."""
    for _, spelled, _, form in SAME_FORM:
        assert form in LEGAL_FORMS or rigour_word_form(form) is not None, spelled


def test_every_spelled_out_word_belongs_to_a_form_rigour_knows() -> None:
    """The pre-filter's words are words of legal forms, not ordinary words."""
    examples = " ".join(s for _, s, _, _ in SAME_FORM).casefold()
    covered = {w for w in SPELLED_OUT_WORDS if w in examples.split()}
    assert {"stock", "liability", "gesellschaft", "общество", "vennootschap"} <= covered


@pytest.mark.parametrize(
    "name",
    ["Acme Stock Exchange", "Public Bank", "Liability Insurance Partners", "Open Systems"],
)
def test_words_of_forms_alone_are_kept(name: str) -> None:
    """A word a spelled-out form uses is kept where no form is spelled out."""
    assert len(words(name)) == len(name.split())


def _index(*names: str) -> NameIndex:
    return NameIndex(
        [NameEntry(f"e{i}", n, True, None, name_form(n)) for i, n in enumerate(names)], weight
    )


@pytest.mark.parametrize(("language", "spelled", "short", "form"), SAME_FORM)
def test_the_spelled_out_name_matches_the_listed_abbreviation(
    language: str, spelled: str, short: str, form: str
) -> None:
    hits = _index(short, "Unrelated Holdings Ltd").search(spelled, 0.8)
    assert [(h.entry.value, h.score) for h in hits] == [(short, 1.0)], language


# Words no rule treats specially: long enough, no legal form, no lexicon word.
_PLAIN = st.text("bcdfghklmnprstvz", min_size=5, max_size=9).filter(
    lambda w: rigour_word_form(w) is None and words(w) == [w] and w not in SPELLED_OUT_WORDS
)


# Legal forms, spelled out and abbreviated, to put beside any name.
FORM_PAIRS = [
    ("Joint Stock Company", "JSC"),
    ("Open Joint Stock Company", "OJSC"),
    ("Limited Liability Company", "LLC"),
    ("Aktiengesellschaft", "AG"),
    ("Gesellschaft mit beschränkter Haftung", "GmbH"),
    ("Société Anonyme", "S.A."),
    ("Sociedad Anónima de Capital Variable", "S.A. de C.V."),
    ("Besloten Vennootschap", "B.V."),
    ("Spółka z ograniczoną odpowiedzialnością", "Sp. z o.o."),
    ("общество с ограниченной ответственностью", "ООО"),
    ("Aktiebolag", "AB"),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(_PLAIN, min_size=1, max_size=3), st.sampled_from(FORM_PAIRS), st.booleans())
def test_a_legal_form_never_changes_what_a_name_reads_as(
    plain: list[str], pair: tuple[str, str], before: bool
) -> None:
    """Appending a legal form, or writing it out, leaves the reading alone."""
    name = " ".join(plain)
    index = _index(name, f"{plain[0]} Other Trading")
    best = index.search(name, 0.8)[0].entry.entity_id
    for form in pair:
        query = f"{form} {name}" if before else f"{name} {form}"
        assert name_form(query).full_key == name_form(name).full_key
        assert index.search(query, 0.8)[0].entry.entity_id == best


@pytest.mark.parametrize(
    ("glued", "reads_as"),
    [
        ("SiemensAG", "Siemens AG"),
        ("JSCARGUMENT", "JSC ARGUMENT"),
        ("OOOGAZPROM", "OOO Gazprom"),
        ("TelcoLTD", "Telco Ltd"),
    ],
)
def test_a_glued_legal_form_is_split_off(matcher: Matcher, glued: str, reads_as: str) -> None:
    weigh = matcher.names.weigh
    assert name_form(glued, weigh).words == name_form(reads_as, weigh).words


@pytest.mark.parametrize("word", ["Lufthansa", "Airbag", "Hansa", "Zigzag", "Formosa", "Mimosa"])
def test_an_ordinary_word_ending_like_a_form_stays_whole(matcher: Matcher, word: str) -> None:
    assert name_form(word, matcher.names.weigh).words == (word.casefold(),)


def test_a_form_is_split_off_a_short_rest_only_if_the_corpus_knows_it() -> None:
    assert unglue("siemensag", lambda w: w == "siemens") == ("siemens", "ag")
    assert unglue("siemensag", lambda w: False) is None
    assert unglue("jscargument", lambda w: False) == ("jsc", "argument")
    assert unglue("hansa", lambda w: True) is None  # "han" is too short to stand alone


def _doc_rows() -> list[tuple[list[str], str, str]]:
    """(spellings, compare form, words) of every row of the doc's legal-form table."""
    text = Path(__file__).parents[2].joinpath("docs", "matching.md").read_text(encoding="utf-8")
    body = text.split("### Legal forms\n", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| (`.+`) \| [^|]+ \| `(\w+)` \| `([\w ]+)` \|$", body, re.M)
    return [(re.findall(r"`([^`]+)`", cell), form, ws) for cell, form, ws in rows]


def test_the_doc_table_of_legal_forms_is_what_the_code_reads() -> None:
    rows = _doc_rows()
    assert len(rows) >= 15
    for spellings, form, ws in rows:
        for written in spellings:
            assert words(f"Acme {written}") == ws.split() == words("Acme"), written
        assert form in tokens(f"Acme {spellings[0]}"), spellings[0]  # the spelled-out one


@pytest.mark.parametrize(
    ("misspelt", "words"),
    [
        ("TACTICAL MISSILES CORPORATION JOYNT STOCK COMPANY", ("tactical", "missiles")),
        ("Acme Publik Joint Stock Company", ("acme",)),
        ("Acme Obshchestvo s Ogranichennoy Otvetstvenostyu", ("acme",)),
    ],
)
def test_a_form_misspelt_by_one_edit_is_read_as_the_form(
    misspelt: str, words: tuple[str, ...]
) -> None:
    assert name_form(misspelt).words == words


@pytest.mark.parametrize(
    "name",
    ["Joynt Moravenko Stock", "Stock Exchange of Joynt", "Compani Stock Holdings"],
)
def test_a_name_is_never_mended_into_a_form(name: str) -> None:
    assert len(name_form(name).words) >= 2
    assert "joint" not in name_form(name).words
