"""`banwatch import` and `banwatch sources remove` write audit entries; the chain verifies."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from ..cli_support import jsonl, run
from .support import FIXTURES

WATCHLIST = FIXTURES / "watchlist-sample.csv"


def test_imports_and_removals_are_in_the_audit_log(tmp_path: Path) -> None:
    home = tmp_path / "home"
    args = ["import", "watchlist", str(WATCHLIST), "--name", "mylist", "--jurisdiction", "CA"]
    assert run(args, home).returncode == 0
    assert "unchanged" in run(args, home).stdout  # nothing changed: no entry
    removed = run(["sources", "remove", "mylist"], home)
    assert removed.returncode == 0, removed.stderr

    log = jsonl(run(["audit"], home).stdout)
    assert [(e["kind"], e["subject"]) for e in log] == [
        ("import", "source mylist"),
        ("source_removed", "source mylist"),
    ]
    assert {e["actor"] for e in log} == {f"cli {getpass.getuser()}"}
    imported = log[0]["details"]
    assert imported["input_sha256"] == hashlib.sha256(WATCHLIST.read_bytes()).hexdigest()
    assert imported["input"] == str(WATCHLIST.resolve())
    assert (imported["kind"], imported["version"], imported["entities"]) == ("watchlist", 1, 2)
    assert imported["options"] == {"jurisdiction": "CA", "source_url": None}
    assert log[1]["details"] == {"version": 1, "label": imported["label"]}
    verified = run(["audit", "verify"], home)
    assert verified.returncode == 0, verified.stdout + verified.stderr
