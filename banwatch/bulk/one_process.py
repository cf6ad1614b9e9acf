"""The local engine on one process: records read, screened and written a chunk at a time.

At most `CHUNK` records are held, so memory stays flat whatever the input's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from operator import attrgetter
from typing import TypeVar

from banwatch.model.records import Record, RowProblem
from banwatch.screening.screen import Judgement, Screened, Screening
from banwatch.writers import LineWriter, Writer

from .tally import PROGRESS_EVERY, Tally, deliver_findings, readable

CHUNK = 2000  # records judged together on the line path
_warned = attrgetter("warnings")
_verdict = attrgetter("verdict")
T = TypeVar("T")


def screen_here(
    stream: Iterator[Record | RowProblem], screening: Screening, writer: Writer, tally: Tally
) -> None:
    """Screen `stream` in this process and write each finding, in input order.

    A writer that takes lines gets them straight from screening, and the
    store gets the same lines: no finding is built as an object. Any other
    writer gets findings, and the store their `model_dump_json()`.
    """
    if isinstance(writer, LineWriter):
        _write_lines(stream, screening, writer, tally)
    else:
        deliver_findings(map(screening.screen, readable(stream, tally)), writer.write, tally)


def _write_lines(
    items: Iterator[Record | RowProblem], screening: Screening, writer: LineWriter, tally: Tally
) -> None:
    """Screened lines, counted, written and kept (for the store), as one loop.

    The same steps as `tally.deliver_lines`, without a generator per step (on
    a million rows those cost a second), with records judged `CHUNK` at a
    time (`Screening.judge_all`). A chunk with nothing to report and nothing
    to keep is written in bulk (`_write_plain`); any other goes row by row
    (`_write_each`), so messages stay in input order between the lines.
    """
    n = 0
    for chunk in _chunks(items, CHUNK):
        records = [item for item in chunk if not isinstance(item, RowProblem)]
        judged = screening.judge_all(records)
        if len(records) == len(chunk) and tally.keep is None and not any(map(_warned, judged)):
            _write_plain(records, judged, screening, writer, tally, n)
        else:
            _write_each(chunk, judged, screening, writer, tally, n)
        n += len(records)
    tally.finished(n)


def _write_plain(
    records: list[Record],
    judged: list[Judgement],
    screening: Screening,
    writer: LineWriter,
    tally: Tally,
    done: int,
) -> None:
    """Write the lines of `records`, none with a message, after `done` records, and count them."""
    write = writer.write_line
    for text in screening.line_texts(records, judged):
        write(text)
    tally.verdicts.update(map(_verdict, judged))
    first = done + PROGRESS_EVERY - done % PROGRESS_EVERY
    for n in range(first, done + len(records) + 1, PROGRESS_EVERY):
        tally.now_and_then(n)


def _write_each(
    chunk: list[Record | RowProblem],
    judged: list[Judgement],
    screening: Screening,
    writer: LineWriter,
    tally: Tally,
    done: int,
) -> None:
    """Write and keep the lines of `chunk` one by one, its problems and warnings reported between.

    A `Screened` is made only for the store.
    """
    write, keep, verdicts, problem = writer.write_line, tally.keep, tally.verdicts, tally.problem
    text_of = screening.line_text
    n = done
    each = iter(judged)
    for item in chunk:
        if isinstance(item, RowProblem):
            problem(str(item))
            continue
        j = next(each)
        for w in j.warnings:
            problem(f"{item.file}: line {item.line}: {w}")
        verdicts[j.verdict] += 1
        text = text_of(item, j)
        write(text)
        if keep is not None:
            keep(Screened(j.verdict, text, j.warnings, item.file, item.line, item.row, j))
        n += 1
        if n % PROGRESS_EVERY == 0:
            tally.now_and_then(n)


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter)."""
    while chunk := list(islice(items, size)):
        yield chunk
