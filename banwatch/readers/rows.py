"""What a format reader yields before `read_records` numbers it.

Invariants:
- A format reader first yields the file's `Columns` (once its header is read
  and checked), then `RawRow`s and `RowProblem`s in file order; it never
  assigns the run-wide `row` number (that is `read_records`' job, so numbering
  continues across files).
- `RawRow.line` is 1-based and points at where the record starts in the file.
- Every value is a string stripped of surrounding whitespace; a missing cell is "".
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass

from banwatch.model.records import Role, RowProblem

from .columns import Columns, unique_name


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data record of one file, not yet numbered within the run."""

    line: int
    values: dict[str, str]
    roles: dict[str, Role]


RowStream = Iterator[RawRow | RowProblem]
"""A file's rows and the problems met reading them."""

FileStream = Generator[Columns | RawRow | RowProblem, None, None]
"""What every format reader returns: the file's columns first, then its `RowStream`."""


def opened(stream: FileStream) -> tuple[Columns, RowStream]:
    """A reader's stream split into the file's columns and its rows.

    Reading the columns reads and checks the header: InputError comes from here.
    """
    columns = next(stream)
    if not isinstance(columns, Columns):  # a reader that breaks the protocol is a bug
        raise TypeError(f"a reader yielded {type(columns).__name__} before the file's columns")
    return columns, _rows(stream)


def _rows(stream: FileStream) -> RowStream:
    for item in stream:
        if isinstance(item, Columns):
            raise TypeError("a reader yielded the file's columns twice")
        yield item


def is_blank(cells: Iterable[str]) -> bool:
    """True when every cell is empty or whitespace: such rows are skipped silently."""
    return not any(cell.strip() for cell in cells)


def row_values(headers: Sequence[str], cells: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """A row's stripped cells by header, and the names given to its extra cells.

    A short row (spreadsheets leave out empty trailing cells) has its missing
    cells empty; a long row keeps each non-empty extra cell as "column N".
    """
    width = len(headers)
    given = [c.strip() for c in cells]
    values = dict(zip(headers, given[:width] + [""] * (width - len(given)), strict=True))
    extra: list[str] = []
    for position, cell in enumerate(given[width:], start=width + 1):
        if cell:
            name = unique_name(f"column {position}", values)
            values[name] = cell
            extra.append(name)
    return values, extra
