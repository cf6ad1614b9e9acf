"""Delimited text: encodings, delimiters, quoting, bad rows, big cells."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from banwatch.model.records import Record, RowProblem
from banwatch.readers import delimited
from banwatch.readers.delimited import detect_delimiter

Write = Callable[[str, bytes | str], Path]  # fixtures from conftest.py
Read = Callable[..., tuple[list[Record], list[RowProblem]]]

WESTERN_1252 = "Vendor,City\nSociété,Montréal\nMüller,Zürich\n".encode("cp1252")
ROWS = [
    ["Supplier Name", "Model", "Country"],
    ["Hikvision", "DS-2CD", "CN"],
    ["Axis", "P3265", "SE"],
]


def _text(rows: list[list[str]], delimiter: str, newline: str = "\n") -> str:
    return "".join(delimiter.join(row) + newline for row in rows)


@pytest.mark.parametrize(
    ("name", "delimiter"),
    [
        ("comma.csv", ","),
        ("semicolon.csv", ";"),
        ("tab.tsv", "\t"),
        ("tab.txt", "\t"),
        ("tab-named.csv", "\t"),
        ("pipe.csv", "|"),
    ],
)
def test_delimiters_are_detected(write: Write, read: Read, name: str, delimiter: str) -> None:
    records, problems = read(write(name, _text(ROWS, delimiter)))
    assert problems == []
    assert [r.values for r in records] == [
        {"Supplier Name": "Hikvision", "Model": "DS-2CD", "Country": "CN"},
        {"Supplier Name": "Axis", "Model": "P3265", "Country": "SE"},
    ]
    assert records[0].roles == {"Supplier Name": "name", "Model": "model", "Country": "country"}
    assert [(r.row, r.line) for r in records] == [(0, 2), (1, 3)]


@pytest.mark.parametrize(
    ("sample", "default", "expected"),
    [
        ("a,b,c\n1,2,3\n", ",", ","),
        ("a;b;c\n1,5;2,5;3\n", ",", ";"),  # decimal commas in the data
        ('name\n"Hikvision, Inc."\n"Dahua, Ltd."\n', ",", ","),  # one column
        ("name\nHikvision\n", "\t", "\t"),  # nothing to go on: the default
        ("a|b\n1|2\n", ",", "|"),
        ("vendor\tnotes\nAxis\ta, b, c\nBosch\td, e, f\n", ",", "\t"),
    ],
)
def test_detect_delimiter(sample: str, default: str, expected: str) -> None:
    assert detect_delimiter(sample, default) == expected


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("cp1252", b""),
    ],
)
def test_encodings(write: Write, read: Read, encoding: str, prefix: bytes) -> None:
    text = (
        "Vendor,City\r\n"
        "Société Générale,Montréal\r\n"
        "Müller Überwachung,Zürich\r\n"
        "Café €uro,Paris\r\n"
    )
    records, problems = read(write("western.csv", prefix + text.encode(encoding)))
    assert problems == []
    assert [r.values for r in records] == [
        {"Vendor": "Société Générale", "City": "Montréal"},
        {"Vendor": "Müller Überwachung", "City": "Zürich"},
        {"Vendor": "Café €uro", "City": "Paris"},
    ]


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("gb18030", "海康威视数字技术"), ("cp1251", "ООО Ромашка Технологии")],
)
def test_non_western_legacy_encodings(write: Write, read: Read, encoding: str, name: str) -> None:
    text = f"Vendor,Country\n{name},XX\n{name} 2,XX\n"
    records, _ = read(write("legacy.csv", text.encode(encoding)))
    assert [r.values["Vendor"] for r in records] == [name, f"{name} 2"]


def test_quoted_fields_with_newlines_keep_line_numbers(write: Write, read: Read) -> None:
    text = 'Vendor,Notes\nAxis,"first\nsecond\nthird"\n\nBosch,"a ""quoted"" word"\nDahua,x\n'
    records, problems = read(write("quoted.csv", text))
    assert problems == []
    assert [(r.line, r.values["Notes"]) for r in records] == [
        (2, "first\nsecond\nthird"),
        (6, 'a "quoted" word'),
        (7, "x"),
    ]


def test_blank_rows_and_surrounding_whitespace(write: Write, read: Read) -> None:
    text = "\n\n  Vendor , Website \n\n , \n Hikvision ,  hikvision.com\n,,\n"
    records, problems = read(write("blank.csv", text))
    assert problems == []
    assert len(records) == 1
    assert records[0].values == {"Vendor": "Hikvision", "Website": "hikvision.com"}
    assert records[0].roles == {"Vendor": "name", "Website": "domain"}
    assert records[0].line == 6


def test_no_row_is_dropped_for_its_field_count(write: Write, read: Read) -> None:
    """A short row has its missing cells empty; a long row keeps its extra cells, said once."""
    text = "Vendor,Model,Country\nAxis,P1,SE\nShort,row\nToo,many,fields,here\nBosch,B1,DE\n"
    records, problems = read(write("count.csv", text))
    assert [r.values["Vendor"] for r in records] == ["Axis", "Short", "Too", "Bosch"]
    assert [r.row for r in records] == [0, 1, 2, 3]
    assert records[1].values == {"Vendor": "Short", "Model": "row", "Country": ""}
    assert records[2].values["column 4"] == "here"
    assert [(p.file, p.line, p.message) for p in problems] == [
        (
            str(records[0].file),
            4,
            "expected 3 fields, found 4; the extra cells are kept as 'column 4'",
        ),
    ]


def test_a_repeated_header_row_is_skipped_and_said(write: Write, read: Read) -> None:
    # Exports joined end to end repeat their header.
    text = "Vendor,Model\nAxis,P1\nVendor,Model\nBosch,B1\n"
    records, problems = read(write("joined.csv", text))
    assert [r.values["Vendor"] for r in records] == ["Axis", "Bosch"]
    assert [(p.line, p.message) for p in problems] == [(3, "repeats the header row; row skipped")]


def test_trailing_empty_fields_are_accepted(write: Write, read: Read) -> None:
    records, problems = read(write("trailing.csv", "Vendor,Model\nAxis,P1,\nBosch,B1,,\n"))
    assert problems == []
    assert [r.values for r in records] == [
        {"Vendor": "Axis", "Model": "P1"},
        {"Vendor": "Bosch", "Model": "B1"},
    ]


def test_undecodable_row_is_reported_and_other_rows_read(write: Write, read: Read) -> None:
    data = (
        "Vendor,City\nSociété A,Montréal\nMüller,Zürich\n".encode()
        + b"Bad\xff\xfe Corp,Paris\n"
        + "Ærø AS,Ærøskøbing\n".encode()
    )
    records, problems = read(write("damaged.csv", data))
    assert [r.values["Vendor"] for r in records] == [
        "Société A",
        "Müller",
        "Bad\ufffd\ufffd Corp",
        "Ærø AS",
    ]
    assert records[2].values["City"] == "Paris"
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (4, "Vendor")
    assert "not valid UTF-8; each is read as U+FFFD" in problems[0].message
    assert "damaged.csv" in str(problems[0])


def test_one_megabyte_cell(write: Write, read: Read) -> None:
    big = "x" * (1024 * 1024)
    records, problems = read(write("big.csv", f'Vendor,Notes\nAxis,"{big}"\nBosch,short\n'))
    assert problems == []
    assert [len(r.values["Notes"]) for r in records] == [len(big), 5]


def test_header_only_file_has_no_records(write: Write, read: Read) -> None:
    assert read(write("header.csv", "Vendor,Model\n")) == ([], [])


def test_long_file_beyond_the_sample(write: Write, read: Read) -> None:
    rows = "".join(f"Vendor {i};Model {i}\n" for i in range(20_000))
    records, problems = read(write("long.csv", "Vendor;Model\n" + rows))
    assert problems == []
    assert len(records) == 20_000
    assert (records[-1].line, records[-1].values["Model"]) == (20_001, "Model 19999")


def test_byte_undefined_in_windows_1252_is_reported(write: Write, read: Read) -> None:
    data = WESTERN_1252 + b"X\x81Y,Z\n" + "Café,Québec\n".encode("cp1252")
    records, problems = read(write("cp1252.csv", data))
    assert [r.values["City"] for r in records] == ["Montréal", "Zürich", "Z", "Québec"]
    assert records[2].values["Vendor"] == "X\ufffdY"
    assert [(p.line, p.column) for p in problems] == [(4, "Vendor")]
    assert "not valid Windows-1252" in problems[0].message


def test_rows_after_an_oversized_cell_are_read(
    write: Write, read: Read, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = csv.field_size_limit()
    monkeypatch.setattr(delimited, "FIELD_LIMIT", 1000)
    csv.field_size_limit(1000)
    try:
        text = 'Vendor,Notes\nAxis,"' + "x" * 2000 + '"\nBosch,ok\n'
        records, problems = read(write("oversized.csv", text))
    finally:
        csv.field_size_limit(previous)
    assert [r.values["Vendor"] for r in records] == ["Bosch"]
    assert [p.line for p in problems] == [2]
    assert "field larger than field limit" in problems[0].message
