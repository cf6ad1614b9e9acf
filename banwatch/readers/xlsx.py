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
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl

from banwatch.errors import InputError
from banwatch.model.records import RowProblem

from .cells import cell_text
from .columns import ColumnChoices, Columns, file_columns
from .rows import FileStream, RawRow, RowStream, is_blank, row_values

_EXCEL_DIGITS = 15


def read_xlsx(path: Path, label: str, choices: ColumnChoices) -> FileStream:
    """Yield the columns, then the data rows, of the first worksheet of an XLSX workbook."""
    if not zipfile.is_zipfile(path):
        raise InputError("is not an XLSX workbook (not a zip archive)", file=label)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    # openpyxl raises many unrelated exception types (KeyError, BadZipFile,
    # XML parse errors...) for a damaged package; all mean the same to a user.
    except Exception as exc:
        raise InputError(f"is not a readable XLSX workbook: {exc}", file=label) from exc
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise InputError("workbook has no worksheet", file=label)
        sheet = sheets[0]
        # Some writers store a wrong sheet size; without one openpyxl reads
        # every cell present instead of trusting it.
        sheet.reset_dimensions()
        rows: Iterator[tuple[int, list[str]]] = (
            (number, [cell_text(v, float_digits=_EXCEL_DIGITS) for v in cells])
            for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
        )
        columns = _read_header(rows, label, choices)
        yield columns
        yield from _data_rows(rows, columns, label)
    finally:
        workbook.close()


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
