"""Distinct names screened per second per core against the real registry + 500,000 names.

Run: `.venv/bin/python benchmarks/names_per_second.py [--quick] [--profile]`.

Steps, all with fixed seeds: build the universe (`universe.py`) into the
registry; compile the matcher, timing it and reading memory (RSS around the
timed compile, then tracemalloc's peak over a second, untimed compile); draw
20,000 distinct query names (`queries.py`) and time
`matcher.names.search(name, threshold)` (a name at a time, as a single
lookup calls it) for each in this one process (one core), after one untimed
search that loads the compiled search, with the garbage of building
collected and what is alive frozen for the garbage collector (as
`run_screening` does); time the whole `Matcher.match(Record)` path on 5,000
further names; then, in `ROUNDS` (5) turns, time 20,000 further distinct names
searched 2,000 at a time (`NameIndex.search_names`), as the screen searches
the new names of the records it judges together (with its garbage-collector
setting, `collector.fewer_young_collections`), and score a sample of the
first names with nomenklatura's logic-v2 in its own environment
(`nomenklatura_compare.py`). The rate as the screen searches (in batches,
where the commit can) is the median of the rounds, the ratio to
nomenklatura the median of the rounds' ratios. Only public functions of
banwatch are used.

Names are timed in their drawn (random) order until all are done or the time
budget is spent, so a slow matcher gives an unbiased sample instead of a
run that never ends; the output says how many were timed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

import nomenklatura_compare
from memory import Footprint, measured, traced_peak
from queries import draw_queries, registry_names
from universe import SEED, SIZE, Universe, build_universe

from banwatch.matching.matcher import Matcher, compile_matcher
from banwatch.model.records import Record
from banwatch.model.registry import Registry

QUERIES = 20_000
MATCH_QUERIES = 5_000
SEARCH_BUDGET = 60.0  # seconds of timed search at most
MATCH_BUDGET = 30.0
# Names searched together: the screen judges 2,000 records at a time and searches
# their new names at once (`Screening.judge_all`, `bulk/one_process.CHUNK`).
BATCH = 2_000
PROFILE_BUDGET = 20.0
# Turns of banwatch's batches and nomenklatura's pairs: the machine's speed drifts
# over minutes, and the median of a few turns taken in alternation is steadier.
ROUNDS = 5
TARGET_NAMES_PER_SECOND = 20_000


@dataclass(frozen=True)
class IndexBuild:
    """What compiling the matcher cost."""

    names: int  # names in the registry and universe (before pinyin and other derived names)
    footprint: Footprint
    traced_peak: float | None  # MiB of Python allocations at the peak of a traced compile
    traced_retained: float | None


@dataclass
class Timing:
    """Per-name timings of one screening path over a list of distinct names.

    The rate per core divides by the process's CPU time over the loop, which
    other work on a shared machine does not inflate; wall-clock latencies per
    name give the quantiles and the breakdown by kind.
    """

    drawn: int
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    hits: int = 0  # names with at least one result
    cpu_seconds: float = 0.0

    @property
    def timed(self) -> int:
        return len(self.latencies)

    @property
    def seconds(self) -> float:
        """Wall-clock seconds spent in the timed calls."""
        return sum(self.latencies)

    @property
    def rate(self) -> float:
        """Names per CPU-second: names per second on one core."""
        return self.timed / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def wall_rate(self) -> float:
        """Names per wall-clock second in this one process."""
        return self.timed / self.seconds if self.seconds else 0.0

    def quantile(self, q: float) -> float:
        """Latency quantile in milliseconds."""
        if len(self.latencies) < 2:
            return 1000 * (self.latencies[0] if self.latencies else 0.0)
        return 1000 * statistics.quantiles(self.latencies, n=100)[int(q * 100) - 1]


def name_count(registry: Registry) -> int:
    """Every name of every entity: what the index is built from."""
    return sum(len(e.all_names()) for e in registry.entities.values())


def build_index(registry: Registry, trace: bool = True) -> tuple[Matcher, IndexBuild]:
    """Compile the matcher once timed, then (if `trace`) once more under tracemalloc."""
    matcher, footprint = measured(lambda: compile_matcher(registry))
    peak = retained = None
    if trace:
        peak, retained = traced_peak(lambda: compile_matcher(registry))
    return matcher, IndexBuild(name_count(registry), footprint, peak, retained)


def _timed(
    queries: Sequence[tuple[str, str]], budget: float, call: Callable[[int, str], bool]
) -> Timing:
    out = Timing(drawn=len(queries))
    # Untimed: the garbage of building the universe and the index is collected
    # (a screening process that reads its index from disk has none), and what is
    # alive is exempt from the collector's walks, as `run_screening` does.
    gc.collect()
    gc.freeze()
    clock = time.perf_counter
    spent_total = 0.0
    cpu_start = time.process_time()
    for i, (kind, name) in enumerate(queries):
        start = clock()
        found = call(i, name)
        spent = clock() - start
        out.latencies.append(spent)
        out.by_kind[kind].append(spent)
        out.hits += found
        spent_total += spent
        if spent_total >= budget:
            break
    out.cpu_seconds = time.process_time() - cpu_start
    return out


WARM_UP = "Warm-up Name Not Drawn Holdings"
WARM_UP_BATCH = ["Warmed Batch Nane Not Drawn", "Second Warmed Batch Nane"]


def warm_up(matcher: Matcher) -> float:
    """Seconds of a first, untimed search, alone and in a batch: it loads the compiled search.

    A one-off cost per process, like an import (loading the batched search's
    machine code alone takes about 0.1 s); it is printed, not spread over the
    names timed.
    """
    start = time.perf_counter()
    matcher.names.search(WARM_UP, matcher.config.threshold)
    search_names = getattr(matcher.names, "search_names", None)
    if search_names is not None:
        search_names(WARM_UP_BATCH, matcher.config.threshold)
    return time.perf_counter() - start


def print_warm_up(seconds: float) -> None:
    print(f"first search         {seconds:.2f} s (loads the compiled search once per process)")


def time_search(matcher: Matcher, queries: Sequence[tuple[str, str]], budget: float) -> Timing:
    """Time `matcher.names.search` for each distinct name."""
    threshold = matcher.config.threshold
    return _timed(queries, budget, lambda _i, name: bool(matcher.names.search(name, threshold)))


def time_batches(
    matcher: Matcher, queries: Sequence[tuple[str, str]], budget: float, size: int = BATCH
) -> Timing | None:
    """Time `NameIndex.search_names` on batches of `size` distinct names, as the screen searches.

    None for a commit without it. Each name is given an equal share of its
    batch's time, so the latency quantiles and kinds say nothing here; the
    rate is what counts.
    """
    search_names = getattr(matcher.names, "search_names", None)
    if search_names is None:
        return None
    threshold = matcher.config.threshold
    out = Timing(drawn=len(queries))
    gc.collect()
    gc.freeze()
    clock = time.perf_counter
    with screen_collector():
        cpu_start = time.process_time()
        for at in range(0, len(queries), size):
            batch = queries[at : at + size]
            start = clock()
            found = search_names([name for _, name in batch], threshold)
            share = (clock() - start) / len(batch)
            for (kind, _), hits in zip(batch, found, strict=True):
                out.latencies.append(share)
                out.by_kind[kind].append(share)
                out.hits += bool(hits)
            if out.seconds >= budget:
                break
        out.cpu_seconds = time.process_time() - cpu_start
    return out


def screen_collector() -> AbstractContextManager[object]:
    """The garbage collector's setting during a screening run, for a commit that has one."""
    try:
        from banwatch.bulk.collector import fewer_young_collections
    except ImportError:
        return nullcontext()
    return fewer_young_collections()


def batch_rounds(
    matcher: Matcher,
    uv: Universe,
    queries: Queries,
    taken: Sequence[Queries],
    rounds: int,
    with_nk: bool,
) -> tuple[list[Timing], nomenklatura_compare.NkResult | None]:
    """`time_batches` on `rounds` sets of further names, each before a round of nomenklatura's.

    Without nomenklatura (not asked for, or not installed) the rounds are
    banwatch's alone. A commit that cannot search in batches searches each
    round's names one at a time (`time_search`).
    """
    count = len(queries)
    more = batch_queries(uv, count * rounds, taken)
    sets = iter([more[k * count : (k + 1) * count] for k in range(rounds)])
    timed: list[Timing] = []

    def one_round() -> None:
        names = next(sets)
        timed.append(
            time_batches(matcher, names, SEARCH_BUDGET)
            or time_search(matcher, names, SEARCH_BUDGET)
        )

    nk = None
    if with_nk:
        quick = len(uv.names) < SIZE
        nk = nomenklatura_compare.run(uv.names, queries, uv.registry, quick, rounds, one_round)
    if nk is None:
        for _ in range(rounds):
            one_round()
    return timed, nk


def record_for(i: int, name: str) -> Record:
    """A one-cell supplier record, as a reader would hand it to screening."""
    return Record(i, "bench", i + 2, {"supplier": name}, {"supplier": "name"})


def time_match(matcher: Matcher, queries: Sequence[tuple[str, str]], budget: float) -> Timing:
    """Time `Matcher.match` on a one-cell record for each distinct name."""
    return _timed(queries, budget, lambda i, name: bool(matcher.match(record_for(i, name))[0]))


def profile_search(matcher: Matcher, queries: Sequence[tuple[str, str]], budget: float) -> str:
    """cProfile of the search path: the top functions by own time and by cumulative time."""
    prof = cProfile.Profile()
    prof.enable()
    time_search(matcher, queries, budget)
    prof.disable()
    text = io.StringIO()
    stats = pstats.Stats(prof, stream=text).strip_dirs()
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumulative").print_stats(12)
    return text.getvalue()


Queries = list[tuple[str, str]]


def query_sets(uv: Universe, count: int, extra: int) -> tuple[Queries, Queries, Queries]:
    """`count` names for search, `extra` for match and `extra` for a profile; all distinct.

    Disjoint sets keep any cache one step fills from speeding up the next.
    """
    restricted = registry_names(uv.registry)
    queries = draw_queries(count, uv.names, restricted)
    taken = frozenset(n for _, n in queries)
    more = draw_queries(2 * extra, uv.names, restricted, seed=SEED + 2, exclude=taken)
    return queries, more[:extra], more[extra:]


def batch_queries(uv: Universe, count: int, taken: Sequence[Queries]) -> Queries:
    """`count` further names, drawn as the search's are, for the batched search."""
    seen = frozenset(n for some in taken for _, n in some)
    return draw_queries(count, uv.names, registry_names(uv.registry), seed=SEED + 3, exclude=seen)


def print_build(uv: Universe, build: IndexBuild) -> None:
    fp = build.footprint
    print(f"universe             {len(uv.names):,} synthetic names (fixed seed)")
    print(
        f"  generate {uv.generate_seconds:.1f} s, validate entities {uv.entities_seconds:.1f} s,"
        f" load registry {uv.load_seconds:.1f} s"
    )
    print(f"index build          {fp.seconds:.1f} s for {build.names:,} names")
    print(
        f"index memory         RSS +{fp.retained:,.0f} MiB retained"
        f" (RSS {fp.rss_before:,.0f} -> {fp.rss_after:,.0f} MiB;"
        f" process peak {fp.peak_after:,.0f} MiB,"
        f" {'' if fp.raised_peak else '<= '}{fp.peak_above_start:,.0f} above start)"
    )
    if build.traced_peak is not None:
        print(
            f"  tracemalloc        peak {build.traced_peak:,.0f} MiB,"
            f" retained {build.traced_retained:,.0f} MiB (Python allocations of the compile)"
        )


def screen_rates(search: Timing, rounds: Sequence[Timing]) -> list[float]:
    """Names/s/core of each round as the screen searches them: in batches where the commit can."""
    return [t.rate for t in rounds] or [search.rate]


def print_batches(matcher: Matcher, rounds: Sequence[Timing]) -> None:
    if not rounds:
        return
    batched = hasattr(matcher.names, "search_names")
    rates = [t.rate for t in rounds]
    t = rounds[0]
    stopped = "" if t.timed == t.drawn else " (time budget reached)"
    how = f"{BATCH:,} names at a time as the screen searches" if batched else "one at a time"
    print(
        f"search, {'batches' if batched else 'rounds '}      {statistics.median(rates):,.0f}"
        f" names/s/core by CPU time, the median of {len(rounds)}"
        f" round{'s' if len(rounds) > 1 else ''} ({', '.join(f'{r:,.0f}' for r in rates)});"
        f" {how}; each round timed {t.timed:,} of {t.drawn:,} further distinct"
        f" names{stopped}; {t.hits:,} with a result in the first"
    )


def print_timing(label: str, t: Timing) -> None:
    stopped = "" if t.timed == t.drawn else " (time budget reached)"
    print(
        f"{label:20s} {t.rate:,.0f} names/s/core by CPU time ({t.wall_rate:,.0f} by the wall"
        f" clock); timed {t.timed:,} of {t.drawn:,} distinct names{stopped}"
    )
    print(
        f"  latency p50 {t.quantile(0.5):.2f} ms, p99 {t.quantile(0.99):.2f} ms;"
        f" {t.hits:,} names with a result"
    )
    print("  by kind (wall clock):")
    for kind, spent in sorted(t.by_kind.items()):
        print(f"  {kind:18s} {len(spent) / sum(spent):>10,.0f} names/s ({len(spent):,} names)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="50,000 names, 2,000 queries")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the search")
    ap.add_argument("--no-trace", action="store_true", help="skip the tracemalloc compile")
    ap.add_argument("--no-nk", action="store_true", help="skip the nomenklatura baseline")
    ap.add_argument("--rounds", type=int, default=ROUNDS, help="turns of batches and baseline")
    args = ap.parse_args()
    size, count, extra = (50_000, 2_000, 500) if args.quick else (SIZE, QUERIES, MATCH_QUERIES)
    uv = build_universe(size)
    matcher, build = build_index(uv.registry, trace=not args.no_trace)
    print_build(uv, build)
    queries, for_match, for_profile = query_sets(uv, count, extra)
    print_warm_up(warm_up(matcher))
    search = time_search(matcher, queries, SEARCH_BUDGET)
    print_timing("search", search)
    print_timing("match(record)", time_match(matcher, for_match, MATCH_BUDGET))
    if args.profile:
        print(profile_search(matcher, for_profile, PROFILE_BUDGET))
    taken = (queries, for_match, for_profile)
    batches, nk = batch_rounds(matcher, uv, queries, taken, args.rounds, not args.no_nk)
    print_batches(matcher, batches)
    nomenklatura_compare.print_result(nk, screen_rates(search, batches))


if __name__ == "__main__":
    main()
