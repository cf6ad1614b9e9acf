"""The throwaway PostgreSQL cluster that `make test` starts when no server answers.

The real cases start a cluster even where a server answers (`--throwaway`),
so CI checks that path too; they skip without Debian's PostgreSQL server
package on a laptop, and fail without it in CI.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .pg_cluster import DEFAULT_URL, URL_VARIABLE, find_bindir, main, needs_throwaway
from .pg_cluster import server_answers as answers
from .store.store_support import DEFAULT_POSTGRES_URL, unavailable

ROOT = Path(__file__).resolve().parent.parent
CONFIGURED = {URL_VARIABLE: "postgresql+psycopg://someone@db.example/banwatch"}

# Run by the command under test: what it was given and what the server says.
REPORT = """
import os, sys, psycopg
url = os.environ["BANWATCH_TEST_POSTGRES_URL"]
with psycopg.connect(url.replace("postgresql+psycopg", "postgresql", 1)) as conn:
    data = conn.execute("SELECT current_setting('data_directory')").fetchone()[0]
    conn.execute("CREATE TABLE t (x int)")
open(sys.argv[1], "w").write(url + "\\n" + data)
sys.exit(int(sys.argv[2]))
"""


@pytest.mark.parametrize(
    ("env", "force", "default_answers", "expected"),
    [
        ({}, False, True, False),  # the usual server answers: use it
        ({}, False, False, True),  # nothing answers: start one
        (CONFIGURED, False, False, False),  # a configured server is used as it is, never probed
        (CONFIGURED, True, True, True),  # --throwaway wins over everything
        ({}, True, True, True),
    ],
)
def test_when_a_throwaway_cluster_starts(
    env: dict[str, str], force: bool, default_answers: bool, expected: bool
) -> None:
    probed: list[str] = []

    def probe(url: str) -> bool:
        probed.append(url)
        return default_answers

    assert needs_throwaway(env, force, probe) is expected
    assert probed in ([], [DEFAULT_URL])
    if env or force:
        assert probed == []


def test_the_probed_server_is_the_store_suites_default() -> None:
    assert DEFAULT_URL == DEFAULT_POSTGRES_URL


def test_the_newest_complete_debian_bindir_is_chosen(tmp_path: Path) -> None:
    for version, programs in [("9.6", 2), ("15", 2), ("16", 2), ("17", 1)]:
        bindir = tmp_path / version / "bin"
        bindir.mkdir(parents=True)
        for program in ["initdb", "pg_ctl"][:programs]:
            (bindir / program).touch()
    assert find_bindir(tmp_path) == tmp_path / "16" / "bin"


def bindir_or_skip() -> None:
    if find_bindir() is None:
        unavailable("no initdb: Debian's `postgresql` package is not installed", os.environ)


def test_a_failing_command_gets_a_cluster_that_is_gone_afterwards(tmp_path: Path) -> None:
    bindir_or_skip()
    report = tmp_path / "report"
    command = [sys.executable, "-c", REPORT, str(report), "3"]
    assert main(["run", "--throwaway", "--", *command], {**os.environ, **CONFIGURED}) == 3
    url, data = report.read_text().splitlines()
    assert url != CONFIGURED[URL_VARIABLE]
    assert Path(data).parent.name.startswith("banwatch-pg-")
    assert not Path(data).parent.exists()
    assert not answers(url)


def test_a_terminated_run_stops_and_removes_its_cluster(tmp_path: Path) -> None:
    bindir_or_skip()
    run = [sys.executable, "-m", "tests.pg_cluster", "run", "--throwaway", "--"]
    wrapper = subprocess.Popen(
        [*run, sys.executable, "-c", "import time; time.sleep(60)"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert wrapper.stderr is not None
    started = wrapper.stderr.readline()
    wrapper.stderr.close()
    assert "started a throwaway cluster in" in started, started
    root = Path(started.split(" in ")[1].split()[0])
    assert root.is_dir()
    wrapper.send_signal(signal.SIGTERM)
    assert wrapper.wait(timeout=60) == 128 + signal.SIGTERM
    assert not root.exists()
