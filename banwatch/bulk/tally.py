"""What every local engine does around each screened record: count it, report it, keep it.

Invariants:
- Row problems and cell warnings go to `Tally.problem` in input order, one
  line each, and each one counts as a problem of the run.
- Every `PROGRESS_EVERY` records `progress` hears how many are done, and the
  run's caches are frozen now and then (`collector.settle_now_and_then`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from banwatch.model.findings import Finding
from banwatch.model.records import Record, RowProblem
from banwatch.screening.screen import Screened
from banwatch.store import FindingLine, SavedLine

from .collector import settle_now_and_then

PROGRESS_EVERY = 500
F = TypeVar("F", Finding, Screened)


@dataclass
class Tally:
    """A run's counts so far, and where its messages, progress and saved lines go."""

    warn: Callable[[str], None]
    progress: Callable[[int], None] | None = None
    keep: Callable[[SavedLine], None] | None = None  # the run saver's `add`, when saving
    verdicts: Counter[str] = field(default_factory=Counter)
    problems: int = 0

    def problem(self, message: str) -> None:
        """Report one row problem or cell warning."""
        self.problems += 1
        self.warn(message)

    def now_and_then(self, done: int) -> None:
        """Called every `PROGRESS_EVERY` records with how many are done."""
        if self.progress:
            self.progress(done)
        settle_now_and_then(done)

    def finished(self, done: int) -> None:
        """Called once all `done` records are through."""
        if self.progress:
            self.progress(done)


def readable(items: Iterator[Record | RowProblem], tally: Tally) -> Iterator[Record]:
    """The records that could be read; each unreadable row is reported to `tally`."""
    for item in items:
        if isinstance(item, RowProblem):
            tally.problem(str(item))
        else:
            yield item


def counted(done: Iterator[F], tally: Tally) -> Iterator[F]:
    """Screened records passed on, their cell warnings reported and their verdicts counted."""
    n = 0
    for n, item in enumerate(done, 1):
        for w in item.warnings:
            tally.problem(f"{item.file}: line {item.line}: {w}")
        tally.verdicts[item.verdict] += 1
        yield item
        if n % PROGRESS_EVERY == 0:
            tally.now_and_then(n)
    tally.finished(n)


def deliver_lines(lines: Iterator[Screened], write: Callable[[str], None], tally: Tally) -> None:
    """Write each screened JSON line and hand it to the store, counted and reported."""
    keep = tally.keep
    for line in counted(lines, tally):
        write(line.text)
        if keep is not None:
            keep(line)


def deliver_findings(
    findings: Iterator[Finding], write: Callable[[Finding], None], tally: Tally
) -> None:
    """Write each finding and hand the store its JSON line, counted and reported."""
    keep = tally.keep
    for finding in counted(findings, tally):
        write(finding)
        if keep is not None:
            keep(FindingLine(finding.verdict, finding.model_dump_json()))
