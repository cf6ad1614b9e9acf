"""Large CSV files read in parts by several Spark tasks: what the whole file gives, line for line.

No JVM here: parts are planned and read as the driver and the tasks do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from banwatch.bulk.spark.parts import plan_parts, read_part_of
from banwatch.readers.columns import NO_CHOICES
from banwatch.readers.delimited import read_delimited
from banwatch.readers.rows import opened


def _whole(path: Path) -> list[object]:
    return list(opened(read_delimited(path, str(path), NO_CHOICES))[1])


def _in_parts(path: Path, split_bytes: int) -> tuple[int, list[object]]:
    """How many parts the file is cut into, and what they read (the whole file if none)."""
    parts = plan_parts(path, str(path), split_bytes)
    read = [item for p in parts for item in read_part_of(path, str(path), NO_CHOICES, p)]
    return len(parts), read if parts else _whole(path)


MESSY = (
    "\n"
    "supplier,model,mac\n"
    'Hikvision,DS-2CD2143G2-I,\n"Dahua\nTechnology\n\n",,\n'
    "bad,row,with,extra\n\n"
    'ZTE Corp.,"a ""quoted"" model\nover two lines",not-a-mac\n'
    "supplier,model,mac\n"
    "Acme Foods,,,\n"
    "Caf\xe9 Hikvision,,\n"
)


@pytest.mark.parametrize("split_bytes", [1, 7, 30, 60, 1000])
def test_parts_read_what_the_whole_file_reads(tmp_path: Path, split_bytes: int) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text(MESSY, encoding="utf-8")
    count, read = _in_parts(path, split_bytes)
    assert read == _whole(path)
    if split_bytes < len(MESSY):
        assert count > 1


def test_a_quote_never_closed_swallows_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text('supplier,model\nHikvision,x\n"never closed,y\nDahua,z\n', encoding="utf-8")
    assert _in_parts(path, 1) == (2, _whole(path))


def test_a_quoted_field_holding_line_breaks_is_never_cut(tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text(MESSY, encoding="utf-8")
    data = path.read_bytes()
    for part in plan_parts(path, str(path), 1):
        assert data[part.start : part.end].count(b'"') % 2 == 0
        assert data[: part.start].endswith(b"\n")
    # Every record is a part of its own, so a cut inside "Dahua ... " would show.
    assert len(plan_parts(path, str(path), 1)) == 8


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("supplier,model\nHikvision,a\rb\nDahua,c\n", "utf-8"),  # a lone carriage return
        ("supplier,model\nHikvision,x\nDahua,y\n", "utf-16"),  # newline bytes inside characters
        ("supplier,model\nHikvision,x\n", "utf-8"),  # no larger than a part
    ],
    ids=["lone-cr", "utf-16", "small"],
)
def test_files_that_cutting_could_change_are_read_whole(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text(text, encoding=encoding, newline="")
    assert plan_parts(path, str(path), 1 if len(text) > 30 else 1000) == []


cells = st.sampled_from(["Hikvision", "Acme", "", " ", 'say ""hi""', "a\nb", "x,y", "é", "\n"])
rows = st.lists(st.lists(cells, min_size=0, max_size=4), min_size=1, max_size=30)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows, split_bytes=st.integers(min_value=1, max_value=200), crlf=st.booleans())
def test_any_cut_reads_what_the_whole_file_reads(
    tmp_path: Path, rows: list[list[str]], split_bytes: int, crlf: bool
) -> None:
    end = "\r\n" if crlf else "\n"

    def field(cell: str) -> str:
        return f'"{cell}"' if any(c in cell for c in ',"\n') else cell

    text = "vendor,model,mac" + end + "".join(",".join(map(field, r)) + end for r in rows)
    path = tmp_path / "ledger.csv"
    path.write_bytes(text.encode("utf-8"))
    assert _in_parts(path, split_bytes)[1] == _whole(path)
