"""Input readers: CSV/TSV, XLSX, JSON lines and Parquet files to screening records.

Invariants:
- `read_records` yields, in input order, one `Record` per data record and one
  `RowProblem` per row it had to skip; one bad row never loses the others.
- `Record.row` counts data records from 0 across all files of the call.
- Before yielding anything, every path is checked (exists, is a readable,
  non-empty file of a known type); before yielding anything from one file, that
  file's format, header and columns are checked. Any failure raises
  `InputError` naming the file.
- The format follows the file extension, case-insensitively.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from banwatch.errors import InputError
from banwatch.model.records import Record, RowProblem

from .columns import detect_roles
from .delimited import read_delimited
from .files import check_file
from .jsonlines import read_jsonl
from .parquet import read_parquet
from .rows import RowStream
from .xlsx import read_xlsx

__all__ = ["detect_roles", "read_records"]

Reader = Callable[[Path, str], RowStream]

READERS: dict[str, Reader] = {
    ".csv": read_delimited,
    ".tsv": read_delimited,
    ".txt": read_delimited,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".parquet": read_parquet,
}
"""File extension (lower case) to the reader for that format."""


def reader_for(path: Path, label: str) -> Reader:
    """The reader for `path`'s extension; InputError if the extension is not supported."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(READERS)
        found = f"'{path.suffix}'" if path.suffix else "no extension"
        raise InputError(f"unsupported file type ({found}); expected one of {known}", file=label)
    return reader


def read_records(paths: Sequence[Path]) -> Iterator[Record | RowProblem]:
    """Yield the records of `paths` in order, numbered from 0, and the problems met.

    Raises InputError when a file cannot be read at all; see the module docstring.
    """
    plan: list[tuple[Reader, Path, str]] = []
    for given in paths:
        path, label = Path(given), str(given)
        check_file(path, label)
        plan.append((reader_for(path, label), path, label))
    row = 0
    for reader, path, label in plan:
        for item in reader(path, label):
            if isinstance(item, RowProblem):
                yield item
                continue
            yield Record(row=row, file=label, line=item.line, values=item.values, roles=item.roles)
            row += 1
