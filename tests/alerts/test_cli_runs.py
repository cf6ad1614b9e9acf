"""Runs saved by `banwatch screen` open their alerts and are audited, as the API's runs are."""

from __future__ import annotations

import json
from pathlib import Path

from banwatch.alerts.saved_runs import not_clear
from banwatch.model.findings import Finding

from ..cli_support import jsonl, run

CAMERAS = "Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis Communications,P3265-LVE\n"


def test_a_saved_screen_opens_alerts_and_is_audited(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cameras = tmp_path / "cameras.csv"
    cameras.write_text(CAMERAS)
    args = ["screen", str(cameras), "--jurisdiction", "CA", "--as-of", "2025-08-15"]
    screened = run([*args, "--sector", "government", "--format", "jsonl"], home)
    assert screened.returncode == 0, screened.stderr
    run_id = json.loads(run(["runs", "--format", "jsonl"], home).stdout.splitlines()[0])["id"]
    alerts = jsonl(run(["alerts", "--run", run_id, "--format", "jsonl"], home).stdout)
    assert alerts and {a["row"] for a in alerts} == {0}  # the Hikvision camera, not Axis
    assert all(a["status"] == "open" for a in alerts)
    log = jsonl(run(["audit", "--format", "jsonl"], home).stdout)
    (entry,) = [e for e in log if e["kind"] == "screening"]
    assert entry["subject"] == f"run {run_id}" and entry["actor"].startswith("cli ")
    assert run(["audit", "verify"], home).returncode == 0
    unsaved = run([*args, "--format", "jsonl", "--no-save"], home)
    assert unsaved.returncode == 0
    assert len(jsonl(run(["alerts", "--format", "jsonl"], home).stdout)) == len(alerts)


def test_not_clear_parses_only_the_lines_that_are_not_clear() -> None:
    findings = [
        Finding(row=0, record={"v": '"},"verdict":"clear"'}, verdict="review", matches=[]),
        Finding(row=1, record={"v": "x"}, verdict="clear", matches=[]),
        Finding(row=2, record={}, verdict="prohibited", matches=[]),
    ]
    lines = [f.model_dump_json() for f in findings]
    assert [f.row for f in not_clear(lines)] == [0, 2]
