"""kill -9 at any point of a switch leaves one whole release in use: the previous one until
the pointer is replaced, the new one after."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.releases.conftest import Releases
from tests.releases.test_pull import pull, qc_verdict, status

REPO = Path(__file__).resolve().parents[2]

POINTS = [
    ("rename:before", "first"),
    ("rename:after", "first"),
    ("pointer:before", "first"),
    ("pointer:after", "second"),
]


def _source(releases: Releases) -> list[str]:
    return [releases.at("good"), str(releases.trust)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize(("point", "in_use"), POINTS, ids=[p for p, _ in POINTS])
def test_a_pull_killed_mid_switch(home: Path, releases: Releases, point: str, in_use: str) -> None:
    assert pull(home, releases, "first")[0] == 0
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    env.pop("BANWATCH_DATABASE_URL", None)
    env.pop("BANWATCH_REGISTRY", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.releases.killed_pull", point, *_source(releases)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == f"AT {point}", proc.stderr.read() if proc.stderr else ""
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    version = releases.first if in_use == "first" else releases.second
    assert f"in use: release {version} since" in status(home)
    assert qc_verdict(home) == ("prohibited" if in_use == "first" else "clear")
    code, _, err = pull(home, releases, "good")  # what was left behind is no obstacle
    assert code == 0, err
    assert f"in use: release {releases.second}" in status(home)
