"""Units of input: what one Spark task reads, planned on the driver, read by banwatch's readers.

Invariants:
- A unit is a whole text file (CSV, TSV, JSON lines, XLSX), or a run of
  consecutive row groups of one Parquet file. Units are numbered in input
  order: by file as given, then by position in the file.
- Reading a unit yields exactly what the local engine's reader yields for
  that part of the file: the same cleaned headers, values, roles, lines and
  row problems, because it *is* that reader (Parquet row groups are read with
  the Parquet reader's own batch conversion).
- `plan_units` runs on the driver before Spark starts and raises the same
  `InputError`s as the local engine for a missing, empty, unknown or
  header-less file, or one with no identifying column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from banwatch.model.records import Role, RowProblem
from banwatch.readers import reader_for
from banwatch.readers.columns import columns_for
from banwatch.readers.files import check_file
from banwatch.readers.parquet import open_parquet, read_row_groups
from banwatch.readers.rows import RawRow

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


def plan_units(paths: Sequence[Path]) -> list[Unit]:
    """Check every file as the local engine does, and cut the input into units."""
    for given in paths:
        check_file(Path(given), str(given))
        reader_for(Path(given), str(given))
    units: list[Unit] = []
    for given in paths:
        path, label = Path(given), str(given)
        if path.suffix.lower() == ".parquet":
            units += _parquet_units(path, label)
        else:
            headers, roles = _text_headers(path, label)
            units.append(Unit(str(path.resolve()), label, False, (), 0, headers, roles))
    return units


def _text_headers(path: Path, label: str) -> tuple[tuple[str, ...], tuple[Role | None, ...]]:
    """The headers of the first readable record; reading them checks the header row."""
    for item in reader_for(path, label)(path, label):
        if isinstance(item, RawRow):
            return tuple(item.values), tuple(item.roles.get(h) for h in item.values)
    return (), ()


def _parquet_units(path: Path, label: str) -> list[Unit]:
    parquet, columns = open_parquet(path, label)
    with parquet:
        sizes = [int(parquet.metadata.row_group(g).num_rows) for g in range(parquet.num_row_groups)]
    roles = tuple(columns.roles.get(h) for h in columns.headers)
    units: list[Unit] = []
    line, start, rows = 2, 0, 0
    for group, size in enumerate(sizes):
        rows += size
        if rows >= UNIT_ROWS or group == len(sizes) - 1:
            groups = tuple(range(start, group + 1))
            units.append(
                Unit(str(path.resolve()), label, True, groups, line, columns.headers, roles)
            )
            line, start, rows = line + rows, group + 1, 0
    if not units:  # a Parquet file without row groups still names its columns
        units.append(Unit(str(path.resolve()), label, True, (), 2, columns.headers, roles))
    return units


def read_unit(unit: Unit) -> Iterator[RawRow | RowProblem]:
    """The records and row problems of one unit, in file order."""
    if not unit.parquet:
        path = Path(unit.path)
        yield from reader_for(path, unit.label)(path, unit.label)
        return
    yield from _read_groups(unit)


def _read_groups(unit: Unit) -> Iterator[RawRow | RowProblem]:
    """Row groups as `readers.parquet.read_parquet` reads them, lines counted from the unit's."""
    with pq.ParquetFile(unit.path) as parquet:
        columns = columns_for([str(name) for name in parquet.schema_arrow.names])
        yield from read_row_groups(parquet, unit.label, columns, unit.groups, unit.first_line)
