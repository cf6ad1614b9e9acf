"""The local engine on every core: records screened in worker processes, in input order.

Workers are forked after the registry and matcher are compiled, so they share
them without copying. Each record goes to the worker chosen by its name cells,
so a supplier repeated across a ledger is matched by one worker only and stays
in that worker's cache; matching a name is the expensive part, and doing it
once per name is what makes more workers faster. Records travel in blocks,
two blocks in flight so that no worker waits, and results are put back in
input order, so output never depends on timing.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import multiprocessing.queues
import queue
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from banwatch.model.findings import Finding
from banwatch.model.records import Record, Role
from banwatch.model.vocabulary import Verdict
from banwatch.screening.screen import Screened, Screening

BLOCK = 4000  # records read before they are shared out among the workers
T = TypeVar("T")

# Set in the parent just before the workers fork; read by them.
_screening: Screening | None = None


# A record as it travels to a worker: plain tuples pickle at a third of the cost.
Packed = tuple[int, str, int, dict[str, str], dict[str, Role]]
# A screened line as it travels back: verdict, JSON text, cell warnings.
Line = tuple[Verdict, str, list[str]]


def _unpacked(packed: list[Packed]) -> list[Record]:
    return [Record(*p) for p in packed]


def _findings(packed: list[Packed]) -> list[Finding]:
    assert _screening is not None, "worker started without a screening"
    return [_screening.screen(r) for r in _unpacked(packed)]


def _lines(packed: list[Packed]) -> list[Line]:
    assert _screening is not None, "worker started without a screening"
    out: list[Line] = []
    for r in _unpacked(packed):
        s = _screening.screen_line(r)
        out.append((s.verdict, s.text, s.warnings))
    return out


def screen_in_processes(
    records: Iterator[Record], screening: Screening, jobs: int
) -> Iterator[Finding]:
    """Screen `records` on `jobs` worker processes; findings come out in input order."""
    for _, finding in _in_processes(_findings, records, screening, jobs):
        yield finding


def screen_lines_in_processes(
    records: Iterator[Record], screening: Screening, jobs: int
) -> Iterator[Screened]:
    """`screen_in_processes`, each finding already written as its JSON line by the worker.

    A line costs far less to send back than the finding it stands for.
    """
    for r, (verdict, text, warnings) in _in_processes(_lines, records, screening, jobs):
        yield Screened(verdict, text, warnings, r.file, r.line)


def _worker(
    work: Callable[[list[Packed]], list[T]],
    tasks: multiprocessing.queues.Queue[list[Packed] | None],
    results: multiprocessing.queues.Queue[tuple[bool, list[T] | BaseException]],
) -> None:
    while (records := tasks.get()) is not None:
        try:
            results.put((True, work(records)))
        except BaseException as e:  # handed to the parent, which raises it
            results.put((False, e))


def _in_processes(
    work: Callable[[list[Packed]], list[T]],
    records: Iterator[Record],
    screening: Screening,
    jobs: int,
) -> Iterator[tuple[Record, T]]:
    global _screening
    _screening = screening
    context = multiprocessing.get_context("fork")
    tasks = [context.Queue() for _ in range(jobs)]
    results = [context.Queue() for _ in range(jobs)]
    workers = [
        context.Process(target=_worker, args=(work, tasks[k], results[k]), daemon=True)
        for k in range(jobs)
    ]
    for w in workers:
        w.start()
    # Which columns hold names, per layout of columns (one per input file, mostly).
    name_columns: dict[int, list[str]] = {}
    # Blocks sent and not yet collected, with each record's (worker, position in its share).
    pending: list[tuple[list[Record], list[tuple[int, int]]]] = []
    try:
        while block := list(islice(records, BLOCK)):
            shares: list[list[Packed]] = [[] for _ in range(jobs)]
            places: list[tuple[int, int]] = []
            for r in block:
                names = name_columns.get(id(r.roles))
                if names is None:
                    names = [c for c, role in r.roles.items() if role == "name"]
                    name_columns[id(r.roles)] = names
                # The same name cells always go to the same worker.
                k = hash(tuple(map(r.values.get, names))) % jobs
                places.append((k, len(shares[k])))
                shares[k].append((r.row, r.file, r.line, r.values, r.roles))
            for k in range(jobs):
                tasks[k].put(shares[k])
            pending.append((block, places))
            if len(pending) > 1:
                yield from _collect(*pending.pop(0), results, workers)
        while pending:
            yield from _collect(*pending.pop(0), results, workers)
        for q in tasks:
            q.put(None)
        for w in workers:
            w.join()
    finally:
        for w in workers:
            if w.is_alive():
                w.terminate()
        for q in (*tasks, *results):
            q.close()
            q.cancel_join_thread()


def _next_result(
    q: multiprocessing.queues.Queue[tuple[bool, list[T] | BaseException]],
    worker: multiprocessing.process.BaseProcess,
) -> tuple[bool, list[T] | BaseException]:
    """The worker's next result; an error if it died without sending one (killed, out of memory)."""
    while True:
        try:
            return q.get(timeout=1.0)
        except queue.Empty:
            if not worker.is_alive():
                raise RuntimeError(
                    f"a screening worker process stopped (exit code {worker.exitcode})"
                ) from None


def _collect(
    block: list[Record],
    places: list[tuple[int, int]],
    results: list[multiprocessing.queues.Queue[tuple[bool, list[T] | BaseException]]],
    workers: Sequence[multiprocessing.process.BaseProcess],
) -> Iterator[tuple[Record, T]]:
    """One block's records with their results from every worker, in the block's input order."""
    done: list[list[T]] = []
    for q, w in zip(results, workers, strict=True):
        ok, got = _next_result(q, w)
        if not ok:
            assert isinstance(got, BaseException)
            raise got
        assert isinstance(got, list)
        done.append(got)
    for r, (k, i) in zip(block, places, strict=True):
        yield r, done[k][i]
