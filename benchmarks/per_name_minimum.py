"""The name search's cost a name, robust to a shared machine: each name's fastest of several runs.

Run: `.venv/bin/python benchmarks/per_name_minimum.py [--rounds 5] [--quick]`, or
through `versus.py` to set two commits side by side.

`names_per_second.py` times every name once, so a neighbour's burst on the
shared machine (or a cold cache line) lands in the total; its rate moved by a
third between two runs of the same commit. Here every one of the 20,000
query names is searched `--rounds` times in this one process, in the drawn
order each round, and only each name's least CPU time (this thread's clock)
is kept (memoised functions and the name index's word memos are emptied
before each round, since a real run meets every name once and pays once for
each word's first meeting); the sum over names is what a run would cost on a
quiet machine with warm processor caches. The output gives µs a name, the rate it implies, and the
same by kind of name. Only public functions are called, and the search is
called as the matcher calls it (with the configured margin where a matcher
still has one), so the script also times commits from before it existed.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence

from queries import draw_queries, registry_names
from universe import SIZE, build_universe

from banwatch.matching.matcher import Matcher, compile_matcher

QUERIES = 20_000
Clear = Callable[[], None]


def search_call(matcher: Matcher) -> Callable[[str], object]:
    """The search as this commit's matcher calls it."""
    threshold = matcher.config.threshold
    margin = getattr(matcher.config, "name_margin", None)
    if margin is None:
        return lambda name: matcher.names.search(name, threshold)
    return lambda name: matcher.names.search(name, threshold, margin)


# The name index's own memos, keyed by word (the same three attributes since v3): a
# word's weight, its near-typo words, and those as the compiled search's lists.
INDEX_MEMOS = ("_weights", "_near_memo", "_near_lists")


def memo_clearers(matcher: Matcher) -> list[Clear]:
    """`cache_clear` of every bounded memo (`lru_cache(maxsize=N)`) in banwatch's modules.

    The names are distinct, so in a real run no name finds itself in a memo
    keyed by the name (a legal-form reading, say); emptying those before each
    round keeps the rounds after the first from timing memo hits. Unbounded
    `functools.cache` tables built once a process (place names) are kept.
    The matcher's name index's word memos (`INDEX_MEMOS`) are emptied too,
    so that every round pays, as a fresh process does, for the first
    meeting of each word (before 2026-12-07 they stayed filled, and the
    rounds after the first timed a name without it).
    """
    out = []
    for attr in INDEX_MEMOS:
        memo = getattr(matcher.names, attr, None)
        if isinstance(memo, dict):
            out.append(memo.clear)
    for name, module in list(sys.modules.items()):
        if name.startswith("banwatch.") and module is not None:
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if callable(info) and info().maxsize is not None:
                    out.append(value.cache_clear)
    return out


def batch_call(matcher: Matcher) -> Callable[[Sequence[str]], object] | None:
    """The search of a batch of names as this commit's screen calls it, if it has one."""
    search_names = getattr(matcher.names, "search_names", None)
    if search_names is None:
        return None
    threshold = matcher.config.threshold
    return lambda names: search_names(names, threshold)


def fastest(
    search: Callable[[str], object], names: Sequence[str], rounds: int, clearers: list[Clear]
) -> list[float]:
    """Each name's least CPU seconds over `rounds` searches, memos emptied each round."""
    return fastest_batches(lambda batch: search(batch[0]), names, rounds, 1, clearers)


def fastest_batches(
    search: Callable[[Sequence[str]], object],
    names: Sequence[str],
    rounds: int,
    size: int,
    clearers: list[Clear],
) -> list[float]:
    """Each batch's least CPU seconds over `rounds`, shared equally by its names."""
    batches = [names[i : i + size] for i in range(0, len(names), size)]
    best = [float("inf")] * len(batches)
    clock = time.thread_time
    for _ in range(rounds):
        for clear in clearers:
            clear()
        for i, batch in enumerate(batches):
            start = clock()
            search(batch)
            spent = clock() - start
            if spent < best[i]:
                best[i] = spent
    return [best[i // size] / len(batches[i // size]) for i in range(len(names))]


def report(kinds: Sequence[str], best: Sequence[float], by_kind_too: bool = True) -> None:
    total = sum(best)
    per_name = 1e6 * total / len(best)
    print(f"per-name minimum     {per_name:.1f} µs a name ({len(best) / total:,.0f} names/s/core)")
    if not by_kind_too:
        return  # a batch's time is shared equally by its names: no kind costs more
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, spent in zip(kinds, best, strict=True):
        by_kind[kind].append(spent)
    for kind, spent in sorted(by_kind.items()):
        print(f"  {kind:18s} {1e6 * sum(spent) / len(spent):7.1f} µs ({len(spent):,} names)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="searches of each name (default 5)")
    ap.add_argument("--quick", action="store_true", help="50,000 names, 2,000 queries")
    ap.add_argument(
        "--batch",
        type=int,
        default=0,
        help="time names N together, searched at once as the screen does"
        " (NameIndex.search_names) when the commit can, else one by one; each batch's least"
        " time, shared by its names (default: each name's own least time)",
    )
    args = ap.parse_args()
    size, count = (50_000, 2_000) if args.quick else (SIZE, QUERIES)
    uv = build_universe(size)
    matcher = compile_matcher(uv.registry)
    # The same names as names_per_second.py's search step (same seed).
    queries = draw_queries(count, uv.names, registry_names(uv.registry))
    search = search_call(matcher)
    search("Warm-up Name Not Drawn Holdings")  # loads the compiled search
    gc.collect()
    gc.freeze()
    names = [name for _, name in queries]
    clearers = memo_clearers(matcher)
    many = batch_call(matcher) if args.batch > 1 else None
    if args.batch <= 1:
        print("searched             one name at a time")
        best = fastest(search, names, args.rounds, clearers)
    elif many is None:
        # Timed as a batch all the same, so that both commits' least times are taken over
        # the same spans of work (a least time a name is lower than a batch's).
        print(f"searched             one name at a time, timed {args.batch:,} names together")
        best = fastest_batches(
            lambda batch: [search(n) for n in batch], names, args.rounds, args.batch, clearers
        )
    else:
        print(f"searched             {args.batch:,} names at a time (NameIndex.search_names)")
        best = fastest_batches(many, names, args.rounds, args.batch, clearers)
    report([kind for kind, _ in queries], best, by_kind_too=args.batch <= 1)


if __name__ == "__main__":
    main()
