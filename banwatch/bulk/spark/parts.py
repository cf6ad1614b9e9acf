"""Large CSV files cut into parts at record boundaries, so that several Spark tasks read one file.

Invariants:
- A file is cut only where a record ends, found by parsing the whole file
  once on the driver with the reader's own encoding and delimiter: a quoted
  field holding line breaks is never cut, wherever it is.
- Each part is read with the reader's own row logic (`readers.delimited.read_part`),
  its lines counted on from the lines before it, so every record and row
  problem is what reading the whole file gives, with the same line.
- A file is left whole (one task) when cutting could change what is read:
  an encoding where a newline byte may sit inside a character (UTF-16,
  UTF-32), a lone carriage return (Python's text reading ends a line there,
  byte reading does not), or a row the csv module cannot parse.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from banwatch.model.records import RowProblem
from banwatch.readers import reader_for
from banwatch.readers.charsets import MARK_ERRORS
from banwatch.readers.columns import ColumnChoices
from banwatch.readers.delimited import dialect, read_delimited, read_part
from banwatch.readers.rows import RawRow, is_blank, opened

SPLIT_BYTES = 64 * 1024 * 1024
"""CSV files larger than this are read by several tasks, each about this many bytes."""

_BYTE_SAFE = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252"}
"""Encodings in which every newline byte is a whole character, and how a part past the
first bytes is decoded (a byte order mark is only ever at the start)."""


class _UnsplittableError(Exception):
    """Cutting the file could change what is read."""


@dataclass(frozen=True)
class Part:
    """Bytes `start` to `end` of a file, beginning after `lines_before` whole lines."""

    start: int
    end: int
    lines_before: int


def plan_parts(path: Path, label: str, split_bytes: int) -> list[Part]:
    """Parts of about `split_bytes` each; [] when the file is to be read whole."""
    if path.stat().st_size <= split_bytes or reader_for(path, label) is not read_delimited:
        return []
    encoding, delimiter = dialect(path, label)
    if encoding not in _BYTE_SAFE:
        return []
    try:
        ends = list(_cuts(_record_ends(path, encoding, delimiter), split_bytes))
    except _UnsplittableError:
        return []
    size = path.stat().st_size
    starts = ends[:-1] if ends and ends[-1][0] >= size else ends
    bounds = [*starts, (size, 0)]
    return [Part(start, end, lines) for (start, lines), (end, _) in pairwise(bounds)]


def _cuts(ends: Iterator[tuple[int, int]], split_bytes: int) -> Iterator[tuple[int, int]]:
    """The first record end (after the header) and then one at least every `split_bytes`."""
    first = next(ends, None)
    if first is None:
        return
    yield first
    target = first[0] + split_bytes
    for offset, lines in ends:
        if offset >= target:
            yield offset, lines
            target = offset + split_bytes


def _record_ends(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, int]]:
    """(bytes, lines) read up to the end of the header and of each later record."""
    done = [0, 0]

    def lines() -> Iterator[str]:
        with path.open("rb") as raw:
            for line in raw:
                text = line.decode(encoding, errors=MARK_ERRORS)
                if "\r" in text.rstrip("\r\n") or text.endswith("\r\r\n"):
                    raise _UnsplittableError
                done[0] += len(line)
                done[1] += 1
                yield text

    reader = csv.reader(lines(), delimiter=delimiter)
    header = False
    try:
        for fields in reader:
            header = header or not is_blank(fields)
            if header:
                yield done[0], done[1]
    except csv.Error:
        raise _UnsplittableError from None


def read_part_of(
    path: Path, label: str, choices: ColumnChoices, part: Part
) -> Iterator[RawRow | RowProblem]:
    """The records and row problems of one part, as reading the whole file gives them."""
    whole = read_delimited(path, label, choices)
    columns, _ = opened(whole)
    whole.close()  # only its header was needed
    encoding, delimiter = dialect(path, label)
    decode = _BYTE_SAFE[encoding]

    def lines() -> Iterator[str]:
        with path.open("rb") as raw:
            raw.seek(part.start)
            left = part.end - part.start
            while left > 0 and (line := raw.readline(left)):
                left -= len(line)
                yield line.decode(decode, errors=MARK_ERRORS)

    shift = part.lines_before
    for item in read_part(lines(), columns, label, encoding, delimiter):
        if isinstance(item, RowProblem):
            yield replace(item, line=item.line + shift if item.line is not None else None)
        else:
            yield RawRow(item.line + shift, item.values, item.roles)
