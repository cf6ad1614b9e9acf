"""The input digest depends on file contents and order, not names."""

from __future__ import annotations

from pathlib import Path

from banwatch.store import input_digest


def test_input_digest(tmp_path: Path) -> None:
    a, b, a_copy = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "renamed.csv"
    a.write_text("Supplier\nHikvision\n", encoding="utf-8")
    b.write_text("Supplier\nDahua\n", encoding="utf-8")
    a_copy.write_bytes(a.read_bytes())

    assert input_digest([a]) == input_digest([a_copy])
    assert input_digest([a, b]) != input_digest([b, a])
    assert input_digest([a, b]) != input_digest([a])
    assert len(input_digest([])) == 64
