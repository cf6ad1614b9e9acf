"""`banwatch screen` end to end: probable family members and ambiguous names as users see them."""

from __future__ import annotations

from pathlib import Path

from ..cli_support import jsonl, run

ROWS = """asset_id,supplier
A1,Hikvision Paraguay S.A.
A2,Dahua Group
A3,Honor
A4,Hangzhou Hikvision Digital Technology Co. Ltd.
A5,Honor Credit Union
"""


def test_screen_reads_family_members_and_ambiguous_names(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(ROWS, encoding="utf-8")
    done = run(["screen", str(inventory), "--format", "jsonl", "--as-of", "2026-01-01"], tmp_path)
    assert done.returncode == 0, done.stderr
    rows = {r["record"]["asset_id"]: r for r in jsonl(done.stdout)}  # type: ignore[index]
    member = rows["A1"]
    assert member["verdict"] == "review"
    match = member["matches"][0]  # type: ignore[index]
    assert match["entity_id"] == "hikvision" and match["score"] == 0.85
    assert match["features"][0]["feature"] == "family"
    reasons = [m["reason"] for m in match["measures"]]
    assert any("probable member of this family" in r for r in reasons)
    assert rows["A2"]["verdict"] == "clear" and rows["A2"]["matches"] == []
    assert rows["A3"]["verdict"] in {"review", "clear"}
    assert rows["A4"]["verdict"] == "prohibited"
    assert rows["A5"]["matches"] == []
    assert {r["matcher"] for r in rows.values()} == {"banwatch-match-v8"}
