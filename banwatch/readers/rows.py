"""What a format reader yields before `read_records` numbers it.

Invariants:
- A format reader yields `RawRow`s and `RowProblem`s in file order; it never
  assigns the run-wide `row` number (that is `read_records`' job, so numbering
  continues across files).
- `RawRow.line` is 1-based and points at where the record starts in the file.
- Every value is a string stripped of surrounding whitespace; a missing cell is "".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from banwatch.model.records import Role, RowProblem


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data record of one file, not yet numbered within the run."""

    line: int
    values: dict[str, str]
    roles: dict[str, Role]


RowStream = Iterator[RawRow | RowProblem]
"""What every format reader returns."""


def is_blank(cells: Iterable[str]) -> bool:
    """True when every cell is empty or whitespace: such rows are skipped silently."""
    return not any(cell.strip() for cell in cells)
