"""Persons written with initials ("J. M. Smith") read as the listed person, below certainty."""

from __future__ import annotations

from functools import cache

import pytest

from banwatch.matching.initials import initials_spellings
from banwatch.matching.matcher import DEFAULT_CONFIG, Matcher, compile_matcher
from banwatch.model.entities import Entity
from banwatch.model.records import Record
from banwatch.model.registry import SourceData
from banwatch.registry.loader import load_registry

SOURCE = "https://www.trade.gov/consolidated-screening-list"


def test_some_words_never_all_become_initials() -> None:
    assert initials_spellings("John Smith") == ["J. Smith", "John S."]
    assert "J. M. Smith" in initials_spellings("John Michael Smith")
    assert "J.M. Smith" in initials_spellings("John Michael Smith")  # "J.M." reads as one word
    assert "J. M. S." not in initials_spellings("John Michael Smith")


def test_a_family_name_before_a_comma_stays_written_out() -> None:
    assert initials_spellings("SMITH, John Michael") == [
        "Smith J. M.",
        "Smith J. Michael",
        "Smith J.M.",
        "Smith John M.",
    ]


@pytest.mark.parametrize("name", ["Smith", "J. Smith", "John 2 Smith", "A B C D E"])
def test_names_that_give_no_spelling(name: str) -> None:
    # One word, initials already, a number, or more words than a person's name has.
    assert initials_spellings(name) == []


@cache
def _matcher() -> Matcher:
    people = (
        Entity(id="p-smith", name="SMITH, John Michael", kind="person", sources=[SOURCE]),
        Entity(id="p-sidorov", name="Ivan Petrovich Sidorov", kind="person", sources=[SOURCE]),
        Entity(id="o-smith", name="John Smith Trading", sources=[SOURCE]),
    )
    source = SourceData(name="test-persons", version="1", entities=people, measures=())
    return compile_matcher(load_registry(sources=[source]))


def _read(name: str) -> dict[str, tuple[float, str]]:
    matches, *_ = _matcher().match(Record(0, "test", 2, {"supplier": name}, {"supplier": "name"}))
    return {m.entity_id: (m.score, " ".join(f.explanation for f in m.features)) for m in matches}


@pytest.mark.parametrize(
    "written",
    ["J. M. Smith", "John M. Smith", "Smith J.M.", "SMITH J. M.", "J.M. SMITH"],
)
def test_a_person_written_with_initials_is_review(written: str) -> None:
    score, why = _read(written)["p-smith"]
    assert DEFAULT_CONFIG.threshold <= score < DEFAULT_CONFIG.certain
    assert "initial" in why


def test_patronymic_initials_read_as_the_person() -> None:
    assert "p-sidorov" in _read("Sidorov I.P.")
    assert "p-sidorov" in _read("I. P. Sidorov")


def test_the_full_name_stays_certain_and_organisations_get_no_initials() -> None:
    assert _read("John Michael Smith")["p-smith"][0] == 1.0
    assert "o-smith" not in _read("J. S. Trading")
