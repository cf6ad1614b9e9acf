"""banwatch beside nomenklatura's logic-v2, measured in the same run on the same names.

nomenklatura lives in its own environment (`benchmarks/.venv-nk`, see
`make bench-nk-env`), never in banwatch's. This module prepares the work in
banwatch's environment, runs `nk_baseline.py` with that environment's
Python on one core, and reads back its timings and predictions.

Candidates: nomenklatura scores pairs; it needs a search index to propose
candidates (yente uses Elasticsearch). As a stand-in for that index, each
sampled query gets the 20 universe names that share the most rare words with
it (words weighed by inverse document frequency over the universe; words in
more than 5% of names ignored), padded with random universe names. This does
not use banwatch's index, so the baseline does not change when banwatch does.

Both sides count the CPU time of their own process, so other work on a
shared machine does not skew the ratio. The machine's speed still drifts
over minutes (one morning nomenklatura's rate swung by 30% between runs), so
the two are timed in turns, a round of each, and the ratio is the median of
the rounds' ratios. The ratio compares banwatch's
distinct names per second with nomenklatura's names per second when each
name is scored against 20 candidates: banwatch names/s ÷ (nomenklatura
pairs/s ÷ 20).
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import statistics
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import quality
from universe import SEED

from banwatch.model.registry import Registry

HERE = Path(__file__).resolve().parent
NK_VENV = HERE / ".venv-nk"
NK_PYTHON = NK_VENV / "bin" / "python"
NK_REQUIREMENT = "nomenklatura==4.17.4"  # the version measured in README.md
CANDIDATES = 20
SAMPLE = 500
THRESHOLD = 0.7  # yente's default score threshold; nomenklatura itself sets none for logic-v2
COMMON_SHARE = 0.05
TARGET_RATIO = 100
_TOKEN = re.compile(r"\w+")
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass(frozen=True)
class NkResult:
    """nomenklatura's numbers from one run."""

    version: str
    pairs: int
    seconds: float  # wall clock
    cpu_seconds: float  # CPU time of the scoring process: per core, whatever else runs
    above_threshold: int  # pairs scored at or above THRESHOLD: the candidates are not all noise
    quality: quality.Score | None
    fresh_query_cpu_seconds: float | None = None  # the same pairs, a new query entity for each
    # CPU seconds of each round of the same pairs (the first is `cpu_seconds`).
    round_cpu_seconds: tuple[float, ...] = ()

    @property
    def round_names_per_second(self) -> list[float]:
        """`names_per_second` of each round."""
        return [self.pairs / s / CANDIDATES for s in self.round_cpu_seconds or (self.cpu_seconds,)]

    @property
    def fresh_query_pairs_per_second(self) -> float | None:
        """Pairs per CPU-second when no pair shares its query entity with another."""
        if not self.fresh_query_cpu_seconds:
            return None
        return self.pairs / self.fresh_query_cpu_seconds

    @property
    def pairs_per_second(self) -> float:
        """Pairs per CPU-second: pairs per second on one core."""
        return self.pairs / self.cpu_seconds

    @property
    def names_per_second(self) -> float:
        """Names screened per second when each is scored against `CANDIDATES` candidates."""
        return self.pairs_per_second / CANDIDATES


def how_to_install() -> str:
    venv = "benchmarks/.venv-nk"
    return (
        f"nomenklatura baseline skipped: no {NK_PYTHON}. Create it with\n"
        "  make bench-nk-env\n"
        "or\n"
        f"  python3 -m venv {venv}\n"
        f"  {venv}/bin/python -m pip install '{NK_REQUIREMENT}'"
    )


def _tokens(name: str) -> set[str]:
    return set(_TOKEN.findall(name.casefold()))


def candidates(
    queries: Sequence[str], universe: Sequence[str], seed: int = SEED
) -> list[list[str]]:
    """For each query, the 20 universe names sharing the most rare words with it."""
    wanted = set().union(*(_tokens(q) for q in queries))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(universe):
        for t in _tokens(name) & wanted:
            postings[t].append(i)
    n = len(universe)
    rng = random.Random(seed)
    out: list[list[str]] = []
    for q in queries:
        weight: Counter[int] = Counter()
        for t in _tokens(q):
            hits = postings.get(t, [])
            if hits and len(hits) <= COMMON_SHARE * n:
                idf = math.log(n / len(hits))
                for i in hits:
                    weight[i] += idf
        best = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]
        chosen = [universe[i] for i, _ in best]
        while len(chosen) < CANDIDATES:
            chosen.append(universe[rng.randrange(n)])
        out.append(chosen)
    return out


def registry_names(registry: Registry) -> list[dict[str, object]]:
    """Each real registry entity with every name banwatch indexes for it (not the universe)."""
    out: list[dict[str, object]] = []
    for e in registry.entities.values():
        if e.id.startswith("u-"):
            continue
        names = e.all_names() + [i.value for i in e.identifiers if i.kind == "mac_registrant"]
        out.append({"id": e.id, "names": list(dict.fromkeys(names))})
    return out


def run(
    universe: Sequence[str],
    queries: Sequence[tuple[str, str]],
    registry: Registry,
    quick: bool = False,
    rounds: int = 1,
    before_each: Callable[[], object] | None = None,
) -> NkResult | None:
    """Time logic-v2 on a sample of `queries` and grade its predictions; None without its venv.

    The pairs are timed `rounds` times, each time in a new process, after
    `before_each` (which times banwatch's round).
    """
    if not NK_PYTHON.exists():
        print(how_to_install())
        return None
    sample = [name for _, name in queries[: SAMPLE // 5 if quick else SAMPLE]]
    records = quality.eval_records() if quality.available() else []
    payload = {
        "threshold": THRESHOLD,
        "pairs": [
            {"query": q, "candidates": c}
            for q, c in zip(sample, candidates(sample, universe), strict=True)
        ],
        "registry": registry_names(registry),
        "records": records,
    }
    with tempfile.TemporaryDirectory() as tmp:
        payload_path = Path(tmp) / "payload.json"
        predictions = Path(tmp) / "nk.jsonl"
        payload_path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        found: dict[str, Any] = {}
        cpu: list[float] = []
        for turn in range(rounds):
            if before_each is not None:
                before_each()
            got = _baseline(payload_path, predictions, timing_only=turn > 0)
            found = found or got
            cpu.append(float(got["cpu_seconds"]))
        graded = quality.score(predictions) if records else None
    return NkResult(
        found["nomenklatura"],
        int(found["pairs"]),
        float(found["seconds"]),
        float(found["cpu_seconds"]),
        int(found["pairs_above_threshold"]),
        graded,
        found.get("fresh_query_cpu_seconds"),
        tuple(cpu),
    )


def _baseline(payload: Path, predictions: Path, timing_only: bool) -> dict[str, Any]:
    """One run of `nk_baseline.py` on one core: the JSON line it prints."""
    res = subprocess.run(
        [str(NK_PYTHON), str(HERE / "nk_baseline.py"), str(payload), str(predictions)]
        + (["--timing-only"] if timing_only else []),
        capture_output=True,
        text=True,
        env={**os.environ, **ONE_CORE},
        check=False,
        timeout=1800,
    )
    if res.returncode != 0:
        raise RuntimeError(f"nk_baseline.py failed ({res.returncode}):\n{res.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return found


def ratio(nk: NkResult, banwatch_rates: Sequence[float]) -> float:
    """banwatch's names/s over nomenklatura's: the median of the rounds' ratios.

    `banwatch_rates` are banwatch's rates in the same rounds, each timed just
    before nomenklatura's.
    """
    return statistics.median(
        b / n for b, n in zip(banwatch_rates, nk.round_names_per_second, strict=False)
    )


def print_result(nk: NkResult | None, banwatch_rates: Sequence[float]) -> None:
    """The nomenklatura lines of the report and the speed ratio."""
    if nk is None:
        return
    print(
        f"nomenklatura         {nk.version} logic-v2: {nk.pairs_per_second:,.0f} pairs/s/core"
        f" = {nk.names_per_second:,.0f} names/s at {CANDIDATES} candidates per name"
    )
    print(
        f"  {nk.pairs:,} pairs in {nk.cpu_seconds:.1f} CPU-s ({nk.seconds:.1f} s wall);"
        f" {nk.above_threshold:,} scored >= {THRESHOLD} (candidates share rare words)"
    )
    banwatch_rate = banwatch_rates[0]
    fresh = nk.fresh_query_pairs_per_second
    if fresh:
        print(
            f"  a new query entity for every pair: {fresh:,.0f} pairs/s/core"
            f" ({banwatch_rate / (fresh / CANDIDATES):,.1f}x by that measure; the ratio below"
            " lets nomenklatura analyse each query once for its 20 candidates, as yente does)"
        )
    rounds = list(zip(banwatch_rates, nk.round_names_per_second, strict=False))
    if len(rounds) > 1:
        turns = ", ".join(f"{b:,.0f}/{n:,.0f} = {b / n:,.1f}x" for b, n in rounds)
        print(f"  rounds, banwatch names/s / nomenklatura names/s: {turns}")
    print(
        f"speed ratio          {ratio(nk, banwatch_rates):,.1f}x nomenklatura"
        f" (median of {len(rounds)} round{'s' if len(rounds) > 1 else ''};"
        f" target >= {TARGET_RATIO}x)"
    )
