"""Units of input: what one Spark task reads, planned on the driver, read by banwatch's readers.

Invariants:
- A unit is a whole text file (CSV, TSV, JSON lines, XLSX), a part of a
  large CSV file cut at record boundaries (`parts`), or a run of
  consecutive row groups of one Parquet file. Units are numbered in input
  order: by file as given, then by position in the file.
- Reading a unit yields exactly what the local engine's reader yields for
  that part of the file: the same cleaned headers, values, roles, lines and
  row problems, because it *is* that reader (Parquet row groups are read with
  the Parquet reader's own batch conversion).
- `plan_units` runs on the driver before Spark starts, on inputs that
  `readers.open_inputs` has checked (the same `InputError`s as the local
  engine for a missing, empty, unknown or header-less file, or one with no
  identifying column).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from banwatch.model.records import Role, RowProblem
from banwatch.readers import InputFile, Inputs, reader_for
from banwatch.readers.columns import NO_CHOICES, ColumnChoices, columns_for
from banwatch.readers.parquet import read_row_groups
from banwatch.readers.rows import RawRow, opened

from .parts import SPLIT_BYTES, Part, plan_parts, read_part_of

UNIT_ROWS = 250_000
"""Parquet row groups are gathered into units of about this many rows (at least one group)."""


@dataclass(frozen=True)
class Unit:
    """One task's share of the input."""

    path: str  # absolute, as the task opens it
    label: str  # the file as the user named it, for findings and messages
    parquet: bool
    groups: tuple[int, ...]  # Parquet row groups of this unit; () for a text file
    first_line: int  # line of the unit's first Parquet row (the header is line 1)
    headers: tuple[str, ...]  # the file's usual headers: rows with these ship none of their own
    roles: tuple[Role | None, ...]  # the role of each of `headers`
    choices: ColumnChoices = NO_CHOICES  # the run's `--column` choices
    part: Part | None = None  # the bytes of a large CSV file this unit reads; None: all of it


def plan_units(inputs: Inputs, split_bytes: int | None = None) -> list[Unit]:
    """Cut checked input files into units; CSV files above `split_bytes` into several.

    `split_bytes` is `SPLIT_BYTES` unless given.
    """
    split = SPLIT_BYTES if split_bytes is None else split_bytes
    units: list[Unit] = []
    for file in inputs.files:
        headers = file.columns.headers
        roles = tuple(file.columns.roles.get(h) for h in headers)
        if file.path.suffix.lower() == ".parquet":
            units += _parquet_units(file, roles, inputs.choices)
        else:
            path = str(file.path.resolve())
            parts: list[Part | None] = [*plan_parts(file.path, file.label, split)] or [None]
            units += [
                Unit(path, file.label, False, (), 0, headers, roles, inputs.choices, part)
                for part in parts
            ]
    return units


def _parquet_units(
    file: InputFile, roles: tuple[Role | None, ...], choices: ColumnChoices
) -> list[Unit]:
    with pq.ParquetFile(file.path) as parquet:
        sizes = [int(parquet.metadata.row_group(g).num_rows) for g in range(parquet.num_row_groups)]
    path, headers = str(file.path.resolve()), file.columns.headers
    units: list[Unit] = []
    line, start, rows = 2, 0, 0
    for group, size in enumerate(sizes):
        rows += size
        if rows >= UNIT_ROWS or group == len(sizes) - 1:
            groups = tuple(range(start, group + 1))
            units.append(Unit(path, file.label, True, groups, line, headers, roles, choices))
            line, start, rows = line + rows, group + 1, 0
    if not units:  # a Parquet file without row groups still names its columns
        units.append(Unit(path, file.label, True, (), 2, headers, roles, choices))
    return units


def read_unit(unit: Unit) -> Iterator[RawRow | RowProblem]:
    """The records and row problems of one unit, in file order."""
    if unit.part is not None:
        yield from read_part_of(Path(unit.path), unit.label, unit.choices, unit.part)
        return
    if not unit.parquet:
        path = Path(unit.path)
        _, rows = opened(reader_for(path, unit.label)(path, unit.label, unit.choices))
        yield from rows
        return
    yield from _read_groups(unit)


def _read_groups(unit: Unit) -> Iterator[RawRow | RowProblem]:
    """Row groups as `readers.parquet.read_parquet` reads them, lines counted from the unit's."""
    with pq.ParquetFile(unit.path) as parquet:
        names = [str(name) for name in parquet.schema_arrow.names]
        columns = columns_for(names, unit.choices)
        yield from read_row_groups(parquet, unit.label, columns, unit.groups, unit.first_line)
