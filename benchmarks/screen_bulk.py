"""Screen a generated 100,000-row ledger and compare with only reading and writing it.

Run: `make bench` (or `.venv/bin/python benchmarks/screen_bulk.py [--rows N]`).

The ledger is generated with a fixed seed: a few thousand distinct supplier
names repeated as in real ledgers (a few suppliers take most rows), some of
them restricted vendors in the spellings inventories use, with MAC addresses,
model numbers and web addresses in some rows. The script prints rows per
second for the full screen and the ratio of its time to the time for only
reading the input and writing JSON lines output, measured in the same process.
This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import tempfile
import time
from datetime import date
from pathlib import Path

from banwatch.matching.matcher import compile_matcher
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.pipeline import run_screening
from banwatch.readers import open_inputs, read_records
from banwatch.registry.loader import load_registry
from banwatch.writers import open_writer

SEED = 20261127
RESTRICTED = [
    "Hangzhou Hikvision Digital Technology Co., Ltd.",
    "HIKVISION",
    "Hikvision Canada Inc.",
    "Zhejiang Dahua Technology Co., Ltd.",
    "Dahua Technology USA Inc",
    "Huawei Technologies Co., Ltd.",
    "ZTE Corp.",
    "EZVIZ",
    "Hytera Communications Corporation Limited",
    "杭州海康威视数字技术股份有限公司",
]
WORDS = [
    "acme",
    "north",
    "star",
    "river",
    "stone",
    "blue",
    "green",
    "alpine",
    "delta",
    "summit",
    "harbor",
    "pacific",
    "maple",
    "cedar",
    "granite",
    "prairie",
    "aurora",
    "falcon",
    "orion",
    "vertex",
    "nova",
    "lumen",
    "quantum",
    "apex",
    "crest",
    "zenith",
]
KINDS = [
    "Systems",
    "Supply",
    "Logistics",
    "Office",
    "Foods",
    "Electric",
    "Consulting",
    "Security",
    "Networks",
    "Software",
]
FORMS = ["Inc.", "Ltd.", "LLC", "Corp.", "GmbH", "S.A.", "Co., Ltd.", ""]
MODELS = ["DS-2CD2143G2-I", "IPC-HFW2431S-S-S2", "AXIS P3265-LVE", "XNV-8080R", "", "", ""]
MACS = ["bc:5e:33", "74:c9:29", "00:40:8c", "e8:0a:b9", "f0:9f:c2"]


def synthetic_name(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS).title() for _ in range(rng.randint(1, 2)))
    return f"{words} {rng.choice(KINDS)} {rng.choice(FORMS)}".strip()


def generate(path: Path, rows: int, distinct: int, rng: random.Random) -> None:
    names = [synthetic_name(rng) for _ in range(distinct)] + RESTRICTED
    weights = [1.0 / (i + 1) for i in range(len(names))]  # Zipf-like: a few names take most rows
    rng.shuffle(weights)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["payment_id", "supplier", "model", "mac", "website", "amount"])
        picks = rng.choices(names, weights=weights, k=rows)
        for i, name in enumerate(picks):
            mac = ""
            if rng.random() < 0.2:
                mac = (
                    rng.choice(MACS) + ":" + ":".join(f"{rng.randrange(256):02x}" for _ in range(3))
                )
            site = "www.hikvision.com" if rng.random() < 0.01 else ""
            w.writerow(
                [f"P{i:07d}", name, rng.choice(MODELS), mac, site, f"{rng.uniform(10, 9999):.2f}"]
            )


def baseline(path: Path) -> float:
    """Only read the input and write one JSON line per record."""
    out = io.StringIO()
    start = time.perf_counter()
    for item in read_records([path]):
        if isinstance(item, Record):
            out.write(json.dumps({"row": item.row, "record": item.values}, ensure_ascii=False))
            out.write("\n")
    return time.perf_counter() - start


def screened(path: Path) -> tuple[float, dict[str, int]]:
    """The full screen: read, match, fold measures, decide, write JSON lines."""
    registry = load_registry()
    matcher = compile_matcher(registry)
    profile = Profile(as_of=date(2026, 11, 27), jurisdictions=("CA",), sector="government")
    out = io.StringIO()
    start = time.perf_counter()
    outcome = run_screening(
        open_inputs([path]),
        profile,
        registry,
        matcher,
        open_writer("jsonl", out),
        None,
        lambda _m: None,
    )
    return time.perf_counter() - start, dict(outcome.verdicts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--distinct", type=int, default=5_000)
    args = ap.parse_args()
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.csv"
        generate(path, args.rows, args.distinct, rng)
        base = baseline(path)
        full, verdicts = screened(path)
    names = f"{args.distinct:,} synthetic supplier names + {len(RESTRICTED)} restricted"
    print(f"rows                 {args.rows:,} ({names})")
    print(f"read + write only    {base:.2f} s  ({args.rows / base:,.0f} rows/s)")
    print(f"full screen          {full:.2f} s  ({args.rows / full:,.0f} rows/s)")
    print(f"ratio screen / io    {full / base:.2f}")
    print(f"verdicts             {verdicts}")


if __name__ == "__main__":
    main()
