"""FCC IDs: the grantee code is read from a whole cell, or from free text after the label."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.matching.fcc import (
    MAX_PRODUCT_CHARS,
    FccId,
    fcc_ids_in_cell,
    fcc_ids_in_text,
    parse_fcc_id,
)
from banwatch.matching.matcher import Evidence, Matcher
from banwatch.model.records import Record, Role

# Real FCC IDs as printed on fcc.report's pages of the grants (Hikvision's 2ADTD, DJI's SS3).
WHOLE_CELLS = [
    ("2ADTD-5604SD", FccId("2ADTD", "5604SD")),
    ("2adtd5604sd", FccId("2ADTD", "5604SD")),
    ("SS3-W3281705", FccId("SS3", "W3281705")),
    ("SS3W3281705", FccId("SS3", "W3281705")),
    ("ss3-ps512m21610", FccId("SS3", "PS512M21610")),
    ("  SS3 - 201309001 ", FccId("SS3", "201309001")),
    ("FCC ID: 2ADTD-5604SD", FccId("2ADTD", "5604SD")),
    ("FCCID 2ADTD-5604SD", FccId("2ADTD", "5604SD")),
    ("ＳＳ３－Ｗ３２８１７０５", FccId("SS3", "W3281705")),  # full-width forms
    ("SS3\u2014201309001", FccId("SS3", "201309001")),  # an em dash, as OCR gives it
]


@pytest.mark.parametrize(("cell", "expected"), WHOLE_CELLS)
def test_a_whole_cell_is_split_into_grantee_and_product(cell: str, expected: FccId) -> None:
    assert parse_fcc_id(cell) == expected


NOT_FCC_IDS = [
    "",
    "2ADTD",  # a grantee code alone has no product code
    "SS3",
    "1ADTD-5604SD",  # grantee codes never start with 0 or 1
    "S03-W3281705",  # nor contain them
    "2ADTD-",
    "2ADTD--5604SD",  # consecutive hyphens
    "2ADTD-ABCDEFGHIJKLMNO",  # a product code of 15 characters
    "Hikvision",  # "HIK" + "VISION" would be an FCC ID only in an FCC ID column: see below
    "N/A",
    "2ADTD 5604SD extra",
]


@pytest.mark.parametrize("cell", [c for c in NOT_FCC_IDS if c != "Hikvision"])
def test_what_is_not_an_fcc_id(cell: str) -> None:
    assert parse_fcc_id(cell) is None


def test_a_column_of_fcc_ids_reads_any_word_of_the_right_shape() -> None:
    # A column headed "FCC ID" is trusted to hold FCC IDs: the shape alone decides.
    assert parse_fcc_id("Hikvision") == FccId("HIK", "VISION")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2ADTD-5604SD; SS3-W3281705", [FccId("2ADTD", "5604SD"), FccId("SS3", "W3281705")]),
        ("2ADTD-5604SD, 2ADTD-5604SD", [FccId("2ADTD", "5604SD")]),
        ("2ADTD-5604SD / N.A.", None),
        ("", None),
    ],
)
def test_a_cell_may_hold_several(cell: str, expected: list[FccId] | None) -> None:
    assert fcc_ids_in_cell(cell) == expected


TEXTS = [
    ("Camera DS-2CD2143G2-I, FCC ID: 2ADTD-5604SD", [FccId("2ADTD", "5604SD")]),
    ("fcc id 2adtd5604sd (label on the base)", [FccId("2ADTD", "5604SD")]),
    ("FCC-ID: SS3-W3281705.", [FccId("SS3", "W3281705")]),
    ("FCC ID No. SS3-PS512M21610", [FccId("SS3", "PS512M21610")]),
    ("FCC ID：SS3－W3281705", [FccId("SS3", "W3281705")]),
    (
        "FCC ID: SS3-W3281705; FCC ID: 2ADTD-5604SD",
        [FccId("SS3", "W3281705"), FccId("2ADTD", "5604SD")],
    ),
    # Without the label nothing is read, however much a code looks like an FCC ID.
    ("SS3-W3281705", []),
    ("model 2ADTD-5604SD", []),
    ("FCC Part 15 class B; ID 2ADTD-5604SD", []),
    ("FCC ID: pending", [FccId("PEN", "DING")]),  # read, and matches no grantee code
    ("FCC ID: N/A", []),
    ("XFCC ID: 2ADTD-5604SD", []),  # the label must stand on its own
]


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_free_text_is_read_only_after_the_label(text: str, expected: list[FccId]) -> None:
    assert fcc_ids_in_text(text) == expected


# ------------------------------------------------------------------ properties ---

CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
grantees = st.one_of(
    st.tuples(st.sampled_from(LETTERS), st.text(CODE_CHARS, min_size=2, max_size=2)).map("".join),
    st.tuples(st.sampled_from("23456789"), st.text(CODE_CHARS, min_size=4, max_size=4)).map(
        "".join
    ),
)
products = (
    st.lists(
        st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=5),
        min_size=1,
        max_size=3,
    )
    .map("-".join)
    .filter(lambda p: len(p) <= MAX_PRODUCT_CHARS)
)
fcc_ids = st.builds(FccId, grantees, products)


@given(fcc_ids)
def test_an_fcc_id_prints_back_and_parses_to_itself(fcc: FccId) -> None:
    assert parse_fcc_id(str(fcc)) == fcc


@given(st.data(), fcc_ids, st.sampled_from(["", "-", " - ", " "]))
def test_case_and_separator_never_change_the_split(
    data: st.DataObject, fcc: FccId, sep: str
) -> None:
    written = fcc.grantee + sep + fcc.product
    cased = "".join(c.lower() if data.draw(st.booleans()) else c for c in written)
    assert parse_fcc_id(cased) == fcc


@given(fcc_ids, st.text(" abcdefgh,.;", max_size=10), st.sampled_from([": ", " ", ":", "# "]))
def test_a_labelled_fcc_id_is_found_in_any_text(fcc: FccId, before: str, colon: str) -> None:
    text = f"{before} FCC ID{colon}{fcc} and more"
    assert fcc in fcc_ids_in_text(text)


@given(st.text(max_size=60))
def test_text_without_the_label_holds_no_fcc_id(text: str) -> None:
    if "FCC" not in text.upper():
        assert fcc_ids_in_text(text) == []


@given(st.text(max_size=40))
def test_what_a_cell_gives_is_always_a_well_formed_fcc_id(text: str) -> None:
    fcc = parse_fcc_id(text)
    if fcc is not None:
        assert parse_fcc_id(str(fcc)) == fcc
        assert len(fcc.grantee) in (3, 5)
        assert not set("01") & set(fcc.grantee)
        assert 1 <= len(fcc.product) <= MAX_PRODUCT_CHARS


# ------------------------------------------------------- against the real registry ---

ROLES: dict[str, Role] = {"fcc": "fcc_id", "model": "model", "notes": "text", "supplier": "name"}


def _match(matcher: Matcher, **cells: str) -> tuple[list[Evidence], list[str]]:
    return matcher.match(Record(0, "t.csv", 2, dict(cells), {k: ROLES[k] for k in cells}))


@pytest.mark.parametrize(
    ("cells", "entity", "grantee"),
    [
        ({"fcc": "2ADTD-5604SD"}, "hikvision", "2ADTD"),
        ({"fcc": "ss3-ps512m21610"}, "dji-autel", "SS3"),
        ({"fcc": "QISVOG-LX9"}, "huawei", "QIS"),
        ({"fcc": "SRQ-MF296C"}, "zte", "SRQ"),
        ({"fcc": "Q78-UV760"}, "zte", "Q78"),
        ({"fcc": "YAMPD79XISU1"}, "hytera", "YAM"),
        ({"fcc": "2AVYF-IPC-F42FX"}, "huacheng", "2AVYF"),
        ({"model": "DS-MP5604-SD (FCC ID: 2ADTD-5604SD)"}, "hikvision", "2ADTD"),
        ({"notes": "remote controller, label reads FCC ID SS3-W3281705"}, "dji-autel", "SS3"),
    ],
)
def test_an_fcc_id_names_its_grantee(
    matcher: Matcher, cells: dict[str, str], entity: str, grantee: str
) -> None:
    found, warnings = _match(matcher, **cells)
    assert not warnings
    assert found[0].entity_id == entity
    assert found[0].matched_on == "identifier"
    assert found[0].score == matcher.config.fcc_score
    (feature,) = found[0].features
    assert feature.feature == "fcc_id"
    assert f"grantee code {grantee}" in feature.explanation


@pytest.mark.parametrize(
    "cells",
    [
        {"fcc": "BCG-E2816A"},  # a grantee code no registry entity holds
        {"model": "SS3-W3281705"},  # no "FCC ID" label in a model cell
        {"notes": "shipped with SS3-W3281705 and 2ADTD-5604SD"},  # nor in free text
    ],
)
def test_no_grantee_no_match(matcher: Matcher, cells: dict[str, str]) -> None:
    found, warnings = _match(matcher, **cells)
    assert found == []
    assert warnings == []


def test_a_cell_of_an_fcc_id_column_that_is_no_fcc_id_is_a_warning(matcher: Matcher) -> None:
    found, warnings = _match(matcher, fcc="n/a (wired only)")
    assert found == []
    assert warnings == ["column 'fcc': 'n/a (wired only)' is not an FCC ID; ignored"]


def test_the_fcc_id_adds_to_the_name_from_another_column(matcher: Matcher) -> None:
    found, _ = _match(
        matcher, supplier="Hangzhou Hikvision Digital Technology Co., Ltd.", fcc="2ADTD-5604SD"
    )
    assert found[0].entity_id == "hikvision"
    assert {f.feature for f in found[0].features} == {"name", "fcc_id"}


def test_every_grantee_code_is_held_by_one_entity(matcher: Matcher) -> None:
    held = [
        (i.value, e.id)
        for e in matcher.registry.entities.values()
        for i in e.identifiers
        if i.kind == "fcc_grantee"
    ]
    assert held
    assert len({code for code, _ in held}) == len(held)
    for code, _ in held:
        assert parse_fcc_id(f"{code}-X") == FccId(code, "X"), code
