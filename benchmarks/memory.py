"""Memory readings of this process for the benchmarks (Linux; no third-party package).

`rss_mib` is the resident set now (from /proc/self/statm), `peak_rss_mib` the
highest it has been since the process started (getrusage). The peak of a step
is only readable as "the process peak after the step" unless the step raised
it; `Footprint` records both so a reader can tell.
"""

from __future__ import annotations

import gc
import os
import resource
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
MIB = 1024 * 1024


def rss_mib() -> float:
    """Resident set size of this process now, in MiB."""
    with open("/proc/self/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / MIB


def peak_rss_mib() -> float:
    """Highest resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class Footprint:
    """Time and memory of one step."""

    seconds: float
    rss_before: float  # MiB
    rss_after: float  # MiB, after the step's garbage was collected
    peak_before: float  # MiB, the process high-water mark before the step
    peak_after: float  # MiB, the process high-water mark after the step

    @property
    def retained(self) -> float:
        """Resident memory the step's result keeps, in MiB."""
        return self.rss_after - self.rss_before

    @property
    def raised_peak(self) -> bool:
        """Whether the step set the process high-water mark (else its own peak is unknown)."""
        return self.peak_after > self.peak_before

    @property
    def peak_above_start(self) -> float:
        """How far above the starting RSS the process peaked during the step, in MiB.

        An upper bound when the step did not raise the process high-water mark.
        """
        return self.peak_after - self.rss_before


def measured(step: Callable[[], T]) -> tuple[T, Footprint]:
    """Run `step` once, timing it and reading RSS around it."""
    gc.collect()
    before, peak_before = rss_mib(), peak_rss_mib()
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    gc.collect()
    return result, Footprint(seconds, before, rss_mib(), peak_before, peak_rss_mib())


def traced_peak(step: Callable[[], object]) -> tuple[float, float]:
    """Peak and retained Python allocations of `step` under tracemalloc, in MiB.

    tracemalloc slows allocation several-fold, so this run is never the timed one;
    its result is dropped.
    """
    gc.collect()
    tracemalloc.start()
    try:
        result = step()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    gc.collect()
    return peak / MIB, current / MIB
