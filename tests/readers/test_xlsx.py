"""XLSX workbooks built with openpyxl: first sheet, typed cells, header position."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest

from banwatch.model.records import Record, RowProblem

Read = Callable[..., tuple[list[Record], list[RowProblem]]]  # fixture from conftest.py


def _workbook(path: Path, rows: Sequence[Sequence[object]], first_row: int = 1) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Assets"
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=first_row + offset, column=column, value=value)
    other = workbook.create_sheet("Ignored")
    other.append(["Vendor"])
    other.append(["Not read"])
    workbook.save(path)
    return path


def test_first_sheet_with_header_below_blank_rows(tmp_path: Path, read: Read) -> None:
    rows: list[list[object]] = [
        ["Supplier Name", "MAC_Address", "Qty"],
        ["Hikvision", "4C:BD:8F:00:00:01", 3],
    ]
    records, problems = read(_workbook(tmp_path / "assets.xlsx", rows, first_row=3))
    assert problems == []
    assert len(records) == 1
    record = records[0]
    assert (record.row, record.line, record.file) == (0, 4, str(tmp_path / "assets.xlsx"))
    assert record.values == {
        "Supplier Name": "Hikvision",
        "MAC_Address": "4C:BD:8F:00:00:01",
        "Qty": "3",
    }
    assert record.roles == {"Supplier Name": "name", "MAC_Address": "mac"}


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (12.0, "12"),
        (12, "12"),
        (12.5, "12.5"),
        (0.1 + 0.2, "0.3"),
        (123456789012.0, "123456789012"),
        (True, "true"),
        (dt.datetime(2025, 6, 27), "2025-06-27"),
        (dt.datetime(2025, 6, 27, 14, 30), "2025-06-27T14:30:00"),
        ("  padded  ", "padded"),
        (None, ""),
    ],
)
def test_cell_values_become_text(tmp_path: Path, read: Read, cell: object, text: str) -> None:
    rows: list[list[object]] = [["Vendor", "Value"], ["Axis", cell]]
    path = _workbook(tmp_path / "typed.xlsx", rows)
    records, _ = read(path)
    assert records[0].values["Value"] == text


def test_blank_rows_short_rows_and_cells_beyond_the_header(tmp_path: Path, read: Read) -> None:
    rows: list[list[object]] = [
        ["Vendor", "Model", None],
        ["Axis"],
        [None, None],
        ["Bosch", "B1", None, "stray note"],
    ]
    records, problems = read(_workbook(tmp_path / "ragged.xlsx", rows))
    assert problems == []
    assert [(r.line, r.values) for r in records] == [
        (2, {"Vendor": "Axis", "Model": ""}),
        (4, {"Vendor": "Bosch", "Model": "B1", "column 4": "stray note"}),
    ]
    assert records[1].roles == {"Vendor": "name", "Model": "model"}


def test_duplicate_and_empty_headers(tmp_path: Path, read: Read) -> None:
    rows: list[list[object]] = [["Vendor", None, "Vendor"], ["Axis", "x", "Axis AB"]]
    records, _ = read(_workbook(tmp_path / "dups.xlsx", rows))
    assert records[0].values == {"Vendor": "Axis", "column 2": "x", "Vendor (2)": "Axis AB"}
    assert records[0].roles == {"Vendor": "name", "Vendor (2)": "name"}
