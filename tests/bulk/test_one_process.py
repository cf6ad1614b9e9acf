"""One process writes a chunk with nothing to report in bulk: the same lines, messages and
progress as writing it row by row (what it does when saving the run)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.pipeline import run_screening
from banwatch.readers import open_inputs
from banwatch.store import RunStore
from banwatch.writers import open_writer

PROFILE = Profile(date(2025, 8, 15), ("CA",), "government")
NAMES = ["Hikvision", "Acme Widgets Inc.", "Dahua Technology", "Blue River Foods", "ZTE"]


def _ledger(path: Path, rows: int, odd_from: int) -> Path:
    """`rows` rows; from row `odd_from` on, some have a cell that is not a MAC (a warning)."""
    with path.open("w", encoding="utf-8") as f:
        f.write("payment_id,supplier,mac\n")
        for i in range(rows):
            mac = "bc:5e:33:00:00:01" if i % 7 == 0 else ""
            if i >= odd_from and i % 11 == 0:
                mac = "not-a-mac"
            f.write(f"P{i},{NAMES[i % len(NAMES)]},{mac}\n")
    return path


def _run(path: Path, registry: Registry, matcher: Matcher, store: RunStore | None) -> object:
    out, said, done = io.StringIO(), list[str](), list[int]()
    outcome = run_screening(
        open_inputs([path]),
        PROFILE,
        registry,
        matcher,
        open_writer("jsonl", out),
        store,
        said.append,
        progress=done.append,
    )
    return out.getvalue(), said, dict(outcome.verdicts), done


@pytest.mark.parametrize("odd_from", [0, 4500, 10_000], ids=["all-chunks", "last", "none"])
def test_bulk_chunks_write_what_row_by_row_writes(
    tmp_path: Path, registry: Registry, matcher: Matcher, odd_from: int
) -> None:
    path = _ledger(tmp_path / "ledger.csv", 5300, odd_from)
    with RunStore(f"sqlite:///{tmp_path / 'runs.db'}") as runs:
        row_by_row = _run(path, registry, matcher, runs)  # saving: every chunk row by row
    bulk = _run(path, registry, matcher, None)
    assert bulk == row_by_row
    text, said, _, done = bulk
    assert text.count("\n") == 5300 and bool(said) == (odd_from < 5300)
    assert done == [*range(500, 5300, 500), 5300]
