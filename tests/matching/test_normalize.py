"""Normalisation: case, punctuation, legal forms, scripts; idempotent and pure."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.matching.normalize import (
    _CJK,
    MAX_NAME_CHARS,
    _words_general,
    is_cjk,
    name_form,
    normalise,
    to_simplified,
    words,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Hangzhou Hikvision Digital Technology Co., Ltd.",
            "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD",
        ),
        (
            "Hangzhou Hikvision Digital Tech. Co.",
            "Hangzhou Hikvision Digital Technology Company Limited",
        ),
        ("ZTE Corp.", "ZTE Corporation"),
        ("Prama Hikvision India Pvt Ltd", "Prama Hikvision India Private Limited"),
        ("Mobotix AG", "MOBOTIX"),
        ("Dahua Europe B.V.", "Dahua Europe BV"),
        ("Nokia Solutions and Networks Oy", "nokia solutions & networks"),
        ("HIK Vision", "Hikvision"),
        ("杭州海康威視數字技術股份有限公司", "杭州海康威视数字技术股份有限公司"),
        ("Ｈｉｋｖｉｓｉｏｎ　（ＵＳＡ）", "Hikvision (USA)"),
        ("China Telecom (Americas) Corp", "China Telecom Americas Corporation"),
    ],
)
def test_same_full_key(a: str, b: str) -> None:
    assert name_form(a).full_key == name_form(b).full_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hangzhou Hikvision Digital Technology Co., Ltd.",
            ["hangzhou", "hikvision", "digital", "technology"],
        ),
        ("浙江大华技术股份有限公司", ["浙江", "大华", "技术"]),
        ("Kaspersky Lab, Inc.", ["kaspersky", "lab"]),
        ("Intl Mfg Sys GmbH", ["international", "manufacturing", "systems"]),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_traditional_script_is_simplified() -> None:
    assert to_simplified("華為技術") == "华为技术"
    assert to_simplified("Huawei") == "Huawei"


def test_a_huge_cell_is_cut_short() -> None:
    assert len(normalise("Hikvision " * 100_000)) <= 300


@given(st.text(max_size=80))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(max_size=80))
def test_name_form_is_deterministic_and_weighted(text: str) -> None:
    a, b = name_form(text), name_form(text)
    assert a == b
    assert all(0 < w <= 1 for w in a.weights)


# Characters at and around the edges of the Chinese ranges, and any others.
EDGES = [chr(c + d) for c in (0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF) for d in (-1, 0, 1)]


@given(st.text(alphabet=st.sampled_from(EDGES) | st.characters(), max_size=3))
def test_is_cjk_is_the_first_character_in_the_chinese_ranges(token: str) -> None:
    assert is_cjk(token) == bool(re.match(f"[{_CJK}]", token))


# ASCII names with what they hold: dotted initials, apostrophes, legal forms,
# abbreviations, stopwords, separators of every kind.
NAME_PARTS = st.sampled_from(
    [
        "B.V.",
        "S.p.A.",
        "u.s.a.",
        "a.b",
        "O'Brien",
        "d`or",
        "'",
        "`",
        ".",
        ",",
        "&",
        "_",
        "-",
        " ",
        "  ",
        "\t",
        "\n",
        "\x00",
        "\x7f",
        "Co.",
        "LTD",
        "Intl",
        "Tech.",
        "and",
        "THE",
        "Hikvision",
        "x1",
        "42",
        "Ltd.'",
        ".'B.",
    ]
)


@given(st.lists(NAME_PARTS | st.text(alphabet=st.characters(max_codepoint=127)), max_size=12))
def test_ascii_words_are_the_general_words(parts: list[str]) -> None:
    text = "".join(parts)
    assert words(text) == _words_general(text)


@given(st.text(alphabet=st.characters(max_codepoint=127), min_size=MAX_NAME_CHARS))
def test_ascii_words_of_a_long_name_are_the_general_words(text: str) -> None:
    assert words(text) == _words_general(text)
    assert words(text + "é") == words(text)  # cut before anything past the limit is read
