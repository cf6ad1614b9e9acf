"""The Spark plan of a run: read units, number records, screen, and the orders to read them in.

Invariants:
- `read_frame` has one partition per unit, so units are read in parallel and
  each by one task, in file order.
- Row numbers are dense and in input order, as the local engine numbers
  them: `bases` gives each unit the number of readable records before it.
- Screening partitions are hash-partitioned on the record's cells, so
  identical records meet in one task and its caches (names already matched,
  measures already folded) serve them all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from itertools import accumulate

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as sf

from banwatch.model.profile import Profile

from .tasks import READ_SCHEMA, SCREEN_SCHEMA, Shared, read_units, screen_rows
from .units import Unit

ROWS_PER_TASK = 20_000
"""Screening tasks get about this many records each, and at least one task per core."""


def read_frame(spark: SparkSession, units: Sequence[Unit]) -> DataFrame:
    """Every record and row problem of the input, read by one task per unit; kept once read."""
    numbers = spark.range(0, len(units), 1, numPartitions=max(len(units), 1))
    frame = numbers.mapInArrow(partial(read_units, units), READ_SCHEMA)
    return frame.persist(StorageLevel.MEMORY_AND_DISK)


def row_bases(parsed: DataFrame, units: int) -> tuple[dict[int, int], int]:
    """The row number of each unit's first record, and how many records there are."""
    counts = dict.fromkeys(range(units), 0)
    readable = parsed.where(sf.col("k").isNotNull()).groupBy("unit").count()
    for found in readable.collect():
        counts[found["unit"]] = found["count"]
    starts = [0, *accumulate(counts[u] for u in range(units))]
    return {u: starts[u] for u in range(units)}, starts[-1]


def screen_frame(
    parsed: DataFrame,
    units: Sequence[Unit],
    bases: dict[int, int],
    total: int,
    shared: Shared,
    profile: Profile,
    explain: bool = False,
) -> DataFrame:
    """A finding per record, computed once and kept: unit, seq, row, verdict, finding, messages."""
    spark = parsed.sparkSession
    tasks = max(spark.sparkContext.defaultParallelism, -(-total // ROWS_PER_TASK))
    records = parsed.where(sf.col("k").isNotNull()).repartition(tasks, "cells")
    task = partial(screen_rows, units, bases, shared, profile, explain)
    return records.mapInArrow(task, SCREEN_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)


def messages(parsed: DataFrame, screened: DataFrame) -> Iterator[str]:
    """Row problems and cell warnings, one line each, in input order."""
    problems = parsed.where(sf.col("problem").isNotNull()).select(
        "unit", "seq", sf.array("problem").alias("messages")
    )
    warned = screened.where(sf.size("messages") > 0).select("unit", "seq", "messages")
    ordered = problems.unionByName(warned).orderBy("unit", "seq")
    for found in ordered.toLocalIterator(prefetchPartitions=True):
        yield from found["messages"]


def findings_in_order(screened: DataFrame) -> Iterator[str]:
    """Each finding as JSON, in row order, fetched a partition at a time."""
    ordered = screened.orderBy("row").select("finding")
    for found in ordered.toLocalIterator(prefetchPartitions=True):
        yield found["finding"]


def verdict_counts(screened: DataFrame) -> dict[str, int]:
    """How many records got each verdict."""
    return {r["verdict"]: r["count"] for r in screened.groupBy("verdict").count().collect()}


def write_parquet(screened: DataFrame, uri: str) -> None:
    """Write row, verdict and finding as a Parquet dataset at `uri`, in row order."""
    screened.orderBy("row").select("row", "verdict", "finding").write.parquet(uri)


def release(*frames: DataFrame) -> None:
    """Drop what the frames keep in memory and on disk."""
    for frame in frames:
        frame.unpersist()
