"""Delimited text input: .csv, .tsv and .txt files.

Invariants:
- The file is streamed. Only a sample of its first bytes is held whole, to
  choose the encoding (see `charsets`) and the delimiter.
- The first non-blank row is the header; a file without one is an InputError.
- Each later row yields exactly one `RawRow` or one `RowProblem`, except blank
  rows, which are skipped silently, and rows repeating the header, which are
  skipped and reported. A row with undecodable bytes is read with each such
  byte as U+FFFD and reported; a row with more fields than the header keeps
  them as "column N" and is reported; one with fewer has the rest empty.
- `line` is the physical line a record starts on, so quoted fields spanning
  several lines do not shift the line numbers of later records.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from banwatch.errors import InputError
from banwatch.model.records import RowProblem

from .charsets import MARK_ERRORS, detect_encoding, has_undecodable
from .columns import ColumnChoices, Columns, file_columns
from .files import read_sample, reject_binary
from .rows import FileStream, RawRow, RowStream, is_blank, row_values

if TYPE_CHECKING:
    from _csv import Reader

DELIMITERS = ",;\t|"
FIELD_LIMIT = 16 * 1024 * 1024
"""Largest cell accepted, in characters: long enough for any real note or
description, short enough that a stray quote cannot swallow a whole file."""

_SNIFF_CHARS = 32 * 1024
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # also prefix the UTF-32 BOMs
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "cp1252": "Windows-1252",
}


def read_delimited(path: Path, label: str, choices: ColumnChoices) -> FileStream:
    """Yield the file's columns, then its data rows and a problem for each bad row."""
    encoding, delimiter = dialect(path, label)
    with path.open(encoding=encoding, errors=MARK_ERRORS, newline="") as text:
        reader = csv.reader(text, delimiter=delimiter)
        columns = _read_header(reader, label, choices)
        yield columns
        yield from _data_rows(reader, columns, label, _ENCODING_NAMES.get(encoding, encoding))


def dialect(path: Path, label: str) -> tuple[str, str]:
    """The file's encoding and delimiter, as `read_delimited` reads it."""
    sample, truncated = read_sample(path, label)
    if not sample.startswith(_WIDE_BOMS):
        reject_binary(sample, label, "delimited text (CSV or TSV)")
    encoding = detect_encoding(sample, truncated=truncated)
    default = "\t" if path.suffix.lower() == ".tsv" else ","
    # The limit is process-wide in the csv module; only ever raise it.
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    return encoding, detect_delimiter(_sample_text(sample, encoding, truncated), default)


def read_part(
    lines: Iterable[str], columns: Columns, label: str, encoding: str, delimiter: str
) -> RowStream:
    """The data rows of `lines`, a part of a file that starts where a record starts.

    Rows are read exactly as `read_delimited` reads them, with lines counted
    from the part's first line as line 1.
    """
    reader = csv.reader(lines, delimiter=delimiter)
    return _data_rows(reader, columns, label, _ENCODING_NAMES.get(encoding, encoding))


def _sample_text(sample: bytes, encoding: str, truncated: bool) -> str:
    text = sample.decode(encoding, errors=MARK_ERRORS)[:_SNIFF_CHARS]
    if truncated or len(text) == _SNIFF_CHARS:
        # A line cut by the sample's end would skew the delimiter counts.
        text = text[: text.rfind("\n") + 1] or text
    return text


def detect_delimiter(sample: str, default: str = ",") -> str:
    """The delimiter among , ; tab | that `sample` uses, or `default` if none shows.

    csv.Sniffer's guess is kept only if the header line contains it: a guess
    drawn from the data alone (commas inside names) would split the header wrong.
    """
    header = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        guess = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        guess = ""
    if guess and guess in header:
        return guess
    count, best = max((header.count(d), -i) for i, d in enumerate(DELIMITERS))
    return DELIMITERS[-best] if count else default


def _read_header(reader: Reader, label: str, choices: ColumnChoices) -> Columns:
    try:
        for fields in reader:
            if is_blank(fields):
                continue
            return file_columns([_readable(field) for field in fields], choices, label)
    except csv.Error as exc:
        raise InputError(f"cannot parse the header row: {exc}", file=label) from exc
    raise InputError("has no header row: every line is blank", file=label)


def _readable(text: str) -> str:
    """`text` with each undecodable byte shown as U+FFFD, for header names and messages."""
    if not has_undecodable(text):
        return text
    return "".join("\ufffd" if "\udc00" <= ch <= "\udfff" else ch for ch in text)


def _data_rows(reader: Reader, columns: Columns, label: str, encoding: str) -> RowStream:
    # One dict of roles for every row of the file: screening finds a row's
    # columns by it, and one shared object is told apart at once (`is`).
    roles = dict(columns.roles)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RowProblem(label, start, f"cannot parse the row ({exc}); row skipped")
            if reader.line_num < start:
                return  # nothing was consumed: stop instead of failing forever
            continue
        if is_blank(fields):
            continue
        if columns.repeated_by(fields):
            yield RowProblem(label, start, "repeats the header row; row skipped")
            continue
        problem = _problem(fields, columns, label, start, encoding)
        if problem is not None:
            yield problem
            fields = [_readable(field) for field in fields]
        values, extra = row_values(columns.headers, fields)
        if extra:
            kept = ", ".join(repr(name) for name in extra)
            found = f"expected {len(columns.headers)} fields, found {len(fields)}"
            yield RowProblem(label, start, f"{found}; the extra cells are kept as {kept}")
        yield RawRow(start, values, roles)


def _problem(
    fields: list[str], columns: Columns, label: str, line: int, encoding: str
) -> RowProblem | None:
    joined = "".join(fields)
    if not joined.isascii() and has_undecodable(joined):
        where = next(i for i, field in enumerate(fields) if has_undecodable(field))
        column = columns.headers[where] if where < len(columns.headers) else None
        message = f"contains bytes that are not valid {encoding}; each is read as U+FFFD (\ufffd)"
        return RowProblem(label, line, message, column=column)
    return None
