"""Reading a model cell against vendors' patterns: the whole cell, or its bracketed tail apart."""

from __future__ import annotations

import pytest

from banwatch.matching.model_numbers import ModelIndex
from banwatch.model.entities import ModelPattern

HIKVISION = ModelPattern(
    entity="hikvision",
    pattern=r"DS-2CD\d[0-9A-Z]{3,8}(?:[-/][0-9A-Z().]+)*",
    description="test",
    examples=["DS-2CD2143G2-I"],
    source="https://example.org/models",
)
NARROW = ModelPattern(
    entity="narrow",
    pattern=r"ERI-K\d{3}-P\d",
    description="test",
    examples=["ERI-K104-P4"],
    source="https://example.org/models",
)
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


@pytest.mark.parametrize("cell", ["ERI-K104-P4 (NVR) x", "(C)", "", "ERI-K104 (P4)"])
def test_only_a_tail_is_taken_apart(cell: str) -> None:
    assert INDEX.search(cell) == []
