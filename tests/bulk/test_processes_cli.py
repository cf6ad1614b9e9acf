"""The process engine (`--jobs`) and the progress bar, as a user runs them from the command line."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

BANWATCH = Path(sys.executable).parent / "banwatch"


def _ledger(path: Path, rows: int) -> Path:
    names = [
        "Hikvision",
        "Acme Widgets Inc.",
        "Dahua Technology",
        "EZVIZ",
        "Blue River Foods",
        "ZTE Corp.",
    ]
    with path.open("w", encoding="utf-8") as f:
        f.write("payment_id,supplier,mac\n")
        for i in range(rows):
            mac = "bc:5e:33:00:00:01" if i % 7 == 0 else ("not-a-mac" if i % 101 == 0 else "")
            f.write(f"P{i},{names[i % len(names)]},{mac}\n")
    return path


def _screen(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    return subprocess.run(
        [str(BANWATCH), "screen", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_several_processes_give_the_same_findings_in_the_same_order(
    tmp_path: Path, jobs: str
) -> None:
    src = _ledger(tmp_path / "ledger.csv", 5_000)
    one = _screen([str(src), "--format", "jsonl", "--jobs", "1", "--no-save"], tmp_path)
    many = _screen([str(src), "--format", "jsonl", "--jobs", jobs, "--no-save"], tmp_path)
    assert one.returncode == many.returncode == 0, many.stderr
    assert one.stdout == many.stdout
    assert one.stderr == many.stderr  # the same warnings, in the same order
    assert one.stdout.count("\n") == 5_000


def test_several_processes_give_the_same_saved_run(tmp_path: Path) -> None:
    """A saved run screened on two processes writes what one process writes."""
    src = _ledger(tmp_path / "ledger.csv", 3_000)
    one = _screen([str(src), "--format", "jsonl", "--jobs", "1"], tmp_path / "one")
    many = _screen([str(src), "--format", "jsonl", "--jobs", "2"], tmp_path / "two")
    assert one.returncode == many.returncode == 0, many.stderr
    assert one.stdout == many.stdout
    assert one.stdout.count("\n") == 3_000


def test_no_progress_bar_in_a_pipe(tmp_path: Path) -> None:
    src = _ledger(tmp_path / "ledger.csv", 2_000)
    res = _screen([str(src), "--format", "jsonl", "--no-save"], tmp_path)
    assert res.returncode == 0
    assert "rows/s" not in res.stderr


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    src = _ledger(tmp_path / "ledger.csv", 20_000)
    env = {**os.environ, "BANWATCH_HOME": str(tmp_path), "COLUMNS": "120"}
    parent, child = pty.openpty()
    proc = subprocess.Popen(
        [
            str(BANWATCH),
            "screen",
            str(src),
            "--format",
            "jsonl",
            "--no-save",
            "--output",
            str(tmp_path / "o.jsonl"),
        ],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
    )
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=300) == 0
    os.close(parent)
    assert b"rows/s" in seen and b"screening" in seen
    quiet = _screen([str(src), "--format", "jsonl", "--no-save", "--quiet"], tmp_path)
    assert "rows/s" not in quiet.stderr
