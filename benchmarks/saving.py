"""What saving a run costs: a 300,000-row ledger read and written, screened, and screened and saved.

Run: `.venv/bin/python benchmarks/saving.py [--rows N] [--distinct N] [--repeat N]`.

The ledger is `screen_bulk.py`'s (fixed seed; 30,000 distinct supplier
names by default, against the registry alone). Three timings, in the same
process, each repeated `--repeat` times in turn (so a slow minute of the
shared machine hits all three alike), all writing JSON lines to a
temporary file:

- **read + write**: only reading the records and writing one JSON line each
  (the floor every ratio is against);
- **--no-save**: `run_screening` with no store;
- **saving (SQLite)**: `run_screening` saving the run in a SQLite file, as the
  default `banwatch screen` does. The store is opened (and its schema made)
  before the clock starts, as a user's store already exists.

With `--postgres URL` a fourth timing saves to that PostgreSQL database
instead, in a schema of its own that is dropped afterwards. Each ratio is
printed per round and as the spread (lowest, median, highest) over the
rounds. Times are CPU time of this process plus, for the
PostgreSQL run, nothing of the server's: wall time is printed beside it. This
is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from screen_bulk import RESTRICTED, SEED, generate
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from banwatch.matching.matcher import Matcher, compile_matcher
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.pipeline import run_screening
from banwatch.readers import open_inputs, read_records
from banwatch.registry.loader import load_registry
from banwatch.store import RunStore, database_url
from banwatch.writers import open_writer

PROFILE = Profile(as_of=date(2026, 11, 27), jurisdictions=("CA",), sector="government")


@dataclass(frozen=True)
class Spent:
    """Wall-clock and CPU seconds of one timing."""

    wall: float
    cpu: float


def timed(fn: Callable[[], object]) -> Spent:
    """Run `fn` and say how long it took."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return Spent(time.perf_counter() - wall, time.process_time() - cpu)


def write_io(path: Path, out: Path) -> None:
    """Only read the records and write one JSON line per record (as `screen_bulk.baseline`)."""
    with out.open("w", encoding="utf-8") as f:
        for item in read_records([path]):
            if isinstance(item, Record):
                f.write(json.dumps({"row": item.row, "record": item.values}, ensure_ascii=False))
                f.write("\n")


def screen(path: Path, out: Path, matcher: Matcher, store: RunStore | None) -> None:
    """`banwatch screen --format jsonl` of `path` into `out`, saving the run in `store` if given."""
    with out.open("w", encoding="utf-8") as f:
        run_screening(
            open_inputs([path]),
            PROFILE,
            matcher.registry,
            matcher,
            open_writer("jsonl", f),
            store,
            lambda _m: None,
        )


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A throwaway schema in the database at `base_url`; yields a URL whose search_path is it."""
    admin = create_engine(base_url)
    schema = f"banwatch_bench_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def spread(values: list[float]) -> str:
    """Lowest, median and highest of `values`."""
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=300_000)
    ap.add_argument("--distinct", type=int, default=30_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--postgres", metavar="URL", help="also save to this PostgreSQL database")
    args = ap.parse_args()
    matcher = compile_matcher(load_registry())
    names = f"{args.distinct:,} synthetic supplier names + {len(RESTRICTED)} restricted"
    print(f"rows                 {args.rows:,} ({names}), registry alone, CPU time")
    kinds = ["read + write", "--no-save", "saving (SQLite)"]
    if args.postgres:
        kinds.append("saving (PostgreSQL)")
    times: dict[str, list[Spent]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        folder = Path(tmp)
        path = folder / "ledger.csv"
        generate(path, args.rows, args.distinct, random.Random(SEED))
        sqlite = RunStore(database_url({"BANWATCH_HOME": str(folder / "home")}))
        postgres = None
        if args.postgres:
            postgres = RunStore(stack.enter_context(postgres_schema(args.postgres)))
        out = folder / "out.jsonl"
        for _ in range(args.repeat):
            times["read + write"].append(timed(lambda: write_io(path, out)))
            times["--no-save"].append(timed(lambda: screen(path, out, matcher, None)))
            times["saving (SQLite)"].append(timed(lambda: screen(path, out, matcher, sqlite)))
            if postgres is not None:
                spent = timed(lambda: screen(path, out, matcher, postgres))
                times["saving (PostgreSQL)"].append(spent)
            floor = times["read + write"][-1].cpu
            said = ", ".join(f"{k} {v[-1].cpu / floor:.2f}x" for k, v in times.items())
            print(f"round                {said} (floor {floor:.2f} CPU-s)")
        sqlite.close()
        if postgres is not None:
            postgres.close()
    floors = [s.cpu for s in times["read + write"]]
    print("spread over rounds   lowest / median / highest")
    for kind, spent in times.items():
        cpu = [s.cpu for s in spent]
        wall = [s.wall for s in spent]
        ratios = [c / f for c, f in zip(cpu, floors, strict=True)]
        print(
            f"  {kind:<19}{spread(cpu)} CPU-s, {spread(wall)} wall-s,"
            f" ratio to read + write {spread(ratios)}"
        )


if __name__ == "__main__":
    main()
