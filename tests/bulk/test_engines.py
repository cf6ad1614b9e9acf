"""The engines are peers: one process, worker processes (forked or spawned) and Spark give the
same findings in the same order, the same messages and the same saved run."""

from __future__ import annotations

import io
import os
from datetime import date
from importlib.util import find_spec
from pathlib import Path

import pytest

from banwatch.bulk.engine import Engine, OneProcess, OnSpark, Processes, engine_for
from banwatch.bulk.run_records import Run
from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.readers import open_inputs
from banwatch.store import RunStore
from banwatch.writers import open_writer

PROFILE = Profile(date(2025, 8, 15), ("CA",), "government")
NAMES = ["Hikvision", "Acme Widgets Inc.", "Dahua Technology", "EZVIZ", "Blue River Foods", "ZTE"]


def _ledger(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("payment_id,supplier,mac,note\n")
        for i in range(rows):
            mac = "bc:5e:33:00:00:01" if i % 7 == 0 else ("not-a-mac" if i % 11 == 0 else "")
            note = '"spans\ntwo lines"' if i % 13 == 0 else ("x,extra" if i % 17 == 0 else "")
            f.write(f"P{i},{NAMES[i % len(NAMES)]},{mac},{note}\n")
    return path


def _screen(
    engine: Engine, path: Path, registry: Registry, matcher: Matcher, fmt: str, store: Path
) -> tuple[str, list[str], dict[str, int], list[str]]:
    """Output, messages, counts and the saved run's lines of one run."""
    out, said = io.StringIO(), []
    with RunStore(f"sqlite:///{store}") as runs:
        run = Run(
            open_inputs([path]),
            PROFILE,
            registry,
            matcher,
            open_writer(fmt, out),
            runs,
            said.append,
        )
        outcome = engine.run(run)
        assert outcome.run_id is not None
        saved = list(runs.lines(outcome.run_id))
    assert outcome.problems == len(said)
    return out.getvalue(), said, dict(outcome.verdicts), saved


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize(
    "engine", [Processes(2, "fork"), Processes(3, "spawn")], ids=["fork-2", "spawn-3"]
)
def test_worker_processes_give_what_one_process_gives(
    tmp_path: Path, registry: Registry, matcher: Matcher, engine: Engine, fmt: str
) -> None:
    path = _ledger(tmp_path / "ledger.csv", 600)
    one = _screen(OneProcess(), path, registry, matcher, fmt, tmp_path / "one.db")
    many = _screen(engine, path, registry, matcher, fmt, tmp_path / "many.db")
    assert many == one
    assert len(one[3]) == 600 and one[1]  # every record saved, and some messages


def test_a_request_picks_its_engine(tmp_path: Path) -> None:
    assert engine_for(True, 1, "local[2]", None) == OneProcess()
    assert engine_for(True, 4, "local[2]", None) == Processes(4)
    assert engine_for(False, 4, "local[2]", tmp_path) == OnSpark("local[2]", tmp_path)


def test_spark_reading_a_csv_file_in_parts_gives_what_one_process_gives(
    tmp_path: Path, registry: Registry, matcher: Matcher
) -> None:
    """A real local Spark; the file is cut into parts of 1 kB, so several tasks read it."""
    if find_spec("pyspark") is None:
        if os.environ.get("CI"):
            pytest.fail("PySpark is missing")
        pytest.skip("PySpark is missing")
    path = _ledger(tmp_path / "ledger.csv", 300)
    assert path.stat().st_size > 4 * 1024
    engine = OnSpark("local[2]", split_bytes=1024)
    spark = _screen(engine, path, registry, matcher, "jsonl", tmp_path / "spark.db")
    assert spark == _screen(OneProcess(), path, registry, matcher, "jsonl", tmp_path / "one.db")
