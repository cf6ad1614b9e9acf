"""A writer killed with SIGKILL mid-run leaves no visible run, and the sweep clears it."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from banwatch.errors import NotFoundError
from banwatch.store import RunStore
from banwatch.store.runs import utc_now

REPO = Path(__file__).resolve().parents[2]


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())
        lines.put("EOF")

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _expect(lines: queue.Queue[str], proc: subprocess.Popen[str], prefix: str) -> str:
    try:
        line = lines.get(timeout=60)
    except queue.Empty:
        proc.kill()
        pytest.fail(f"the writer printed no {prefix!r} within a minute")
    if not line.startswith(prefix):
        proc.kill()
        stderr = proc.stderr.read() if proc.stderr else ""
        pytest.fail(f"expected {prefix!r} from the writer, got {line!r}\n{stderr}")
    return line


TABLES = ("runs", "finding_batches", "flagged_findings", "findings")


def _counts(url: str) -> tuple[int, ...]:
    """Rows in each of `TABLES`."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return tuple(
                int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in TABLES
            )
    finally:
        engine.dispose()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_killed_run_is_never_visible(db_url: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store.store_killed_writer", db_url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = _lines(proc)
    run_id = _expect(lines, proc, "RUN ").removeprefix("RUN ")
    _expect(lines, proc, "STREAMING")
    with RunStore(db_url) as watcher:
        assert watcher.list_runs() == []  # being written: invisible
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.stderr is not None
    proc.stderr.close()
    assert proc.stdout is not None
    proc.stdout.close()

    with RunStore(db_url) as after:
        assert after.list_runs() == []
        with pytest.raises(NotFoundError):
            after.get_run(run_id)
    # The first call committed one batch of 10 clear findings; the killed call's
    # batches and flagged findings were rolled back.
    assert _counts(db_url) == (1, 1, 0, 0)

    # An hour later the next opener sweeps the leftovers. (PostgreSQL may take
    # a moment to notice the dead client and release its row lock.)
    later = RunStore(db_url, clock=lambda: utc_now() + timedelta(hours=2))
    deadline = time.monotonic() + 20
    while _counts(db_url) != (0, 0, 0, 0) and time.monotonic() < deadline:
        time.sleep(0.2)
        later.sweep()
    later.close()
    assert _counts(db_url) == (0, 0, 0, 0)
