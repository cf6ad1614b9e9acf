"""Parquet files built with pyarrow: typed columns, nulls, row groups, batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from banwatch.model.records import Record, RowProblem
from banwatch.readers import parquet as parquet_reader

Read = Callable[..., tuple[list[Record], list[RowProblem]]]  # fixture from conftest.py


def test_typed_columns_become_text(tmp_path: Path, read: Read) -> None:
    table = pa.table(
        {
            "Manufacturer": ["Hikvision", None, "Axis"],
            "Qty": pa.array([3, None, 1], pa.int64()),
            "Price": [12.0, 1.5, None],
            "Cost": pa.array([Decimal("12.30"), None, None], pa.decimal128(5, 2)),
            "Bought": pa.array([dt.date(2025, 6, 27), None, None], pa.date32()),
            "Seen": pa.array([1_751_000_000_123_456_789, None, None], pa.timestamp("ns")),
            "Tags": [["a", "b"], None, []],
            "Active": [True, None, False],
        }
    )
    path = tmp_path / "assets.parquet"
    pq.write_table(table, path)
    records, problems = read(path)
    assert problems == []
    # Row 2 is null everywhere but Price: a record with "" for every null.
    assert [(r.row, r.line) for r in records] == [(0, 2), (1, 3), (2, 4)]
    assert records[0].values == {
        "Manufacturer": "Hikvision",
        "Qty": "3",
        "Price": "12",
        "Cost": "12.30",
        "Bought": "2025-06-27",
        "Seen": "2025-06-27T04:53:20.123456",
        "Tags": '["a", "b"]',
        "Active": "true",
    }
    assert records[1].values["Manufacturer"] == ""
    assert records[2].values["Tags"] == "[]"
    assert records[0].roles == {"Manufacturer": "name"}


def test_row_groups_and_batches_keep_line_numbers(
    tmp_path: Path, read: Read, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parquet_reader, "BATCH_ROWS", 7)  # many batches per row group
    names = [f"Vendor {i}" if i % 10 else None for i in range(100)]
    path = tmp_path / "groups.parquet"
    pq.write_table(pa.table({"vendor": names}), path, row_group_size=25)
    assert pq.ParquetFile(path).num_row_groups == 4
    records, problems = read(path)
    assert problems == []
    assert len(records) == 90  # every tenth row is blank and skipped
    assert all(r.line == int(r.values["vendor"].split()[1]) + 2 for r in records)
    assert [r.row for r in records] == list(range(90))
