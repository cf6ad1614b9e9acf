"""Run the installed `banwatch` command as a user does, each test with its own home."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BANWATCH = Path(sys.executable).parent / "banwatch"


def run(
    args: list[str], home: Path, *, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    """`banwatch ARGS` with BANWATCH_HOME=home and the default (SQLite) store."""
    environ = {**os.environ, "BANWATCH_HOME": str(home), **env}
    environ.pop("BANWATCH_DATABASE_URL", None)
    return subprocess.run(
        [str(BANWATCH), *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=timeout,
        check=False,
    )


def jsonl(text: str) -> list[dict[str, object]]:
    """The JSON objects of JSON lines output."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def screen_jsonl(path: Path, home: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`banwatch screen PATH --format jsonl --no-save OPTIONS...`, as a user runs it."""
    return run(["screen", str(path), "--format", "jsonl", "--no-save", *options], home)
