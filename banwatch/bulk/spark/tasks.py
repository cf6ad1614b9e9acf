"""What runs inside Spark tasks: read units, screen records (pyarrow in, pyarrow out; no pyspark).

Both functions are handed to `mapInArrow`, one call per partition, so they
are tested here without a JVM.

Invariants:
- `read_units` emits one row per record or row problem, in file order, each
  with its unit and `seq` (its position among everything the unit emitted).
  A readable record also gets `k`, its position among the unit's records
  from 0; the driver turns counts of those into `row` numbers. Headers and
  roles travel with a record only when they differ from its unit's usual ones.
- `screen_rows` builds one `Screening` per partition and screens each record
  exactly as the local engine would: the same `Record`, hence the same
  `Finding`, serialised as the JSON lines writer serialises it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, cast

import pyarrow as pa

from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.records import Record, Role, RowProblem
from banwatch.model.registry import Registry
from banwatch.screening.screen import Screening

from .units import Unit, read_unit

BATCH = 2000
"""Rows per Arrow batch a task emits."""

READ_SCHEMA = (
    "unit int, seq long, k long, line long, headers array<string>, "
    "roles array<string>, cells array<string>, problem string"
)
SCREEN_SCHEMA = (
    "unit int, seq long, row long, verdict string, finding string, messages array<string>"
)

_STRINGS = pa.list_(pa.string())
_READ_ARROW = pa.schema(
    [
        ("unit", pa.int32()),
        ("seq", pa.int64()),
        ("k", pa.int64()),
        ("line", pa.int64()),
        ("headers", _STRINGS),
        ("roles", _STRINGS),
        ("cells", _STRINGS),
        ("problem", pa.string()),
    ]
)
_SCREEN_ARROW = pa.schema(
    [
        ("unit", pa.int32()),
        ("seq", pa.int64()),
        ("row", pa.int64()),
        ("verdict", pa.string()),
        ("finding", pa.string()),
        ("messages", _STRINGS),
    ]
)


class Shared(Protocol):
    """The registry and compiled matcher every task shares (a Spark broadcast variable)."""

    @property
    def value(self) -> tuple[Registry, Matcher]: ...


def read_units(units: Sequence[Unit], batches: Iterable[Any]) -> Iterator[Any]:
    """For each unit number in `batches` (column 0), the unit's records and problems."""
    for batch in batches:
        for number in batch.column(0).to_pylist():
            yield from _unit_batches(number, units[number])


def _unit_batches(number: int, unit: Unit) -> Iterator[Any]:
    out: dict[str, list[Any]] = {name: [] for name in _READ_ARROW.names}
    k = 0
    for seq, item in enumerate(read_unit(unit)):
        out["unit"].append(number)
        out["seq"].append(seq)
        if isinstance(item, RowProblem):
            _append(out, None, item.line, None, None, None, str(item))
        else:
            headers = tuple(item.values)
            roles = tuple(item.roles.get(h) for h in headers)
            own = headers != unit.headers or roles != unit.roles
            _append(
                out,
                k,
                item.line,
                list(headers) if own else None,
                [r or "" for r in roles] if own else None,
                list(item.values.values()),
                None,
            )
            k += 1
        if len(out["seq"]) >= BATCH:
            yield pa.RecordBatch.from_pydict(out, schema=_READ_ARROW)
            out = {name: [] for name in _READ_ARROW.names}
    if out["seq"]:
        yield pa.RecordBatch.from_pydict(out, schema=_READ_ARROW)


def _append(out: dict[str, list[Any]], *values: object) -> None:
    for name, value in zip(
        ("k", "line", "headers", "roles", "cells", "problem"), values, strict=True
    ):
        out[name].append(value)


def screen_rows(
    units: Sequence[Unit],
    bases: Mapping[int, int],
    shared: Shared,
    profile: Profile,
    explain: bool,
    batches: Iterable[Any],
) -> Iterator[Any]:
    """Screen the records of one partition; `bases[unit]` is the row of the unit's first record."""
    registry, matcher = shared.value
    screening = Screening(registry, matcher, profile, explain)
    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in _SCREEN_ARROW.names}
        for number, seq, k, line, headers, roles, cells in zip(
            *(batch.column(name).to_pylist() for name in _INPUT), strict=True
        ):
            record = _record(units[number], bases[number] + k, line, headers, roles, cells)
            # What the JSON lines writer writes, so outputs compare byte for byte.
            screened = screening.screen_line(record)
            out["unit"].append(number)
            out["seq"].append(seq)
            out["row"].append(record.row)
            out["verdict"].append(screened.verdict)
            out["finding"].append(screened.text)
            out["messages"].append([f"{record.file}: line {line}: {w}" for w in screened.warnings])
        yield pa.RecordBatch.from_pydict(out, schema=_SCREEN_ARROW)


_INPUT = ("unit", "seq", "k", "line", "headers", "roles", "cells")
"""The columns of `READ_SCHEMA` that `screen_rows` reads, in the order it reads them."""


def _record(
    unit: Unit,
    row: int,
    line: int,
    headers: list[str] | None,
    roles: list[str] | None,
    cells: list[str],
) -> Record:
    names = headers if headers is not None else unit.headers
    kinds: Sequence[str | None] = roles if roles is not None else unit.roles
    values = dict(zip(names, cells, strict=True))
    # Role names come back from Arrow as plain strings; they were roles when they left.
    found = {h: cast(Role, r) for h, r in zip(names, kinds, strict=True) if r}
    return Record(row=row, file=unit.label, line=line, values=values, roles=found)
