"""FCC IDs through `banwatch screen`, end to end: a column of FCC IDs, and labelled ones in text."""

from __future__ import annotations

from pathlib import Path

from ..cli_support import jsonl, run

INVENTORY = """\
Item,FCC ID,Description
NVR in the server room,2ADTD-5604SD,
Drone controller,,"grey case, label: FCC ID: SS3-PS512M21610"
Tablet,BCG-E2816A,
Desk phone,n/a,
"""


def test_screen_reads_the_grantee_code_of_an_fcc_id(tmp_path: Path) -> None:
    src = tmp_path / "inventory.csv"
    src.write_text(INVENTORY, encoding="utf-8")
    res = run(["screen", str(src), "--format", "jsonl", "--as-of", "2026-01-15"], tmp_path / "home")
    assert res.returncode == 0, res.stderr
    rows = jsonl(res.stdout)
    assert [r["row"] for r in rows] == [0, 1, 2, 3]

    def first(row: dict[str, object]) -> dict[str, object]:
        matches = row["matches"]
        assert isinstance(matches, list) and matches, row
        match = matches[0]
        assert isinstance(match, dict)
        return match

    hik = first(rows[0])
    assert (hik["entity_id"], hik["matched_on"]) == ("hikvision", "identifier")
    assert hik["matched_value"] == "2ADTD-5604SD"
    assert "grantee code 2ADTD" in str(hik["features"])
    assert rows[0]["verdict"] != "clear"

    dji = first(rows[1])
    assert (dji["entity_id"], dji["matched_on"]) == ("dji-autel", "identifier")
    assert "grantee code SS3" in str(dji["features"])

    assert rows[2]["matches"] == [] and rows[2]["verdict"] == "clear"
    assert rows[3]["matches"] == []
    assert "'n/a' is not an FCC ID" in res.stderr
