"""The Spark engine's task functions, run without Spark: same records, rows and findings.

`read_units` and `screen_rows` are what `mapInArrow` calls; here they get the
pyarrow batches Spark would hand them, and the driver's numbering is done by
hand, so every invariant is checked in milliseconds. The end-to-end runs on a
real Spark are in test_spark.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from banwatch.bulk.spark import units as units_module
from banwatch.bulk.spark.tasks import read_units, screen_rows
from banwatch.bulk.spark.units import plan_units, read_unit
from banwatch.errors import InputError
from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.model.registry import Registry
from banwatch.readers import open_inputs, read_records
from banwatch.readers.columns import NO_CHOICES
from banwatch.readers.parquet import read_parquet
from banwatch.readers.rows import opened
from banwatch.screening.screen import Screening

PROFILE = Profile(as_of=date(2025, 9, 1), sector="government")


class Broadcast:
    """Stands in for a Spark broadcast variable."""

    def __init__(self, value: tuple[Registry, Matcher]) -> None:
        self.value = value


def spark_like(paths: Sequence[Path], registry: Registry, matcher: Matcher) -> list[str]:
    """What the Spark engine computes, with the shuffle played backwards."""
    units = plan_units(open_inputs(paths))
    numbers = pa.record_batch({"id": pa.array(range(len(units)), pa.int64())})
    read = pa.Table.from_batches(list(read_units(units, [numbers])))
    counts = [0] * len(units)
    for unit, k in zip(read.column("unit").to_pylist(), read.column("k").to_pylist(), strict=True):
        counts[unit] += k is not None
    bases = {u: sum(counts[:u]) for u in range(len(units))}
    readable = read.filter(pa.compute.is_valid(read.column("k")))
    shuffled = readable.to_batches(max_chunksize=3)[::-1]
    out = pa.Table.from_batches(
        list(screen_rows(units, bases, Broadcast((registry, matcher)), PROFILE, False, shuffled))
    )
    return [
        f
        for _, f in sorted(
            zip(out.column("row").to_pylist(), out.column("finding").to_pylist(), strict=True)
        )
    ]


def local(paths: Sequence[Path], registry: Registry, matcher: Matcher) -> list[str]:
    screening = Screening(registry, matcher, PROFILE)
    records = [r for r in read_records(paths) if isinstance(r, Record)]
    return [screening.screen(r).model_dump_json() for r in records]


def _csv(tmp: Path) -> Path:
    path = tmp / "ledger.csv"
    path.write_text(
        "supplier,model,mac\n"
        'Hikvision,DS-2CD2143G2-I,\n"Dahua\nTechnology",,\n'
        "bad,row,with,extra\n\nZTE Corp.,,not-a-mac\nAcme Foods,,,\n",
        encoding="utf-8",
    )
    return path


def _jsonl(tmp: Path) -> Path:
    path = tmp / "vendors.jsonl"
    lines = [{"vendor": "EZVIZ", "n": 1}, {"vendor": "Huawei", "website": "huawei.com"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    return path


def _xlsx(tmp: Path) -> Path:
    path = tmp / "assets.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Manufacturer", "Model"], ["Hikvision", "DS-7608NI"], ["Axis", "P3265", "spare"]):
        sheet.append(row)
    book.save(path)
    return path


def _parquet(tmp: Path) -> Path:
    path = tmp / "devices.parquet"
    names = ["Hikvision", "", "Dahua Technology", "Acme", "ZTE", "Axis", "Huawei"] * 3
    table = pa.table({"brand": names, "count": list(range(len(names)))})
    pq.write_table(table, path, row_group_size=4)
    return path


@pytest.mark.parametrize(
    "make",
    [[_csv], [_jsonl], [_xlsx], [_parquet], [_csv, _parquet, _jsonl, _xlsx]],
    ids=["csv", "jsonl", "xlsx", "parquet", "all"],
)
def test_tasks_give_the_local_engines_findings(
    tmp_path: Path,
    registry: Registry,
    matcher: Matcher,
    make: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(units_module, "UNIT_ROWS", 7)  # several units per Parquet file
    paths = [m(tmp_path) for m in make]
    assert spark_like(paths, registry, matcher) == local(paths, registry, matcher)


def test_csv_parts_give_the_local_engines_findings(
    tmp_path: Path, registry: Registry, matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(units_module, "SPLIT_BYTES", 20)
    paths = [_csv(tmp_path), _jsonl(tmp_path)]
    assert len(plan_units(open_inputs(paths))) == 6  # the CSV file in five parts
    assert spark_like(paths, registry, matcher) == local(paths, registry, matcher)


def test_parquet_units_read_what_the_reader_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(units_module, "UNIT_ROWS", 7)
    path = _parquet(tmp_path)
    units = plan_units(open_inputs([path]))
    assert [u.groups for u in units] == [(0, 1), (2, 3), (4, 5)]
    assert [u.first_line for u in units] == [2, 10, 18]
    pieces = [item for unit in units for item in read_unit(unit)]
    assert pieces == list(opened(read_parquet(path, str(path), NO_CHOICES))[1])


def test_rows_with_the_files_headers_ship_none(tmp_path: Path) -> None:
    units = plan_units(open_inputs([_xlsx(tmp_path)]))
    numbers = pa.record_batch({"id": pa.array([0], pa.int64())})
    read = pa.Table.from_batches(list(read_units(units, [numbers]))).to_pylist()
    assert [r["headers"] for r in read] == [None, ["Manufacturer", "Model", "column 3"]]
    assert read[1]["roles"] == ["name", "model", ""]


def test_a_file_without_identifying_columns_fails_before_spark(tmp_path: Path) -> None:
    path = tmp_path / "amounts.csv"
    path.write_text("date,amount\n2025-01-01,12\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        plan_units(open_inputs([path]))
    message = str(caught.value)
    assert message.startswith(str(path)) and "supplier" in message and "'amount'" in message
