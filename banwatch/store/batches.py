"""Findings kept as compressed batches of their JSON lines, and read back in row order.

Invariants:

- A batch holds the exact text of each finding's JSON line (what
  `screen --format jsonl` writes, `Finding.model_dump_json()`), with the
  part records judged alike share written once (`shared.py`), UTF-8 and
  compressed with Zstandard: what is read back is byte for byte what was
  written. Batches written by earlier versions are read too: `shared+zlib`,
  and `zlib` (the lines only, joined by newlines).
- Within a batch, lines are in row order (a stable sort keeps the order they
  came in among equal rows); a batch knows its first and last row.
- Read back, the lines of a run come by row, and among equal rows in the
  order they were added (batch id, then place in the batch): the order of
  the old one-row-per-finding layout, `ORDER BY row, id`.
- Every line not `clear` is also described by plain columns (row, verdict,
  record key, matched entity ids) in `flagged_findings`, for queries that
  must not open the batches.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple, Protocol

import orjson
import zstandard

from banwatch.errors import StoreError
from banwatch.store import shared
from banwatch.store.keys import record_key

CODEC = "shared+zstd"  # the codec batches are written with (`shared.py`, then Zstandard)
SHARED_ZLIB = "shared+zlib"  # `shared.py`, then zlib: read, no longer written
PLAIN = "zlib"  # the lines joined by newlines, then zlib: read, no longer written
# Zstandard's level 1: what is left once shared middles are taken out compresses some 10
# times, at a fifth of the time zlib's fastest level takes for half that.
LEVEL = 1
CLEAR = "clear"
_ROW_PREFIX = '{"row":'
_RECORD = ',"record":'


class SavedLine(Protocol):
    """A finding as its JSON line, with its verdict (`screening.Screened` is one).

    `row`, when known, spares reading it from the text; `alike`, when given,
    is an object every line with the same verdict, matches and warnings
    shares (`shared.encode`).
    """

    @property
    def verdict(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def row(self) -> int | None: ...

    @property
    def alike(self) -> object | None: ...


class FindingLine(NamedTuple):
    """A finding as its JSON line, with its verdict, when no `Screened` is at hand."""

    verdict: str
    text: str
    row: int | None = None
    alike: object | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """The plain columns of one line that is not `clear`."""

    position: int  # the line's place in its batch
    row: int
    verdict: str
    record_key: str
    entity_ids: str  # the matched entities' ids, best first, separated by one space


@dataclass(frozen=True, slots=True)
class Packed:
    """One batch ready to insert: its rows, its compressed lines and its flags."""

    first_row: int
    last_row: int
    size: int
    lines: bytes
    flags: list[Flag]


class StoredBatch(NamedTuple):
    """A batch as read back: what ordering needs, and its compressed lines."""

    id: int
    first_row: int
    last_row: int
    codec: str
    lines: bytes


def row_of(text: str) -> int:
    """The `row` of a finding's JSON line: its first member, read without parsing the rest."""
    if text.startswith(_ROW_PREFIX):
        end = text.find(",", len(_ROW_PREFIX))
        digits = text[len(_ROW_PREFIX) : end]
        if end > 0 and digits.isdigit():
            return int(digits)
    try:
        return int(orjson.loads(text)["row"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"not a finding's JSON line: {text[:80]!r}") from exc


def pack(lines: Sequence[SavedLine]) -> Packed:
    """Sort `lines` by row (stably), compress their texts, and describe those not clear."""
    rows = [row_of(line.text) if line.row is None else line.row for line in lines]
    order: Sequence[int] = range(len(lines))
    if any(a > b for a, b in pairwise(rows)):
        order = sorted(order, key=rows.__getitem__)
    texts = [lines[k].text for k in order]
    payload, middles = shared.encode(texts, [lines[k].alike for k in order])
    entities: dict[int, str] = {}  # by middle number: the same matches, the same entities
    flags = [
        _flag(position, rows[k], lines[k], middles[position], entities)
        for position, k in enumerate(order)
        if lines[k].verdict != CLEAR
    ]
    blob = zstandard.ZstdCompressor(level=LEVEL).compress(payload.encode("utf-8"))
    return Packed(rows[order[0]], rows[order[-1]], len(texts), blob, flags)


def _flag(position: int, row: int, line: SavedLine, middle: int, entities: dict[int, str]) -> Flag:
    """The plain columns of a line, read from its head and (once per middle) its middle."""
    text = line.text
    at = shared.split(text) if middle != shared.WHOLE else None
    if at is None:
        finding = orjson.loads(text)
        found = " ".join(match["entity_id"] for match in finding["matches"])
        return Flag(position, row, line.verdict, record_key(finding["record"], row), found)
    start, end = at
    record = orjson.loads(text[text.index(_RECORD) + len(_RECORD) : start])
    if middle not in entities:
        judged = orjson.loads("{" + text[start + 1 : end] + "}")
        entities[middle] = " ".join(match["entity_id"] for match in judged["matches"])
    return Flag(position, row, line.verdict, record_key(record, row), entities[middle])


def unpack(codec: str, blob: bytes) -> list[str]:
    """The lines of one batch, as they were written."""
    if codec == CODEC:
        return shared.decode(zstandard.ZstdDecompressor().decompress(blob).decode("utf-8"))
    if codec == SHARED_ZLIB:
        return shared.decode(zlib.decompress(blob).decode("utf-8"))
    if codec == PLAIN:
        return zlib.decompress(blob).decode("utf-8").split("\n")
    raise StoreError(f"findings compressed with {codec!r}, which this banwatch cannot read")


def in_row_order(batches: Iterable[StoredBatch]) -> Iterator[str]:
    """The lines of `batches` (given by first row, then id) by row, then id, then place.

    Batches whose rows overlap are merged; the others (a run saved as it was
    screened: every batch after the last) are passed through as they are.
    """
    group: list[StoredBatch] = []
    reach = -1
    for batch in batches:
        if group and batch.first_row > reach:
            yield from _merged(group)
            group = []
        reach = max(reach, batch.last_row) if group else batch.last_row
        group.append(batch)
    if group:
        yield from _merged(group)


def _merged(group: list[StoredBatch]) -> list[str]:
    if len(group) == 1:
        return unpack(group[0].codec, group[0].lines)
    keyed = sorted(
        (row_of(text), batch.id, position, text)
        for batch in group
        for position, text in enumerate(unpack(batch.codec, batch.lines))
    )
    return [text for *_, text in keyed]
