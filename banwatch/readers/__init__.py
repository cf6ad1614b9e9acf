"""Input readers: CSV/TSV, XLSX, JSON lines, Parquet and nmap XML files to screening records.

Invariants:
- `read_records` yields, in input order, one `Record` per data record and one
  `RowProblem` per row it had to skip; one bad row never loses the others.
- `Record.row` counts data records from 0 across all files of the call.
- `open_inputs` checks every path (exists, is a readable, non-empty file of a
  known type) and reads and checks every file's header (its columns, those
  named by `--column` among them) before any record is read. Any failure
  raises `InputError` naming the file. The first `KEEP_OPEN` files stay open
  after their header is read, and their rows are read from there: opening a
  large workbook twice would load it twice.
- The format follows the file extension, case-insensitively.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from banwatch.errors import InputError
from banwatch.model.records import Record, RowProblem

from .columns import NO_CHOICES, ColumnChoices, Columns, detect_roles
from .delimited import read_delimited
from .files import check_file
from .jsonlines import read_jsonl
from .nmap import read_nmap
from .parquet import read_parquet
from .rows import FileStream, RowStream, opened
from .xlsx import read_xlsx

__all__ = ["ColumnChoices", "Inputs", "detect_roles", "open_inputs", "read_records"]

Reader = Callable[[Path, str, ColumnChoices], FileStream]

READERS: dict[str, Reader] = {
    ".csv": read_delimited,
    ".tsv": read_delimited,
    ".txt": read_delimited,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".parquet": read_parquet,
    ".xml": read_nmap,
}
"""File extension (lower case) to the reader for that format."""

KEEP_OPEN = 16  # files kept open between reading their header and their rows


def reader_for(path: Path, label: str) -> Reader:
    """The reader for `path`'s extension; InputError if the extension is not supported."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(READERS)
        found = f"'{path.suffix}'" if path.suffix else "no extension"
        raise InputError(f"unsupported file type ({found}); expected one of {known}", file=label)
    return reader


@dataclass(frozen=True)
class InputFile:
    """One input file, its reader, and the columns its header gave."""

    path: Path
    label: str  # the file as the caller named it, for findings and messages
    reader: Reader
    columns: Columns
    # The rows of the stream that read the header, while nobody has taken them.
    held: list[RowStream] = field(default_factory=list, compare=False, repr=False)

    def rows(self, choices: ColumnChoices) -> RowStream:
        """The file's rows: from the stream that read its header the first time, else anew."""
        if self.held:
            return self.held.pop()
        _, rows = opened(self.reader(self.path, self.label, choices))
        return rows


@dataclass(frozen=True)
class Inputs:
    """The files of a run, each checked and its header read, ready to be read in order."""

    files: tuple[InputFile, ...]
    choices: ColumnChoices = NO_CHOICES

    @property
    def paths(self) -> list[Path]:
        return [f.path for f in self.files]

    def layout(self) -> list[tuple[str, Columns]]:
        """Each file (as named) with its columns: what was read as what."""
        return [(f.label, f.columns) for f in self.files]

    def records(self) -> Iterator[Record | RowProblem]:
        """The records of every file in order, numbered from 0, and the problems met."""
        row = 0
        for f in self.files:
            for item in f.rows(self.choices):
                if isinstance(item, RowProblem):
                    yield item
                    continue
                yield Record(
                    row=row, file=f.label, line=item.line, values=item.values, roles=item.roles
                )
                row += 1


def input_file(
    reader: Reader, path: Path, label: str, choices: ColumnChoices, keep_open: bool
) -> InputFile:
    """A file with its columns, read and checked from its header; its rows held if `keep_open`."""
    stream = reader(path, label, choices)
    try:
        columns, rows = opened(stream)
    except BaseException:
        stream.close()
        raise
    if not keep_open:
        stream.close()
        return InputFile(path, label, reader, columns)
    return InputFile(path, label, reader, columns, [rows])


def open_inputs(paths: Sequence[Path], choices: ColumnChoices = NO_CHOICES) -> Inputs:
    """Check every file and read its header; InputError naming the first file that fails."""
    plan: list[tuple[Reader, Path, str]] = []
    for given in paths:
        path, label = Path(given), str(given)
        check_file(path, label)
        plan.append((reader_for(path, label), path, label))
    files = tuple(
        input_file(reader, path, label, choices, keep_open=k < KEEP_OPEN)
        for k, (reader, path, label) in enumerate(plan)
    )
    return Inputs(files, choices)


def read_records(
    paths: Sequence[Path], choices: ColumnChoices = NO_CHOICES
) -> Iterator[Record | RowProblem]:
    """Yield the records of `paths` in order, numbered from 0, and the problems met.

    Raises InputError when a file cannot be read at all; see the module docstring.
    """
    return open_inputs(paths, choices).records()
