"""Reading a model cell against vendors' patterns: the whole cell, its bracketed tail apart,
a code's first word alone, or a model after its maker's name."""

from __future__ import annotations

import pytest

from banwatch.matching.matcher import Matcher
from banwatch.matching.model_numbers import ModelIndex, makers_of
from banwatch.model.entities import ModelPattern
from banwatch.model.registry import Registry


def pattern(entity: str, regex: str, example: str) -> ModelPattern:
    return ModelPattern(
        entity=entity,
        pattern=regex,
        description="test",
        examples=[example],
        source="https://example.org/models",
    )


HIKVISION = pattern("hikvision", r"DS-2CD\d[0-9A-Z]{3,8}(?:[-/][0-9A-Z().]+)*", "DS-2CD2143G2-I")
NARROW = pattern("narrow", r"ERI-K\d{3}-P\d", "ERI-K104-P4")
INDEX = ModelIndex([HIKVISION, NARROW])


@pytest.mark.parametrize(
    ("cell", "entity"),
    [
        ("DS-2CD2H46G2-IZS (C)", "hikvision"),  # a revision written apart, read joined
        ("DS-2CD2H46G2-IZS(C)", "hikvision"),
        ("ERI-K104-P4 (NVR)", "narrow"),  # a note the pattern does not take, left out
        ("  ds-2cd2143g2-i  ", "hikvision"),
    ],
)
def test_a_bracketed_tail_written_apart_does_not_hide_the_model(cell: str, entity: str) -> None:
    hits = INDEX.search(cell)
    assert [h.pattern.entity for h in hits] == [entity]
    assert hits[0].value == " ".join(cell.split())  # the finding shows the cell as written


@pytest.mark.parametrize("cell", ["x ERI-K104-P4 (NVR)", "(C)", "", "ERI-K104 (P4)"])
def test_only_a_tail_is_taken_apart(cell: str) -> None:
    assert INDEX.search(cell) == []


SHORT = pattern("short", r"C6N(?: G1)?", "C6N")
MAKERS = ModelIndex([HIKVISION, NARROW, SHORT], {"acme": frozenset({"narrow"})})


@pytest.mark.parametrize(
    "cell",
    ["DS-2CD2T83G0 8MP", "DS-2CD2132-I ONVIF", "DS-2CD2143G0-I - 4MP", "DS-2CD2143G2-I(/EU)"],
)
def test_words_typed_after_a_code_do_not_hide_it(cell: str) -> None:
    hits = MAKERS.search(cell)
    assert [h.pattern.entity for h in hits] == ["hikvision"]
    assert hits[0].value == cell


@pytest.mark.parametrize("cell", ["C6N camera", "C6N G1 4K", "C6N-G1 x"])
def test_a_short_first_word_is_not_read_alone(cell: str) -> None:
    # A short series name is completed by the words after it, never cut from them.
    assert MAKERS.search(cell) == []


def test_a_model_after_its_makers_name_is_read_as_that_makers_only() -> None:
    hits = MAKERS.search("ACME ERI-K104-P4")
    assert [(h.pattern.entity, h.value) for h in hits] == [("narrow", "ACME ERI-K104-P4")]
    assert MAKERS.search("Acme DS-2CD2143G2-I") == []  # another maker's code
    assert MAKERS.search("Other ERI-K104-P4") == []  # not a maker's name


def test_makers_are_one_word_names_with_their_firms_and_brands(registry: Registry) -> None:
    makers = makers_of(registry)
    assert makers["amcrest"] == {"amcrest"}
    assert {"huawei", "huawei-device"} <= makers["huawei"]  # Huawei Device: an affiliate
    assert "hikvision-hiwatch" in makers["hikvision"]  # a brand of Hikvision
    assert all(w.isalpha() and len(w) >= 3 for w in makers)
    assert "hangzhou" not in makers  # the first word of a legal name is not a maker's name


@pytest.mark.parametrize(
    ("cell", "family"),
    [
        ("Amcrest IP5M-T1179E", "amcrest"),
        ("IMOU IPC-K22A", "huacheng"),
        ("IP5M-T1179EW 28MM", "amcrest"),
        ("DS-2CD2T83G0 8MP", "hikvision"),
    ],
)
def test_the_registry_reads_makers_and_notes(matcher: Matcher, cell: str, family: str) -> None:
    assert family in {h.pattern.entity for h in matcher.models.search(cell)}


@pytest.mark.parametrize("cell", ["Bosch F6600", "Axis M3106-L", "B450 motherboard"])
def test_other_makers_codes_stay_unread(matcher: Matcher, cell: str) -> None:
    assert matcher.models.search(cell) == []
