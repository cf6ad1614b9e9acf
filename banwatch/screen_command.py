"""`banwatch screen` as a library function: one `ScreenRequest` in, counts per verdict out.

Before screening, one line per file on standard error says which column is
read as what. A file is written beside the output and renamed into place
only when the run succeeded (`writers.destination`); `--strict` holds
standard output back until then too. `--summary` adds one line per matched
entity: after the table, else on standard output when the findings go to a
file, else on standard error.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from banwatch.alerts.saved_runs import audit_screening, not_clear, open_run_alerts
from banwatch.bulk.engine import engine_for
from banwatch.bulk.run_records import Run
from banwatch.errors import UsageError
from banwatch.loading import compiled_matcher
from banwatch.model.registry import Registry
from banwatch.notices import stop, warn
from banwatch.progress import progress_bar
from banwatch.readers import Inputs, open_inputs
from banwatch.readers.counting import count_records
from banwatch.requests import ScreenRequest
from banwatch.settings import Settings
from banwatch.store import RunStore
from banwatch.store.alerts import AlertStore
from banwatch.store.audit import AuditLog
from banwatch.writers import FILE_FORMATS, Writer, open_file_writer, open_writer
from banwatch.writers.destination import STDOUT, Destination, guarded, translated
from banwatch.writers.entities import EntityTally, Tallied


def screen_files(request: ScreenRequest, settings: Settings) -> dict[str, int]:
    """Screen the request's files, write the findings where it says; return counts per verdict."""
    dataset = _spark_dataset(request)
    _check_not_an_input(request.output, request.paths)
    destination = None if dataset else Destination(request.output, hold=request.strict)
    tally = EntityTally() if request.summary else None
    try:
        writer = None
        if destination is not None:
            writer = _output_writer(request, destination, tally)
        verdicts = _screen(request, settings, writer, dataset)
        if destination is not None:
            destination.publish()
    except BaseException:
        if destination is not None:
            destination.discard()
        raise
    if tally is not None and request.fmt != "table":
        out = sys.stdout if request.output is not None else sys.stderr
        with translated(STDOUT if out is sys.stdout else "standard error"):
            out.write("".join(f"{line}\n" for line in tally.lines()))
            out.flush()
    return verdicts


def _spark_dataset(request: ScreenRequest) -> Path | None:
    """The Parquet dataset Spark writes itself, checked before any work; else None."""
    if request.local:
        return None
    from banwatch.bulk.spark import require_spark

    require_spark()
    if request.fmt != "parquet" or request.output is None:
        return None
    from banwatch.bulk.spark.output import check_destination

    check_destination(request.output)  # before any file is opened
    if request.summary:
        raise UsageError("--summary needs the findings here: not with a Parquet dataset on Spark")
    return request.output


def _check_not_an_input(output: Path | None, paths: tuple[Path, ...]) -> None:
    if output is None or not output.is_file():
        return
    for p in paths:
        if p.is_file() and output.samefile(p):
            raise UsageError(f"--output {output} is also an input: it would be replaced")


def _output_writer(
    request: ScreenRequest, destination: Destination, tally: EntityTally | None
) -> Writer:
    """The writer of the request's format to `destination`, its errors naming it."""
    if request.fmt in FILE_FORMATS:
        assert destination.staged is not None  # a binary format always has a file
        with translated(destination.name):
            writer = open_file_writer(request.fmt, destination.staged)
    else:
        writer = open_writer(
            request.fmt,
            destination.text(),
            color=request.color,
            all_measures=request.all_measures,
            entities=tally,
        )
    if tally is not None:
        writer = Tallied(writer, tally)
    return guarded(writer, destination.name)


def _screen(
    request: ScreenRequest, settings: Settings, writer: Writer | None, dataset: Path | None
) -> dict[str, int]:
    """Read, screen and write: the run itself, on this machine or on Spark."""
    inputs = open_inputs(request.paths, request.columns)
    _tell_columns(inputs)
    expected = count_records(request.paths) if request.local and request.show_progress else 0
    matcher = compiled_matcher(settings)
    store = RunStore(settings.database_url) if request.save else None
    told = stop if request.strict else warn
    engine = engine_for(request.local, request.jobs, request.spark_master, dataset)
    try:
        with progress_bar(expected, request.show_progress and request.local) as progress:
            run = Run(
                inputs,
                request.profile,
                matcher.registry,
                matcher,
                writer,
                store,
                told,
                progress,
                request.explain,
            )
            outcome = engine.run(run)
        if store is not None and outcome.run_id is not None:
            _after_saving(settings, matcher.registry, store, outcome.run_id)
    finally:
        if store:
            store.close()
    return dict(outcome.verdicts)


def _tell_columns(inputs: Inputs) -> None:
    for label, read in inputs.layout():
        sys.stderr.write(f"banwatch: columns of {label}: {read.describe()}\n")


def _after_saving(settings: Settings, registry: Registry, store: RunStore, run_id: str) -> None:
    """Open the saved run's alerts and write its audit entry, as the server does for its runs."""
    with AlertStore(settings.database_url) as alerts, AuditLog(settings.database_url) as log:
        open_run_alerts(alerts, registry, run_id, not_clear(store.lines(run_id)))
        audit_screening(log, store.get_run(run_id), f"cli {getpass.getuser()}")
