"""XLSX workbook input (first worksheet), streamed with openpyxl's read-only mode.

Invariants:
- Only the first worksheet is read, cached formula results rather than
  formulas (a workbook never opened in Excel has no cached results, so its
  formula cells read as empty).
- The first non-empty row is the header; rows above it are ignored.
- `line` is the sheet row number, as Excel shows it.
- A cell right of the last header holds a value that would otherwise be lost:
  it is kept under "column N" (N the sheet column number), with no role.
- Numbers, dates and booleans become text through `cells.cell_text`, at the
  15 significant digits Excel displays.
- The sheet's XML is parsed once. `openpyxl.load_workbook(read_only=True)`
  first looks for each sheet's stored size, and a sheet that has none (what
  openpyxl's own write-only mode writes) is parsed whole for it: a second
  parse of the first sheet, and one of every other sheet. So the parts
  `load_workbook` reads for the values (the package's manifest, the shared
  strings, the workbook with its date system, the styles' date formats) are
  read by openpyxl's `ExcelReader` step by step, and the first worksheet's rows
  by openpyxl's own `WorkSheetParser`, placed in rows as its read-only
  worksheet places them (`_values`): the same values, in the same places.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from defusedxml.ElementTree import iterparse
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import DIMENSION_TAG, WorkSheetParser

from banwatch.errors import InputError
from banwatch.model.records import RowProblem

from .cells import cell_text
from .columns import ColumnChoices, Columns, file_columns
from .rows import FileStream, RawRow, RowStream, is_blank, row_values

_EXCEL_DIGITS = 15
_DATA_TAG = DIMENSION_TAG.replace("dimension", "sheetData")


def read_xlsx(path: Path, label: str, choices: ColumnChoices) -> FileStream:
    """Yield the columns, then the data rows, of the first worksheet of an XLSX workbook."""
    if not zipfile.is_zipfile(path):
        raise InputError("is not an XLSX workbook (not a zip archive)", file=label)
    try:
        reader = _opened(path, styles=True)
    # openpyxl raises many unrelated exception types (KeyError, BadZipFile,
    # XML parse errors...) for a damaged package; all mean the same to a user.
    except Exception as exc:
        raise InputError(f"is not a readable XLSX workbook: {exc}", file=label) from exc
    try:
        sheet = first_sheet(reader)
        if sheet is None:
            raise InputError("workbook has no worksheet", file=label)
        with reader.archive.open(sheet) as source:
            rows: Iterator[tuple[int, list[str]]] = (
                (number, [cell_text(v, float_digits=_EXCEL_DIGITS) for v in cells])
                for number, cells in enumerate(_values(reader, source), 1)
            )
            columns = _read_header(rows, label, choices)
            yield columns
            yield from _data_rows(rows, columns, label)
    finally:
        reader.archive.close()


def _opened(path: Path, *, styles: bool) -> ExcelReader:
    """`load_workbook(path, read_only=True, data_only=True)` up to its worksheets: the
    manifest, shared strings and workbook read (and the styles, for the dates' formats)."""
    reader = ExcelReader(path, read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        if styles:
            apply_stylesheet(reader.archive, reader.wb)
    except BaseException:
        reader.archive.close()
        raise
    return reader


def first_sheet(reader: ExcelReader) -> str | None:
    """The package path of the workbook's first worksheet (`workbook.worksheets[0]`: sheets
    whose part is missing, and chart sheets, are not worksheets), or None."""
    for _sheet, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
            return str(rel.target)
    return None


def _values(reader: ExcelReader, source: IO[bytes]) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows of values, as `ReadOnlyWorksheet.iter_rows(values_only=True)` gives
    them with no stored size: a missing row as (), each row as long as its last cell."""
    wb = reader.wb
    parser = WorkSheetParser(
        source,
        reader.shared_strings,
        data_only=True,
        epoch=wb.epoch,
        date_formats=wb._date_formats,
        timedelta_formats=wb._timedelta_formats,
    )
    counter = 1
    for number, cells in parser.parse():
        while counter < number:  # rows the sheet leaves out
            counter += 1
            yield ()
        if counter > number:  # a row numbered at or before one read: openpyxl skips it
            continue
        counter += 1
        if not cells:
            yield ()
            continue
        row: list[Any] = [None] * cells[-1]["column"]
        for cell in cells:
            if 1 <= cell["column"] <= len(row):
                row[cell["column"] - 1] = cell["value"]
        yield tuple(row)


def stored_rows(path: Path) -> int | None:
    """The rows the first worksheet says it spans (its `dimension`), read from the head of
    its XML, or None when it says nothing (what `ReadOnlyWorksheet.max_row` gives)."""
    reader = _opened(path, styles=False)
    try:
        sheet = first_sheet(reader)
        if sheet is None:
            return None
        with reader.archive.open(sheet) as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    max_row = range_boundaries(str(element.get("ref")))[3]
                    return int(max_row) if max_row is not None else None
                if element.tag == _DATA_TAG:
                    return None
        return None
    finally:
        reader.archive.close()


def _read_header(
    rows: Iterator[tuple[int, list[str]]], label: str, choices: ColumnChoices
) -> Columns:
    for _, cells in rows:
        if is_blank(cells):
            continue
        # Formatted but empty cells often trail the header; they are not columns.
        while cells and not cells[-1]:
            cells.pop()
        return file_columns(cells, choices, label)
    raise InputError("has no header row: the first worksheet is empty", file=label)


def _data_rows(rows: Iterator[tuple[int, list[str]]], columns: Columns, label: str) -> RowStream:
    for number, cells in rows:
        if is_blank(cells):
            continue
        if columns.repeated_by(cells):
            yield RowProblem(label, number, "repeats the header row; row skipped")
            continue
        values, _ = row_values(columns.headers, cells)
        yield RawRow(number, values, dict(columns.roles))
