"""A run writer that gets killed: begins a run, commits a batch, streams forever.

Run as `python -m tests.store.store_killed_writer URL` from the repository
root. Prints `RUN <id>` after the first committed call (one batch of ten clear
findings) and `STREAMING` while the second `add_findings` call is
mid-transaction, its first five batches of ten prohibited findings inserted
but not committed, then never returns.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

from banwatch.model.findings import Finding
from banwatch.store import RunStore, runs
from tests.store.store_support import asset, hit, match, meta


def endless(start: int) -> Iterator[Finding]:
    row = start
    while True:
        yield asset(row, f"A-{row}", "prohibited", match("hikvision", hit()))
        row += 1
        if row == start + 50:
            print("STREAMING", flush=True)
        if row > start + 50:
            time.sleep(0.01)


def main(url: str) -> None:
    runs.BATCH_LINES = 10  # so the killed call has inserted batches before it is killed
    store = RunStore(url)
    run_id = store.begin_run(meta())
    store.add_findings(run_id, [asset(row, f"A-{row}") for row in range(10)])
    print(f"RUN {run_id}", flush=True)
    store.add_findings(run_id, endless(10))


if __name__ == "__main__":
    main(sys.argv[1])
