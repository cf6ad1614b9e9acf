"""The screening engines as peers behind one small interface.

An `Engine` takes a `Run` (inputs, profile, registry and matcher, writer,
store, warn, progress) and returns its `RunOutcome`. The three engines give
the same findings in the same order, the same messages and the same saved
run; only where the work runs differs:

- `OneProcess`: this process, a chunk of records at a time.
- `Processes`: worker processes on this machine, records shared out by name.
- `OnSpark`: Apache Spark tasks, on a local or remote cluster.

`banwatch screen` picks one with `engine_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from banwatch.pipeline import screen_and_save

from .one_process import screen_here
from .processes import DEFAULT_START, Start, screen_in_processes
from .run_records import Run, RunOutcome


class Engine(Protocol):
    """Screens a run, writes its findings, saves it, and says what it produced."""

    def run(self, run: Run) -> RunOutcome: ...


@dataclass(frozen=True)
class OneProcess:
    """The local engine on this process."""

    def run(self, run: Run) -> RunOutcome:
        return screen_and_save(run, screen_here)


@dataclass(frozen=True)
class Processes:
    """The local engine on `jobs` worker processes, started with `start` ("fork" or "spawn")."""

    jobs: int
    start: Start = DEFAULT_START

    def run(self, run: Run) -> RunOutcome:
        return screen_and_save(run, partial(screen_in_processes, jobs=self.jobs, start=self.start))


@dataclass(frozen=True)
class OnSpark:
    """Spark tasks on `master`; findings to the run's writer, or as Parquet at `parquet`."""

    master: str
    parquet: Path | None = None
    split_bytes: int | None = None  # CSV files above this size are read by several tasks

    def run(self, run: Run) -> RunOutcome:
        # Imported here: pyspark is an optional dependency, needed only by this engine.
        from .spark.engine import screen_on_spark

        return screen_on_spark(run, self.master, self.parquet, self.split_bytes)


def local_engine(jobs: int) -> Engine:
    """The local engine on `jobs` processes."""
    return OneProcess() if jobs <= 1 else Processes(jobs)


def engine_for(local: bool, jobs: int, master: str, parquet: Path | None) -> Engine:
    """The engine a `banwatch screen` request asks for."""
    return local_engine(jobs) if local else OnSpark(master, parquet)
