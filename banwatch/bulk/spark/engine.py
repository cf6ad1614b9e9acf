"""`screen --engine spark`: a screening run whose reading and screening happen in Spark tasks.

The driver plans the input, broadcasts the registry and compiled matcher
once, and then only orchestrates: tasks read units with banwatch's readers
and screen them with the same `Screening` as the local engine. Findings come
back to the driver in row order for the writer and the run store, or are
written by the tasks as a Parquet dataset.

Invariants (those of `pipeline.run_screening`, which this mirrors):
- Findings are those of the local engine, record for record, in input order.
- Row problems and cell warnings go to `warn` in input order, before the run
  is saved: `--strict` stops with nothing saved and nothing written.
- The run is saved through the store like a local run and is visible only
  when complete.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pyspark.sql import DataFrame

# The run metadata must be exactly a local run's, so it is built by the same functions.
from banwatch.bulk.run_records import Run, RunOutcome, run_meta, run_summary
from banwatch.model.findings import Finding
from banwatch.store import FindingLine, RunSaver, RunStore
from banwatch.writers import Writer

from . import frames
from .output import check_destination, discard, publish, staging_path
from .session import spark_session
from .units import plan_units


def screen_on_spark(
    run: Run, master: str, parquet: Path | None = None, split_bytes: int | None = None
) -> RunOutcome:
    """Screen every record of the run on Spark, write the findings, and save the run.

    Findings go to the run's writer, or, when `parquet` is given, to a Parquet
    dataset there (columns row, verdict, finding). CSV files larger than
    `split_bytes` (default `units.SPLIT_BYTES`) are read by several tasks.
    """
    inputs, profile, registry, matcher = run.inputs, run.profile, run.registry, run.matcher
    writer, store, warn, explain = run.writer, run.store, run.warn, run.explain
    units = plan_units(inputs, split_bytes)
    if parquet is not None:
        check_destination(parquet)
    with spark_session(master) as spark:
        shared = spark.sparkContext.broadcast((registry, matcher))
        parsed = frames.read_frame(spark, units)
        bases, total = frames.row_bases(parsed, len(units))
        screened = frames.screen_frame(parsed, units, bases, total, shared, profile, explain)
        problems = 0
        for message in frames.messages(parsed, screened):
            problems += 1
            warn(message)
        run_id = store.begin_run(run_meta(inputs, profile, registry, matcher)) if store else None
        staged = staging_path(parquet) if parquet is not None else None
        try:
            verdicts = _deliver(screened, writer, store, run_id, staged)
            if store and run_id:
                store.finish_run(run_id, dict(verdicts))
        except BaseException:
            if store and run_id:
                store.abort_run(run_id)
            if staged is not None:
                discard(staged)
            raise
        if staged is not None and parquet is not None:
            publish(staged, parquet)
        frames.release(screened, parsed)
        shared.destroy()
    if writer is not None:
        writer.close(run_summary(run_id, profile, registry, matcher, verdicts, problems))
    return RunOutcome(run_id, verdicts, problems)


def _deliver(
    screened: DataFrame,
    writer: Writer | None,
    store: RunStore | None,
    run_id: str | None,
    staged: Path | None,
) -> Counter[str]:
    """Write the findings where they go; return the count of each verdict."""
    if staged is None:
        return _stream(screened, writer, store, run_id)
    frames.write_parquet(screened, staged.resolve().as_uri())
    if store and run_id:
        return _stream(screened, None, store, run_id)
    return Counter(frames.verdict_counts(screened))


def _stream(
    screened: DataFrame, writer: Writer | None, store: RunStore | None, run_id: str | None
) -> Counter[str]:
    """Bring the findings to the driver in row order, for the writer and the store.

    The store gets each finding's JSON line as the task wrote it (the line
    `--format jsonl` writes), a batch at a time.
    """
    verdicts: Counter[str] = Counter()
    saver = RunSaver(store, run_id) if store and run_id else None
    for text in frames.findings_in_order(screened):
        finding = Finding.model_validate_json(text)
        verdicts[finding.verdict] += 1
        if writer is not None:
            writer.write(finding)
        if saver is not None:
            saver.add(FindingLine(finding.verdict, text))
    if saver is not None:
        saver.flush()
    return verdicts
