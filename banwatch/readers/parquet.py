"""Parquet input, streamed one record batch at a time with pyarrow.

Invariants:
- Only the footer and one batch (at most `BATCH_ROWS` rows) are in memory at once.
- `line` is the 1-based row index plus one, as if the header were line 1 —
  the line the row would have in the same table exported to CSV.
- Values become text through `cells.cell_text`; null is "". Nanosecond
  timestamps, times and durations are read at microsecond precision, which
  Python's datetime holds and screening never needs more than.
- A row group that cannot be decoded yields one `RowProblem` naming the lines
  it spans; the following row groups are still read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from banwatch.errors import InputError
from banwatch.model.records import RowProblem

from .cells import cell_text
from .columns import ColumnChoices, Columns, file_columns
from .rows import FileStream, RawRow, RowStream, is_blank

BATCH_ROWS = 8192


def open_parquet(path: Path, label: str, choices: ColumnChoices) -> tuple[pq.ParquetFile, Columns]:
    """Open a Parquet file and find its columns; InputError when it is unreadable or has none."""
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"is not a readable Parquet file: {exc}", file=label) from exc
    try:
        columns = file_columns([str(name) for name in parquet.schema_arrow.names], choices, label)
    except InputError:
        parquet.close()
        raise
    return parquet, columns


def read_parquet(path: Path, label: str, choices: ColumnChoices) -> FileStream:
    """Yield the columns, then the rows of a Parquet file and a problem per unreadable group."""
    parquet, columns = open_parquet(path, label, choices)
    with parquet:
        yield columns
        # Line 1 is the header.
        yield from read_row_groups(parquet, label, columns, range(parquet.num_row_groups), 2)


def read_row_groups(
    parquet: pq.ParquetFile, label: str, columns: Columns, groups: Iterable[int], line: int
) -> RowStream:
    """The rows of some row groups, the first numbered `line`; a problem per undecodable group."""
    for group in groups:
        size = int(parquet.metadata.row_group(group).num_rows)
        done = 0
        try:
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=[group]):
                yield from _batch_rows(batch, line + done, columns)
                done += int(batch.num_rows)
        except (pa.ArrowException, ValueError, OSError) as exc:
            first, last = line + done, line + size - 1
            message = f"cannot decode lines {first}-{last} ({exc}); rows skipped"
            yield RowProblem(label, first, message)
        line += size


def _batch_rows(batch: Any, first_line: int, columns: Columns) -> Iterator[RawRow]:
    # Convert whole columns first, so a conversion error skips the batch
    # before any of its rows is yielded.
    texts = [
        [cell_text(v) for v in _microseconds(batch.column(i)).to_pylist()]
        for i in range(batch.num_columns)
    ]
    for offset, cells in enumerate(zip(*texts, strict=True)):
        if not is_blank(cells):
            values = dict(zip(columns.headers, cells, strict=True))
            yield RawRow(first_line + offset, values, dict(columns.roles))


def _microseconds(array: Any) -> Any:
    """`array` cast to microsecond precision if it holds nanosecond temporal values."""
    kind = array.type
    if pa.types.is_timestamp(kind) and kind.unit == "ns":
        return array.cast(pa.timestamp("us", tz=kind.tz), safe=False)
    if pa.types.is_time64(kind) and kind.unit == "ns":
        return array.cast(pa.time64("us"), safe=False)
    if pa.types.is_duration(kind) and kind.unit == "ns":
        return array.cast(pa.duration("us"), safe=False)
    return array
