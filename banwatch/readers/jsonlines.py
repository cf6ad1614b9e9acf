"""JSON lines input (.jsonl, .ndjson): one JSON object per line, UTF-8.

Invariants:
- The file is streamed line by line; `line` is the 1-based physical line.
- The columns are the keys of the objects in the first lines (the sample), in
  order of first appearance; every record carries them all ("" when its
  object lacks one), plus any keys only its own object has.
- A line that is not JSON, or not a JSON object, yields a `RowProblem` and
  is skipped; blank lines are skipped silently. A line with bytes that are
  not UTF-8 is read with each as U+FFFD, and reported.
- Values become text through `cells.cell_text`: nested arrays and objects as
  compact JSON, null as "".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from banwatch.errors import InputError
from banwatch.model.records import RowProblem

from .cells import cell_text
from .columns import ColumnChoices, Columns, columns_for, file_columns
from .files import read_sample, reject_binary
from .rows import FileStream, RawRow

SAMPLE_LINES = 1000
"""How many lines are scanned for column names before the first record is yielded."""

_BOM = b"\xef\xbb\xbf"
_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"}


def read_jsonl(path: Path, label: str, choices: ColumnChoices) -> FileStream:
    """Yield the columns, then a record per JSON object line and a problem per other line."""
    sample, _ = read_sample(path, label)
    reject_binary(sample, label, "JSON lines text")
    columns = _sample_columns(path, label, choices)
    yield columns
    with path.open("rb") as stream:
        for number, parsed in _parsed_lines(stream, label):
            if isinstance(parsed, RowProblem):
                yield parsed
            else:
                yield _record(number, parsed, columns, choices)


def read_objects(
    objects: Sequence[dict[str, object]], label: str, choices: ColumnChoices
) -> FileStream | None:
    """`read_jsonl` of a file that holds `objects` one per line, read from memory (the
    records of a request); None when they have no key at all (the file then is refused,
    with the reason: write it and read that)."""
    keys: dict[str, None] = {}  # ordered set
    for obj in objects[:SAMPLE_LINES]:
        keys.update(dict.fromkeys(obj))
    if not keys:
        return None
    columns = _request_columns(tuple(keys), choices, label)
    return _objects(objects, columns, choices)


@lru_cache(maxsize=256)
def _request_columns(keys: tuple[str, ...], choices: ColumnChoices, label: str) -> Columns:
    # A server reads request after request whose records have the same keys: cleaning and
    # checking them was a tenth of a small request. Refusals raise, so are never kept.
    return file_columns(keys, choices, label)


def _objects(
    objects: Sequence[dict[str, object]], columns: Columns, choices: ColumnChoices
) -> FileStream:
    yield columns
    for number, obj in enumerate(objects, start=1):
        yield _record(number, obj, columns, choices)


def _parsed_lines(
    stream: Iterable[bytes], label: str
) -> Iterator[tuple[int, dict[str, object] | RowProblem]]:
    for number, raw in enumerate(stream, start=1):
        line = raw.removeprefix(_BOM) if number == 1 else raw
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            # JSON stays JSON when a bad byte inside a string becomes U+FFFD.
            text = line.decode("utf-8", errors="replace")
            message = "contains bytes that are not valid UTF-8; each is read as U+FFFD (\ufffd)"
            yield number, RowProblem(label, number, message)
        yield number, _parse(text, label, number)


def _parse(text: str, label: str, number: int) -> dict[str, object] | RowProblem:
    try:
        parsed: object = json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or "too deep"
        return RowProblem(label, number, f"not valid JSON ({reason}); line skipped")
    if not isinstance(parsed, dict):
        kind = _KINDS.get(type(parsed), "null")
        return RowProblem(label, number, f"expected a JSON object, found {kind}; line skipped")
    return parsed


def _sample_columns(path: Path, label: str, choices: ColumnChoices) -> Columns:
    keys: dict[str, None] = {}  # ordered set
    with path.open("rb") as stream:
        for count, (_, parsed) in enumerate(_parsed_lines(stream, label), start=1):
            if isinstance(parsed, dict):
                keys.update(dict.fromkeys(parsed))
            if count >= SAMPLE_LINES:
                break
    if not keys:
        raise InputError(
            f"has no JSON object in its first {SAMPLE_LINES} lines; "
            "expected one JSON object per line",
            file=label,
        )
    return file_columns(tuple(keys), choices, label)


@lru_cache(maxsize=256)
def _columns(keys: tuple[str, ...], choices: ColumnChoices) -> Columns:
    # Objects in one file nearly always share their keys, so cleaning them is cached.
    return columns_for(keys, choices)


def _record(
    number: int, obj: dict[str, object], columns: Columns, choices: ColumnChoices
) -> RawRow:
    own = _columns(tuple(obj), choices)
    values = dict.fromkeys(columns.headers, "")
    values.update(
        (header, cell_text(value)) for header, value in zip(own.headers, obj.values(), strict=True)
    )
    return RawRow(number, values, {**columns.roles, **own.roles})
