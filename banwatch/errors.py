"""The exception tree. Domain code raises these; entry points translate them.

Every error carries structured details (file, row, column, record id, field) so
that the CLI can print one clear line and the API can return a typed body.
"""

from __future__ import annotations


class BanwatchError(Exception):
    """Base class: anything banwatch raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        record_id: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.record_id = record_id
        self.field = field

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        if self.record_id:
            where.append(f"record {self.record_id!r}")
        if self.field:
            where.append(f"field {self.field!r}")
        return f"{': '.join(where)}: {self.message}" if where else self.message


class RegistryError(BanwatchError):
    """Raised when a registry file is missing, unreadable or fails validation."""


class InputError(BanwatchError):
    """Raised when an input file cannot be read at all (missing, binary, no usable column)."""


class UsageError(BanwatchError):
    """Raised when a caller passes an invalid option value (date, jurisdiction, sector)."""


class StoreError(BanwatchError):
    """Raised when the run store cannot be opened, migrated or queried."""


class NotFoundError(BanwatchError):
    """Raised when a named entity, measure or run does not exist."""


class OutputError(BanwatchError):
    """Raised when findings cannot be written: the output path cannot be created or replaced,
    or a write fails (a full disk, no permission)."""


class OutputClosedError(OutputError):
    """Raised when the reader of the output went away (`banwatch screen ... | head -1`)."""
