"""Every number of issue 3's speed and quality targets, in one run on this machine.

Run: `make bench-scale` (or `.venv/bin/python benchmarks/run_all.py [--quick] [--profile]`).

One process builds the universe (500,000 synthetic names + the real
registry) and compiles the matcher once; then it times distinct names per
second, runs nomenklatura's logic-v2 on a sample of the same names in its own
environment, screens the 1,000,000-row ledger, and grades banwatch and
nomenklatura on the development set with its own scorer. It ends with a
table of every number beside its target. Nothing here asserts: a benchmark
reports, it does not fail.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import time
from datetime import datetime
from pathlib import Path

import ledger_1m
import names_per_second as nps
import nomenklatura_compare as nkc
import quality
from universe import SIZE, build_universe

ROOT = Path(__file__).resolve().parents[1]


def describe_checkout() -> str:
    """The commit measured, and whether the work tree had uncommitted changes to banwatch/."""

    def git(*args: str) -> str:
        res = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        )
        return res.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "banwatch")
    return commit + (" + uncommitted changes in banwatch/" if dirty else "")


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load() -> str:
    """Load averages: timings from a busy machine (above ~1 on 2 cores) read low."""
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "MISSED")


def ledger_line(r: ledger_1m.LedgerResult) -> tuple[str, str, bool | None]:
    """Value, target and verdict; an unfinished screen gives only a lower bound."""
    target = ledger_1m.TARGET_RATIO
    if r.finished:
        return f"{r.ratio:.2f}x", "<= 3x", r.ratio <= target
    return f"> {r.ratio:.1f}x", "<= 3x", False if r.ratio > target else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a scaled-down run of about a minute")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the search path")
    ap.add_argument("--no-trace", action="store_true", help="skip the tracemalloc compile")
    ap.add_argument("--no-ledger", action="store_true", help="skip the 1,000,000-row ledger")
    ap.add_argument("--jobs", type=int, default=1, help="processes for the ledger screen")
    ap.add_argument(
        "--rounds",
        type=int,
        default=nps.ROUNDS,
        help="turns of banwatch's batches and nomenklatura's pairs",
    )
    args = ap.parse_args()
    started = time.perf_counter()
    size = 50_000 if args.quick else SIZE
    count, extra = (2_000, 500) if args.quick else (nps.QUERIES, nps.MATCH_QUERIES)
    rows, distinct = (100_000, 5_000) if args.quick else (ledger_1m.ROWS, ledger_1m.DISTINCT)
    print(f"banwatch benchmarks  {datetime.now():%Y-%m-%d %H:%M}, commit {describe_checkout()}")
    print(f"machine              {cpu_model()}, Python {platform.python_version()}, {load()}")
    print()

    uv = build_universe(size)
    matcher, build = nps.build_index(uv.registry, trace=not args.no_trace)
    nps.print_build(uv, build)
    queries, for_match, for_profile = nps.query_sets(uv, count, extra)
    nps.print_warm_up(nps.warm_up(matcher))
    search = nps.time_search(matcher, queries, nps.SEARCH_BUDGET)
    nps.print_timing("search", search)
    match = nps.time_match(matcher, for_match, nps.MATCH_BUDGET)
    nps.print_timing("match(record)", match)
    if args.profile:
        print(nps.profile_search(matcher, for_profile, nps.PROFILE_BUDGET))
    taken = (queries, for_match, for_profile)
    batches, nk = nps.batch_rounds(matcher, uv, queries, taken, args.rounds, with_nk=True)
    nps.print_batches(matcher, batches)
    rates = nps.screen_rates(search, batches)
    rate = statistics.median(rates)
    nkc.print_result(nk, rates)

    ledger = None
    if not args.no_ledger:
        budget = 60.0 if args.quick else ledger_1m.BUDGET
        ledger = ledger_1m.run(uv.registry, matcher, uv.names, rows, distinct, budget, args.jobs)
        ledger_1m.print_result(ledger)

    cli = with_universe = None
    if quality.available():
        cli = quality.banwatch_cli()
        with_universe = quality.banwatch_in_process(uv.registry, matcher)
        graded = {"banwatch": cli, "banwatch+universe": with_universe}
        if nk and nk.quality:
            graded["nomenklatura"] = nk.quality
        quality.print_categories(graded)
    else:
        print(f"quality skipped: no development set at {quality.EVAL}")

    print()
    print(f"summary ({len(uv.names):,} synthetic names + the registry; targets from issue 3)")
    ratio = nkc.ratio(nk, rates) if nk else None
    fp = build.footprint
    lines: list[tuple[str, str, str, bool | None]] = [
        ("distinct names/s/core", f"{rate:,.0f}", ">= 20,000", rate >= 20_000),
        ("  a name at a time", f"{search.rate:,.0f}", "", None),
        (
            "ratio vs nomenklatura",
            f"{ratio:,.1f}x" if ratio else "skipped",
            ">= 100x",
            ratio >= nkc.TARGET_RATIO if ratio else None,
        ),
        (
            "  nomenklatura pairs/s/core",
            f"{nk.pairs_per_second:,.0f}" if nk else "skipped",
            "",
            None,
        ),
        ("match(record) names/s/core", f"{match.rate:,.0f}", "", None),
        ("index build time", f"{fp.seconds:.1f} s", "", None),
        (
            "index peak memory",
            f"{fp.peak_above_start:,.0f} MiB",
            "< 1 GiB",
            fp.peak_above_start < 1024,
        ),
        ("  index retained (RSS)", f"{fp.retained:,.0f} MiB", "", None),
    ]
    if build.traced_peak is not None:
        lines.append(("  tracemalloc peak", f"{build.traced_peak:,.0f} MiB", "", None))
    if ledger:
        lines.append(("ledger screen / I/O", *ledger_line(ledger)))
        if ledger.same_output_ratio is not None:
            stricter = f"{ledger.same_output_ratio:.2f}x"
            lines.append(("  vs read + same output", stricter, "", None))
    if cli:
        lines.append(("F1 banwatch (dev)", f"{cli.f1:.3f}", ">= 0.97", cli.f1 >= 0.97))
        lines.append(("  weakest category", cli.worst(), ">= 90%", cli.worst_share() >= 0.9))
    if with_universe:
        lines.append(("F1 banwatch + universe", f"{with_universe.f1:.3f}", "", None))
    if nk and nk.quality:
        lines.append(("F1 nomenklatura logic-v2", f"{nk.quality.f1:.3f}", "", None))
    for label, value, target, ok in lines:
        print(f"  {label:30s} {value:>14s}  {target:>10s}  {verdict(ok) if target else ''}")
    print(f"total run time {time.perf_counter() - started:.0f} s; {load()}")


if __name__ == "__main__":
    main()
