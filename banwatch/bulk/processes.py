"""The local engine on every core: records screened in worker processes, in input order.

Workers get their `Screening` as an argument, never from module state, so
any start method works. On Linux they are forked (`DEFAULT_START`) after the
registry and matcher are compiled, so they share them without copying; with
"spawn" each worker gets its own pickled copy, slower to start but the same
findings. Each record goes to the worker chosen by its name cells,
so a supplier repeated across a ledger is matched by one worker only and stays
in that worker's cache; matching a name is the expensive part, and doing it
once per name is what makes more workers faster. Records travel in blocks,
two blocks in flight so that no worker waits, and results are put back in
input order, so output never depends on timing. Row problems stay in their
block and are reported in their place among the records' cell warnings.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import multiprocessing.queues
import queue
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from multiprocessing.context import ForkContext, SpawnContext
from typing import Literal, TypeVar

from banwatch.model.findings import Finding
from banwatch.model.records import Record, Role, RowProblem
from banwatch.model.vocabulary import Verdict
from banwatch.screening.screen import Screened, Screening
from banwatch.writers import LineWriter, Writer

from .tally import Tally, deliver_findings, deliver_lines

BLOCK = 4000  # records read before they are shared out among the workers
T = TypeVar("T")
Start = Literal["fork", "spawn"]
DEFAULT_START: Start = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


# A record as it travels to a worker: plain tuples pickle at a third of the cost.
Packed = tuple[int, str, int, dict[str, str], dict[str, Role]]
# A screened line as it travels back: verdict, JSON text, cell warnings.
Line = tuple[Verdict, str, list[str]]


def _unpacked(packed: list[Packed]) -> list[Record]:
    return [Record(*p) for p in packed]


def _findings(screening: Screening, packed: list[Packed]) -> list[Finding]:
    return [screening.screen(r) for r in _unpacked(packed)]


def _lines(screening: Screening, packed: list[Packed]) -> list[Line]:
    out: list[Line] = []
    for r in _unpacked(packed):
        s = screening.screen_line(r)
        out.append((s.verdict, s.text, s.warnings))
    return out


def screen_in_processes(
    stream: Iterator[Record | RowProblem],
    screening: Screening,
    writer: Writer,
    tally: Tally,
    *,
    jobs: int,
    start: Start = DEFAULT_START,
) -> None:
    """Screen `stream` on `jobs` worker processes and write each finding, in input order.

    A writer that takes lines gets each finding as the JSON line its worker
    wrote: a line costs far less to send back than the finding it stands for.
    """
    if isinstance(writer, LineWriter):
        done = _reported(_in_processes(_lines, stream, screening, jobs, start), tally)
        lines = (Screened(v, text, w, r.file, r.line) for r, (v, text, w) in done)
        deliver_lines(lines, writer.write_line, tally)
    else:
        found = _reported(_in_processes(_findings, stream, screening, jobs, start), tally)
        deliver_findings((f for _, f in found), writer.write, tally)


def _reported(
    done: Iterator[tuple[Record, T] | RowProblem], tally: Tally
) -> Iterator[tuple[Record, T]]:
    """Screened records passed on; row problems among them reported in their place."""
    for item in done:
        if isinstance(item, RowProblem):
            tally.problem(str(item))
        else:
            yield item


def _worker(
    work: Callable[[Screening, list[Packed]], list[T]],
    screening: Screening,
    tasks: multiprocessing.queues.Queue[list[Packed] | None],
    results: multiprocessing.queues.Queue[tuple[bool, list[T] | BaseException]],
) -> None:
    while (records := tasks.get()) is not None:
        try:
            results.put((True, work(screening, records)))
        except BaseException as e:  # handed to the parent, which raises it
            results.put((False, e))


def _in_processes(
    work: Callable[[Screening, list[Packed]], list[T]],
    items: Iterator[Record | RowProblem],
    screening: Screening,
    jobs: int,
    start: Start,
) -> Iterator[tuple[Record, T] | RowProblem]:
    """Each record with its result, in input order; row problems passed on in their place."""
    context = _context(start)
    tasks = [context.Queue() for _ in range(jobs)]
    results = [context.Queue() for _ in range(jobs)]
    # Forked, a worker shares `screening` with this process; spawned, it gets a pickled copy.
    args = [(work, screening, tasks[k], results[k]) for k in range(jobs)]
    workers = [context.Process(target=_worker, args=a, daemon=True) for a in args]
    for w in workers:
        w.start()
    # Which columns hold names, per layout of columns (one per input file, mostly).
    name_columns: dict[int, list[str]] = {}
    # Blocks sent and not yet collected, with each record's (worker, position in its share).
    pending: list[tuple[list[Record | RowProblem], list[tuple[int, int]]]] = []
    try:
        while block := list(islice(items, BLOCK)):
            shares, places = _shared_out(block, jobs, name_columns)
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


def _shared_out(
    block: list[Record | RowProblem], jobs: int, name_columns: dict[int, list[str]]
) -> tuple[list[list[Packed]], list[tuple[int, int]]]:
    """Each worker's share of `block`'s records, and where each record went (worker, position)."""
    shares: list[list[Packed]] = [[] for _ in range(jobs)]
    places: list[tuple[int, int]] = []
    for r in block:
        if isinstance(r, RowProblem):
            continue
        names = name_columns.get(id(r.roles))
        if names is None:
            names = [c for c, role in r.roles.items() if role == "name"]
            name_columns[id(r.roles)] = names
        # The same name cells always go to the same worker.
        k = hash(tuple(map(r.values.get, names))) % jobs
        places.append((k, len(shares[k])))
        shares[k].append((r.row, r.file, r.line, r.values, r.roles))
    return shares, places


def _context(start: Start) -> ForkContext | SpawnContext:
    if start == "fork":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


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
    block: list[Record | RowProblem],
    places: list[tuple[int, int]],
    results: list[multiprocessing.queues.Queue[tuple[bool, list[T] | BaseException]]],
    workers: Sequence[multiprocessing.process.BaseProcess],
) -> Iterator[tuple[Record, T] | RowProblem]:
    """One block's records with their results from every worker, and its row problems, in order."""
    done: list[list[T]] = []
    for q, w in zip(results, workers, strict=True):
        ok, got = _next_result(q, w)
        if not ok:
            assert isinstance(got, BaseException)
            raise got
        assert isinstance(got, list)
        done.append(got)
    where = iter(places)
    for r in block:
        if isinstance(r, RowProblem):
            yield r
        else:
            k, i = next(where)
            yield r, done[k][i]
