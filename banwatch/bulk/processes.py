"""The local engine on every core: records screened in worker processes, in input order.

Workers are forked after the registry and matcher are compiled, so they share
them without copying; each keeps its own cache of names already matched.
Records travel to the workers in chunks and findings come back in the same
order (`Pool.imap`), so output order never depends on timing.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from itertools import islice
from typing import TypeVar

from banwatch.model.findings import Finding
from banwatch.model.records import Record
from banwatch.screening.screen import Screened, Screening

CHUNK = 2000
T = TypeVar("T")

# Set in the parent just before the pool forks; read by the workers.
_screening: Screening | None = None


def _screen_chunk(records: list[Record]) -> list[Finding]:
    assert _screening is not None, "worker started without a screening"
    return [_screening.screen(r) for r in records]


def _screen_chunk_lines(records: list[Record]) -> list[Screened]:
    assert _screening is not None, "worker started without a screening"
    return [_screening.screen_line(r) for r in records]


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while chunk := list(islice(records, size)):
        yield chunk


def screen_in_processes(
    records: Iterator[Record], screening: Screening, jobs: int
) -> Iterator[Finding]:
    """Screen `records` on `jobs` worker processes; findings come out in input order."""
    yield from _in_processes(_screen_chunk, records, screening, jobs)


def screen_lines_in_processes(
    records: Iterator[Record], screening: Screening, jobs: int
) -> Iterator[Screened]:
    """`screen_in_processes`, each finding already written as its JSON line by the worker.

    A line costs far less to send back than the finding it stands for.
    """
    yield from _in_processes(_screen_chunk_lines, records, screening, jobs)


def _in_processes(
    work: Callable[[list[Record]], list[T]],
    records: Iterator[Record],
    screening: Screening,
    jobs: int,
) -> Iterator[T]:
    global _screening
    _screening = screening
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=jobs) as pool:
        for done in pool.imap(work, _chunks(records, CHUNK)):
            yield from done
