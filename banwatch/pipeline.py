"""A screening run end to end: begin the run, let an engine screen and write, save the run.

This is the I/O edge around the pure core, common to the local engines
(`bulk.engine`): the run is begun in the store before the first finding,
finished when the last one is written and aborted on any failure, so an
interrupted run leaves nothing visible behind (the store commits the run
only when it is complete). How records are screened (here, on worker
processes) is the engine's `Screener`. Findings are streamed, so memory
stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from banwatch.bulk.collector import fewer_young_collections, settle
from banwatch.bulk.run_records import (
    Run,
    RunOutcome,
    describe_profile,
    run_meta,
    run_summary,
)
from banwatch.bulk.tally import Tally
from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.records import Record, RowProblem
from banwatch.model.registry import Registry
from banwatch.readers import Inputs
from banwatch.screening.screen import Screening
from banwatch.store import RunSaver, RunStore
from banwatch.writers import Writer

__all__ = [
    "RunOutcome",
    "Screener",
    "describe_profile",
    "run_meta",
    "run_screening",
    "run_summary",
    "screen_and_save",
]

Screener = Callable[[Iterator[Record | RowProblem], Screening, Writer, Tally], None]
"""How an engine screens a stream of records and writes each finding, told to a `Tally`."""


def run_screening(
    inputs: Inputs,
    profile: Profile,
    registry: Registry,
    matcher: Matcher,
    writer: Writer,
    store: RunStore | None,
    warn: Callable[[str], None],
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    explain: bool = False,
) -> RunOutcome:
    """Screen every record of `inputs` on `jobs` local processes, write each finding, save the run.

    Row problems and cell warnings go to `warn` as they are met, one line each;
    `progress` is told how many records are done, now and then.
    """
    # Frozen before anything else allocates: an index just read from disk (read
    # with the collector paused) is owed a full collection, which walking its
    # millions of objects makes cost seconds, and the first allocations of a
    # run (these imports, the first rows) would set it off before
    # `screen_and_save` freezes them.
    settle()
    # Imported here: the engines build on this module's `screen_and_save`.
    from banwatch.bulk.engine import local_engine

    run = Run(inputs, profile, registry, matcher, writer, store, warn, progress, explain)
    return local_engine(jobs).run(run)


def screen_and_save(run: Run, screener: Screener) -> RunOutcome:
    """Screen `run` with `screener`, writing each finding and saving the run in its store."""
    if run.writer is None:
        raise ValueError("a local run needs a writer for its findings")
    settle()
    screening = Screening(run.registry, run.matcher, run.profile, run.explain)
    store = run.store
    run_id = (
        store.begin_run(run_meta(run.inputs, run.profile, run.registry, run.matcher))
        if store
        else None
    )
    saver = RunSaver(store, run_id) if store and run_id else None
    tally = Tally(run.warn, run.progress, saver.add if saver is not None else None)
    with fewer_young_collections():
        try:
            screener(run.inputs.records(), screening, run.writer, tally)
            if saver is not None:
                saver.flush()
                saver.store.finish_run(saver.run_id, dict(tally.verdicts))
        except BaseException:
            if store and run_id:
                store.abort_run(run_id)
            raise
    summary = run_summary(
        run_id, run.profile, run.registry, run.matcher, tally.verdicts, tally.problems
    )
    run.writer.close(summary)
    return RunOutcome(run_id, tally.verdicts, tally.problems)
