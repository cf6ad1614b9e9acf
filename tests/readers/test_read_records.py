"""read_records: dispatch by extension, numbering across files, files that cannot be read."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from banwatch import readers
from banwatch.errors import InputError
from banwatch.model.records import Record, RowProblem
from banwatch.readers import READERS, ColumnChoices, Reader, open_inputs, read_records
from banwatch.readers.rows import FileStream

Write = Callable[[str, bytes | str], Path]  # fixtures from conftest.py
Read = Callable[..., tuple[list[Record], list[RowProblem]]]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _parquet(path: Path, columns: dict[str, list[object]]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


def test_every_format_and_row_numbering_across_files(
    tmp_path: Path, write: Write, read: Read
) -> None:
    paths = [
        write("a.csv", "Vendor,Model\nAxis,P1\nVendor,Model\nBosch,B1\n"),
        _xlsx(tmp_path / "b.xlsx", [["Supplier"], ["Dahua"]]),
        write("c.jsonl", '{"brand": "EZVIZ"}\n'),
        _parquet(tmp_path / "d.parquet", {"company": ["Hikvision", "Uniview"]}),
    ]
    items = list(read_records(paths))
    records = [i for i in items if isinstance(i, Record)]
    assert [(r.row, r.file, r.line) for r in records] == [
        (0, str(paths[0]), 2),
        (1, str(paths[0]), 4),
        (2, str(paths[1]), 2),
        (3, str(paths[2]), 1),
        (4, str(paths[3]), 2),
        (5, str(paths[3]), 3),
    ]
    assert [r.values_for("name")[0][1] for r in records] == [
        "Axis", "Bosch", "Dahua", "EZVIZ", "Hikvision", "Uniview"
    ]  # fmt: skip
    # The problem comes in input order, between the records around it.
    assert [type(i).__name__ for i in items[:3]] == ["Record", "RowProblem", "Record"]


def _directory(tmp_path: Path, write: Write) -> Path:
    path = tmp_path / "folder.csv"
    path.mkdir()
    return path


def _zip_not_xlsx(tmp_path: Path, write: Write) -> Path:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


def _empty_sheet(tmp_path: Path, write: Write) -> Path:
    return _xlsx(tmp_path / "blank.xlsx", [])


BAD_FILES: list[tuple[str, Callable[[Path, Write], Path], str]] = [
    ("missing", lambda tmp, write: tmp / "nowhere.csv", "file not found"),
    ("directory", _directory, "is a directory"),
    ("png named csv", lambda tmp, write: write("photo.csv", PNG), "PNG image"),
    ("png named jsonl", lambda tmp, write: write("photo.jsonl", PNG), "binary"),
    ("empty csv", lambda tmp, write: write("empty.csv", b""), "empty"),
    ("blank csv", lambda tmp, write: write("blank.csv", "\n \n\n"), "no header"),
    ("empty parquet", lambda tmp, write: write("empty.parquet", b""), "empty"),
    ("text named xlsx", lambda tmp, write: write("sheet.xlsx", "Vendor\nAxis\n"), "not an XLSX"),
    ("zip named xlsx", _zip_not_xlsx, "not a readable XLSX"),
    ("empty worksheet", _empty_sheet, "no header"),
    ("csv named parquet", lambda tmp, write: write("t.parquet", "Vendor\nAxis\n"), "Parquet"),
    ("no json object", lambda tmp, write: write("t.jsonl", "[1]\n2\n"), "no JSON object"),
    ("unsupported type", lambda tmp, write: write("notes.docx", "Vendor\n"), "unsupported"),
    ("csv columns", lambda tmp, write: write("q.csv", "Qty,Country\n1,CN\n"), "no column"),
    ("tsv columns", lambda tmp, write: write("q.tsv", "Qty\tNotes\n1\tx\n"), "no column"),
    ("jsonl columns", lambda tmp, write: write("q.jsonl", '{"qty": 1}\n'), "no column"),
    (
        "xlsx columns",
        lambda tmp, write: _xlsx(tmp / "q.xlsx", [["Qty", "Country"], [1, "CN"]]),
        "no column",
    ),
    (
        "parquet columns",
        lambda tmp, write: _parquet(tmp / "q.parquet", {"qty": [1]}),
        "no column",
    ),
]


@pytest.mark.parametrize(
    ("make", "reason"), [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES]
)
def test_unreadable_files_raise_input_error_naming_the_file(
    tmp_path: Path, write: Write, make: Callable[[Path, Write], Path], reason: str
) -> None:
    path = make(tmp_path, write)
    with pytest.raises(InputError) as caught:
        list(read_records([path]))
    assert caught.value.file == str(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable_file(write: Write) -> None:
    path = write("secret.csv", "Vendor\nAxis\n")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="cannot be read"):
            list(read_records([path]))
    finally:
        path.chmod(0o600)


def test_every_path_is_checked_before_the_first_record(write: Write, tmp_path: Path) -> None:
    good = write("good.csv", "Vendor\nAxis\n")
    with pytest.raises(InputError, match=r"missing\.csv: file not found"):
        read_records([good, tmp_path / "missing.csv"])


def test_every_header_is_checked_before_the_first_record(write: Write) -> None:
    good = write("good.csv", "Vendor\nAxis\n")
    bad = write("bad.csv", "Qty\n1\n")
    with pytest.raises(InputError) as caught:
        read_records([good, bad])
    assert caught.value.file == str(bad)


def test_the_inputs_know_every_files_columns_before_reading_a_row(write: Write) -> None:
    a = write("a.csv", "Vendor,Qty\nAxis,1\n")
    b = write("b.csv", "Model No,Make\nX1,Hytera\n")
    inputs = open_inputs([a, b])
    assert [(label, cols.roles, cols.passed()) for label, cols in inputs.layout()] == [
        (str(a), {"Vendor": "name"}, ("Qty",)),
        (str(b), {"Model No": "model", "Make": "name"}, ()),
    ]
    assert [r.row for r in inputs.records() if isinstance(r, Record)] == [0, 1]


def test_path_strings_are_kept_as_given(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("rel.csv", "Vendor\nAxis\n")
    monkeypatch.chdir(path.parent)
    records = list(read_records([Path("rel.csv")]))
    assert isinstance(records[0], Record)
    assert records[0].file == "rel.csv"


def test_a_file_is_opened_once_for_its_header_and_its_rows(
    tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook is loaded whole when opened: reading it again for its rows would double that.
    Past `KEEP_OPEN` files, a file is closed after its header and opened again for its rows."""
    opens: list[str] = []

    def counted(reader: Reader) -> Reader:
        def read(path: Path, label: str, choices: ColumnChoices) -> FileStream:
            opens.append(path.name)
            return reader(path, label, choices)

        return read

    for suffix in (".xlsx", ".csv"):
        monkeypatch.setitem(READERS, suffix, counted(READERS[suffix]))
    monkeypatch.setattr(readers, "KEEP_OPEN", 2)
    book = _xlsx(tmp_path / "book.xlsx", [["Supplier"], ["Dahua"]])
    a, b = write("a.csv", "Vendor\nAxis\n"), write("b.csv", "Vendor\nHytera\n")
    inputs = open_inputs([book, a, b])
    first = [r.values for r in inputs.records() if isinstance(r, Record)]
    assert first == [{"Supplier": "Dahua"}, {"Vendor": "Axis"}, {"Vendor": "Hytera"}]
    assert opens == ["book.xlsx", "a.csv", "b.csv", "b.csv"]
    again = [r.values for r in inputs.records() if isinstance(r, Record)]
    assert again == first  # read again from the files
