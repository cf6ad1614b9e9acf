"""The local engine on every core: records screened in worker processes, in input order.

Workers are forked after the registry and matcher are compiled, so they share
them without copying; each keeps its own cache of names already matched.
Records travel to the workers in chunks and findings come back in the same
order (`Pool.imap`), so output order never depends on timing.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from itertools import islice

from banwatch.model.findings import Finding
from banwatch.model.records import Record
from banwatch.screening.screen import Screening

CHUNK = 2000

# Set in the parent just before the pool forks; read by the workers.
_screening: Screening | None = None


def _screen_chunk(records: list[Record]) -> list[Finding]:
    assert _screening is not None, "worker started without a screening"
    return [_screening.screen(r) for r in records]


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while chunk := list(islice(records, size)):
        yield chunk


def screen_in_processes(
    records: Iterator[Record], screening: Screening, jobs: int
) -> Iterator[Finding]:
    """Screen `records` on `jobs` worker processes; findings come out in input order."""
    global _screening
    _screening = screening
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=jobs) as pool:
        for findings in pool.imap(_screen_chunk, _chunks(records, CHUNK)):
            yield from findings
