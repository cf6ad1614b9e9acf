"""A screening run end to end: read records, screen them, write findings, save the run.

This is the I/O edge around the pure core. Findings are streamed: records are
read, screened and written a chunk at a time (at most `CHUNK` records held),
so memory stays flat. The
run is saved through the store so that an interrupted run leaves nothing
visible behind (the store commits the run only when it is complete).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Finding
from banwatch.model.profile import Profile
from banwatch.model.records import Record, RowProblem
from banwatch.model.registry import Registry
from banwatch.readers import Inputs
from banwatch.screening.screen import Screened, Screening
from banwatch.store import (
    FindingLine,
    InputColumns,
    RunMeta,
    RunProfile,
    RunSaver,
    RunStore,
    SavedLine,
    input_digest,
)
from banwatch.writers import LineWriter, Summary, Writer

CHUNK = 2000  # records judged together on the one-process line path
F = TypeVar("F", Finding, Screened)
T = TypeVar("T")
PROGRESS_EVERY = 500
SETTLE_EVERY = 20_000  # rows between two freezes of what the run keeps (caches grow)
YOUNG_OBJECTS = 50_000  # new objects between two collections of the youngest generation


@dataclass(frozen=True)
class RunOutcome:
    """What a run produced."""

    run_id: str | None
    verdicts: Counter[str]
    problems: int


def readable(items: Iterator[Record | RowProblem], warn: Callable[[str], None]) -> Iterator[Record]:
    """The records that could be read; each unreadable row is reported to `warn`."""
    for item in items:
        if isinstance(item, RowProblem):
            warn(str(item))
        else:
            yield item


def screen_records(
    items: Iterator[Record | RowProblem],
    screening: Screening,
    warn: Callable[[str], None],
    jobs: int = 1,
) -> Iterator[Finding]:
    """Screen readable records in input order, on `jobs` processes.

    Unreadable rows and unusable cells are reported to `warn`, one line each.
    """
    from banwatch.bulk.processes import screen_in_processes

    return _screened(items, warn, jobs, screening.screen, screen_in_processes, screening)


def screen_lines(
    items: Iterator[Record | RowProblem],
    screening: Screening,
    warn: Callable[[str], None],
    jobs: int = 1,
) -> Iterator[Screened]:
    """`screen_records`, each finding handed on as its JSON line."""
    from banwatch.bulk.processes import screen_lines_in_processes

    return _screened(items, warn, jobs, screening.screen_line, screen_lines_in_processes, screening)


def _screened(
    items: Iterator[Record | RowProblem],
    warn: Callable[[str], None],
    jobs: int,
    one: Callable[[Record], F],
    many: Callable[[Iterator[Record], Screening, int], Iterator[F]],
    screening: Screening,
) -> Iterator[F]:
    records = readable(items, warn)
    done = many(records, screening, jobs) if jobs > 1 else map(one, records)
    for item in done:
        for w in item.warnings:
            warn(f"{item.file}: line {item.line}: {w}")
        yield item


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
    """Screen every record of `inputs`, write each finding, and save the run in `store`.

    Row problems and cell warnings go to `warn` as they are met, one line each;
    `progress` is told how many records are done, now and then.
    """
    _settle()
    screening = Screening(registry, matcher, profile, explain)
    problems = 0
    verdicts: Counter[str] = Counter()

    def counted(message: str) -> None:
        nonlocal problems
        problems += 1
        warn(message)

    stream = inputs.records()
    run_id = store.begin_run(run_meta(inputs, profile, registry, matcher)) if store else None
    saver = RunSaver(store, run_id) if store and run_id else None
    with _fewer_young_collections():
        try:
            _screen_and_write(stream, screening, writer, counted, verdicts, progress, jobs, saver)
            if saver is not None:
                saver.flush()
                saver.store.finish_run(saver.run_id, dict(verdicts))
        except BaseException:
            if store and run_id:
                store.abort_run(run_id)
            raise
    writer.close(run_summary(run_id, profile, registry, matcher, verdicts, problems))
    return RunOutcome(run_id, verdicts, problems)


def _screen_and_write(
    stream: Iterator[Record | RowProblem],
    screening: Screening,
    writer: Writer,
    warn: Callable[[str], None],
    verdicts: Counter[str],
    progress: Callable[[int], None] | None,
    jobs: int,
    saver: RunSaver | None,
) -> None:
    """Screen `stream`, write each finding, and hand its JSON line to `saver` if any.

    A writer that takes lines gets them straight from screening, and the
    store gets the same lines: no finding is built as an object. Any other
    writer gets findings, and the store their `model_dump_json()`.
    """
    keep = saver.add if saver is not None else None
    if isinstance(writer, LineWriter) and jobs == 1:
        _write_lines(stream, screening, writer, warn, verdicts, progress, keep)
    elif isinstance(writer, LineWriter):
        for line in _counted(screen_lines(stream, screening, warn, jobs), verdicts, progress):
            writer.write_line(line.text)
            if keep is not None:
                keep(line)
    else:
        for finding in _counted(screen_records(stream, screening, warn, jobs), verdicts, progress):
            writer.write(finding)
            if keep is not None:
                keep(FindingLine(finding.verdict, finding.model_dump_json()))


@contextmanager
def _fewer_young_collections() -> Iterator[None]:
    """Collect the garbage collector's youngest generation every `YOUNG_OBJECTS` objects.

    A run makes millions of short-lived containers (a dict per row, tuples
    per cell); at Python's default of 700 the collector walks the young
    objects some 20,000 times in a million rows, and most of them would have
    died anyway. Objects are still freed as soon as nothing refers to them;
    only reference cycles wait longer. The setting is restored afterwards.
    """
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_OBJECTS), *older)
    try:
        yield
    finally:
        gc.set_threshold(young, *older)


def _settle() -> None:
    """Exempt everything alive now from the garbage collector's later walks.

    What is alive is the registry, the compiled index and screening's caches,
    millions of objects that live as long as the run. Left in the collector's
    oldest generation, they would be walked again and again (a fifth of the
    time of a large run); frozen, they are not, and forked workers do not copy
    the memory that walking them would touch. No full collection comes first:
    walking millions of objects once costs seconds, and the garbage it could
    find (reference cycles left by building the index) is small. Objects
    still die as soon as nothing refers to them, and new objects are
    collected as usual; every `SETTLE_EVERY` rows what the run has kept since
    (its caches) is frozen too.
    """
    gc.freeze()


def _counted(
    done: Iterator[F], verdicts: Counter[str], progress: Callable[[int], None] | None
) -> Iterator[F]:
    """Pass screened records on, counting their verdicts and telling `progress` now and then."""
    n = 0
    for n, item in enumerate(done, 1):
        verdicts[item.verdict] += 1
        yield item
        if n % PROGRESS_EVERY == 0:
            _now_and_then(n, progress)
    if progress:
        progress(n)


def _now_and_then(n: int, progress: Callable[[int], None] | None) -> None:
    """Every `PROGRESS_EVERY` records: tell `progress`, and freeze the run's caches now and then."""
    if progress:
        progress(n)
    if n % SETTLE_EVERY == 0:
        _settle()


def _write_lines(
    items: Iterator[Record | RowProblem],
    screening: Screening,
    writer: LineWriter,
    warn: Callable[[str], None],
    verdicts: Counter[str],
    progress: Callable[[int], None] | None,
    keep: Callable[[SavedLine], None] | None = None,
) -> None:
    """`screen_lines` on one process, counted, written and kept (for the store), as one loop.

    The same steps as the chain of generators the other paths take, without
    a generator per step (on a million rows those cost a second), and with
    records judged `CHUNK` at a time (`Screening.judge_all`).
    """
    write = writer.write_line
    n = 0
    for chunk in _chunks(items, CHUNK):
        records = [item for item in chunk if not isinstance(item, RowProblem)]
        done = iter(screening.screen_lines(records))
        for item in chunk:
            if isinstance(item, RowProblem):
                warn(str(item))
                continue
            line = next(done)
            for w in line.warnings:
                warn(f"{line.file}: line {line.line}: {w}")
            verdicts[line.verdict] += 1
            write(line.text)
            if keep is not None:
                keep(line)
            n += 1
            if n % PROGRESS_EVERY == 0:
                _now_and_then(n, progress)
    if progress:
        progress(n)


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter)."""
    while chunk := list(islice(items, size)):
        yield chunk


def run_meta(inputs: Inputs, profile: Profile, registry: Registry, matcher: Matcher) -> RunMeta:
    """What a run records about itself before its first finding."""
    return RunMeta(
        input_files=[f.label for f in inputs.files],
        input_digest=input_digest(inputs.paths),
        as_of=profile.as_of,
        profile=RunProfile(
            jurisdictions=list(profile.jurisdictions),
            sector=profile.sector,
            acts=list(profile.acts),
            level=profile.level,
        ),
        registry_version=registry.version,
        matcher_version=matcher.version,
        columns=[
            InputColumns(file=label, roles=dict(columns.roles), passed=list(columns.passed()))
            for label, columns in inputs.layout()
        ],
    )


def run_summary(
    run_id: str | None,
    profile: Profile,
    registry: Registry,
    matcher: Matcher,
    verdicts: Counter[str],
    problems: int,
) -> Summary:
    """What a finished run tells its writer, whichever engine ran it."""
    return Summary(
        run_id=run_id,
        as_of=profile.as_of.isoformat(),
        profile=describe_profile(profile),
        registry_version=registry.version,
        matcher_version=matcher.version,
        verdicts=verdicts,
        problems=problems,
    )


def describe_profile(profile: Profile) -> str:
    """The profile in words, for headers and logs."""
    where = ", ".join(profile.jurisdictions) or "all jurisdictions"
    who: str = profile.sector or "any sector (worst case)"
    if profile.level is not None:
        who = f"{who}, {profile.level} level"
    asked = ", ".join(profile.asked_acts)
    acts = f", acts: {asked}" if profile.acts else f", acts: {asked} (default)"
    return f"{who} in {where}{acts}"
