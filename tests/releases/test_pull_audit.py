"""A pull that switches releases and a rollback write audit entries; a pull of nothing new,
or one refused, writes none; the chain verifies."""

from __future__ import annotations

import getpass
from pathlib import Path

from tests.cli_support import jsonl, run
from tests.releases.conftest import Releases


def pull(home: Path, releases: Releases, folder: str) -> int:
    done = run(["registry", "pull", releases.at(folder), "--trust", str(releases.trust)], home)
    return done.returncode


def test_pulls_and_rollbacks_are_in_the_audit_log(home: Path, releases: Releases) -> None:
    assert pull(home, releases, "first") == 0
    assert pull(home, releases, "tampered") == 2  # refused: no entry
    assert pull(home, releases, "good") == 0
    assert pull(home, releases, "good") == 0  # already in use: no entry
    assert run(["registry", "rollback"], home).returncode == 0

    log = jsonl(run(["audit"], home).stdout)
    assert [(e["kind"], e["subject"], e["details"]) for e in log] == [
        (
            "registry_pull",
            "registry",
            {"version": releases.first, "previous": None, "url": releases.at("first")},
        ),
        (
            "registry_pull",
            "registry",
            {"version": releases.second, "previous": releases.first, "url": releases.at("good")},
        ),
        (
            "registry_rollback",
            "registry",
            {"version": releases.first, "previous": releases.second},
        ),
    ]
    assert {e["actor"] for e in log} == {f"cli {getpass.getuser()}"}
    verified = run(["audit", "verify"], home)
    assert verified.returncode == 0, verified.stdout + verified.stderr
