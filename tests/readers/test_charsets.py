"""Encoding detection for delimited files, from a sample of their bytes."""

from __future__ import annotations

import codecs

import pytest

from banwatch.readers.charsets import MARK_ERRORS, detect_encoding, has_undecodable

WESTERN = "Vendor,City\nSociété Générale,Montréal\nMüller Überwachung,Zürich\nBlåbær AS,Ærø\n"


@pytest.mark.parametrize(
    ("sample", "truncated", "expected"),
    [
        (b"Vendor\nAxis\n", False, "utf-8"),
        (WESTERN.encode(), False, "utf-8"),
        (codecs.BOM_UTF8 + WESTERN.encode(), False, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + WESTERN.encode("utf-16-le"), False, "utf-16"),
        (codecs.BOM_UTF32_LE + WESTERN.encode("utf-32-le"), False, "utf-32"),
        (WESTERN.encode("cp1252"), False, "cp1252"),
        ("Vendor\nCafé €uro\n".encode("cp1252"), False, "cp1252"),
        ("供应商,型号\n海康威视,DS-2CD\n大华,IPC\n".encode("gb18030"), False, "gb18030"),
        ("Vendor\nООО Ромашка Технологии\n".encode("cp1251"), False, "cp1251"),
        # mostly UTF-8: one damaged line among good ones stays UTF-8
        (WESTERN.encode() + b"Bad\xff Corp,Paris\n", False, "utf-8"),
        # a multi-byte character cut by the end of the sample is not damage
        ("Vendor\nSociété\n".encode()[:-3], True, "utf-8"),
        # ASCII but for a couple of stray bytes: too little to leave Windows-1252
        (b"Vendor\nAxis\nBad\xff\xfe Corp\n", False, "cp1252"),
    ],
)
def test_detect_encoding(sample: bytes, truncated: bool, expected: str) -> None:
    assert detect_encoding(sample, truncated=truncated) == expected


@pytest.mark.parametrize(
    ("data", "encoding", "bad"),
    [
        (b"plain", "utf-8", False),
        ("Société".encode(), "utf-8", False),
        (b"Bad\xff", "utf-8", True),
        (b"Bad\x81", "cp1252", True),  # a byte Windows-1252 leaves undefined
        (b"\xe9t\xe9", "cp1252", False),
        (b"\x81\x20", "gb18030", True),
    ],
)
def test_marked_bytes_are_found(data: bytes, encoding: str, bad: bool) -> None:
    assert has_undecodable(data.decode(encoding, errors=MARK_ERRORS)) is bad
