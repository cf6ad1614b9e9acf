"""A registry's names as the index holds them: each name, in Latin letters, a person's initials."""

from __future__ import annotations

from collections.abc import Iterator

from pypinyin import lazy_pinyin

from banwatch.matching.initials import DERIVED as INITIALS
from banwatch.matching.initials import initials_spellings
from banwatch.matching.names import NameEntry
from banwatch.matching.normalize import DISTINCTIVE, is_cjk, name_form, words
from banwatch.matching.transliteration import CJK_CHAR, latin_spelling
from banwatch.matching.weights import WordWeights
from banwatch.model.registry import Registry


def pinyin_entries(entity_id: str, value: str, weigh: WordWeights) -> Iterator[NameEntry]:
    """Latin transliterations of a Chinese name: of the whole name and of each distinctive word.

    Each Chinese word becomes one Latin word ("海康威视" -> "haikangweishi"),
    so that a single common syllable ("cheng") never stands for a name;
    "Haikang Weishi" still agrees through the joined key. Places and generic
    words ("杭州", "数字技术") get no entry of their own: "Hangzhou" alone must
    not name Hikvision.
    """
    cjk = [w for w in words(value) if is_cjk(w)]
    if not cjk:
        return
    forms = {"".join(lazy_pinyin(w)) for w in cjk if weigh(w) >= DISTINCTIVE}
    whole = " ".join("".join(lazy_pinyin(w)) for w in cjk)
    for text in sorted({whole, *forms}):
        yield NameEntry(entity_id, text, False, f"pinyin of {value}", name_form(text, weigh))


def latin_entries(entity_id: str, value: str, weigh: WordWeights) -> Iterator[NameEntry]:
    """A name in Cyrillic, Greek, Armenian, Georgian, Arabic, Hebrew or Hangul, in Latin letters.

    Lists mostly write names in Latin letters and records mostly do too, so a
    name a list gives only in another script ("Сергей Викторович Лавров",
    "Բարակ Օբամա") is also indexed as `transliteration.latin_spelling` writes
    it ("sergei viktorovich lavrov"), as a query in that script is read.
    Chinese names get their pinyin instead (`pinyin_entries`).
    """
    if CJK_CHAR.search(value):
        return
    text = latin_spelling(value)
    if text:
        yield NameEntry(entity_id, text, False, f"Latin letters of {value}", name_form(text, weigh))


def name_entries(registry: Registry, weigh: WordWeights) -> Iterator[NameEntry]:
    for e in registry.entities.values():
        seen: set[str] = set()
        named: list[tuple[str, bool, str | None]] = [(e.name, True, None)]
        named += [(n.value, n.kind == "legal", None) for n in e.names]
        named += [
            (i.value, False, "IEEE MAC registrant name")
            for i in e.identifiers
            if i.kind == "mac_registrant"
        ]
        for value, primary, derived in named:
            if value in seen:
                continue
            seen.add(value)
            yield NameEntry(e.id, value, primary, derived, name_form(value, weigh))
            yield from pinyin_entries(e.id, value, weigh)
            yield from latin_entries(e.id, value, weigh)
            if e.kind == "person":
                for text in initials_spellings(value):
                    derived_from = f"{INITIALS} {value}"
                    yield NameEntry(e.id, text, False, derived_from, name_form(text, weigh))
