"""Input records as readers hand them to screening, and the problems they report.

A reader never raises for one bad row: it yields a `RowProblem` and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["name", "model", "mac", "domain", "country", "kind", "date", "fcc_id", "text"]
"""What a recognised column holds. `name` covers name, supplier, vendor,
manufacturer and brand columns; `kind` the kind of product (camera, router,
phone ...), `date` the day the item was bought or acquired; `fcc_id` an FCC ID,
`text` free text (a description or notes)."""


@dataclass(frozen=True)
class Record:
    """One data record: its cells by header, in file order, and the roles of its columns."""

    row: int  # index among the data records of the whole run, from 0
    file: str
    line: int  # physical line (CSV, JSON lines) or sheet row (XLSX) for messages; 1-based
    values: dict[str, str]
    roles: dict[str, Role] = field(default_factory=dict)  # header -> role, recognised columns only

    def values_for(self, role: Role) -> list[tuple[str, str]]:
        """(header, value) of every non-empty cell whose column has this role."""
        return [
            (h, v) for h, v in self.values.items() if self.roles.get(h) == role and v and v.strip()
        ]


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be read, or a cell that could not be used."""

    file: str
    line: int | None
    message: str
    column: str | None = None
    row: int | None = None  # the record's `row` when the record itself is still screened

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f": line {self.line}"
        if self.column:
            where += f": column {self.column!r}"
        return f"{where}: {self.message}"
