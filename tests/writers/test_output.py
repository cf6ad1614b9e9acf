"""`banwatch screen --output`: the format from the extension, XLSX and Parquet files, and output
that fails cleanly (exit 2, one line; 141 for a closed pipe; never a half-written file).

Real processes on real files. The runs share one home (its index cache) and
save nothing, so no test sees another's run.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from banwatch.errors import UsageError
from banwatch.writers import output_format

from ..cli_support import BANWATCH, jsonl, run

PROFILE = ["--as-of", "2025-08-15", "--jurisdiction", "CA", "--sector", "government", "--no-save"]
INVENTORY = (
    "asset_id,supplier,model,mac\n"
    "A1,Hikvision Canada Inc.,DS-2CD2143G2-I,bc:5e:33:4a:10:01\n"
    "A2,EZVIZ,CS-C6N,\n"
    "A3,Axis Communications AB,AXIS P3265-LVE,00:40:8c:12:34:56\n"
    'A4,=HYPERLINK("http://x"),,\n'
)
ROOT_CAN_WRITE = os.name != "posix" or os.geteuid() == 0


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    path = tmp_path / "inventory.csv"
    path.write_text(INVENTORY, encoding="utf-8")
    return path


def errors(stderr: str) -> list[str]:
    """stderr without the line each run writes about its columns."""
    return [line for line in stderr.splitlines() if " columns of " not in line]


def left_beside(folder: Path) -> list[str]:
    """Hidden files a run may have left in `folder` (temporary outputs)."""
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("fmt", "output", "expected"),
    [
        (None, None, "jsonl"),
        (None, "f.csv", "csv"),
        (None, "f.CSV", "csv"),
        (None, "f.json", "json"),
        (None, "f.jsonl", "jsonl"),
        (None, "f.ndjson", "jsonl"),
        (None, "f.xlsx", "xlsx"),
        (None, "f.parquet", "parquet"),
        ("csv", "f.jsonl", "csv"),
        ("table", "f.txt", "table"),
    ],
)
def test_the_format_comes_from_format_then_the_extension(
    fmt: str | None, output: str | None, expected: str
) -> None:
    path = Path(output) if output else None
    assert output_format(fmt, path, terminal=False) == expected


@pytest.mark.parametrize(
    ("fmt", "output", "needle"),
    [
        (None, "f.txt", "'.txt'"),
        (None, "findings", "without an extension"),
        ("xlsx", None, "--output PATH"),
        ("parquet", None, "--output PATH"),
    ],
)
def test_a_format_that_cannot_be_told_or_written_is_refused(
    fmt: str | None, output: str | None, needle: str
) -> None:
    with pytest.raises(UsageError) as raised:
        output_format(fmt, Path(output) if output else None, terminal=True)
    assert needle in str(raised.value)


def test_each_extension_writes_its_format(tmp_path: Path, home: Path, inventory: Path) -> None:
    outputs = {ext: tmp_path / f"findings{ext}" for ext in (".csv", ".json", ".ndjson")}
    for path in outputs.values():
        res = run(["screen", str(inventory), *PROFILE, "--output", str(path)], home)
        assert res.returncode == 0, res.stderr
        assert res.stdout == ""
    rows = list(csv.DictReader(outputs[".csv"].open(encoding="utf-8", newline="")))
    assert [r["verdict"] for r in rows] == ["prohibited", "prohibited", "clear", "clear"]
    document = json.loads(outputs[".json"].read_text(encoding="utf-8"))
    assert [f["row"] for f in document["findings"]] == [0, 1, 2, 3]
    lines = jsonl(outputs[".ndjson"].read_text(encoding="utf-8"))
    assert [f["verdict"] for f in lines] == [r["verdict"] for r in rows]


def test_format_wins_over_the_extension(tmp_path: Path, home: Path, inventory: Path) -> None:
    out = tmp_path / "findings.jsonl"
    res = run(["screen", str(inventory), *PROFILE, "--format", "csv", "--output", str(out)], home)
    assert res.returncode == 0, res.stderr
    assert out.read_text(encoding="utf-8").startswith("row,asset_id,supplier,")


def test_an_unknown_extension_is_a_usage_error_before_any_work(
    tmp_path: Path, home: Path, inventory: Path
) -> None:
    out = tmp_path / "findings.txt"
    res = run(["screen", str(inventory), *PROFILE, "--output", str(out)], home)
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("banwatch: error: ")
    assert "'.txt'" in res.stderr and ".xlsx" in res.stderr and "--format" in res.stderr
    assert list(tmp_path.iterdir()) == [inventory]


def test_xlsx_has_a_findings_sheet_and_one_per_verdict_to_filter(
    tmp_path: Path, home: Path, inventory: Path
) -> None:
    out = tmp_path / "findings.xlsx"
    res = run(["screen", str(inventory), *PROFILE, "--output", str(out)], home)
    assert res.returncode == 0, res.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["findings", "prohibited", "suspended", "review", "clear"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        )
    header = [c.value for c in book["findings"][1]]
    assert header[:6] == ["row", "verdict", "asset_id", "supplier", "model", "mac"]
    assert {"matched", "entity_ids", "measures binding you", "other measures"} <= set(header)
    rows = [
        dict(zip(header, r, strict=True))
        for r in book["findings"].iter_rows(min_row=2, values_only=True)
    ]
    assert [r["verdict"] for r in rows] == ["prohibited", "prohibited", "clear", "clear"]
    assert rows[0]["row"] == 0 and rows[1]["entity_ids"] == "ezviz"
    assert "ca-federal-hikvision-procurement-use-ban-2025" in rows[0]["measures binding you"]
    assert [r[0].value for r in book["prohibited"].iter_rows(min_row=2)] == [0, 1]
    assert [r[0].value for r in book["clear"].iter_rows(min_row=2)] == [2, 3]
    assert book["review"].max_row == 1  # the header alone
    formula = book["findings"]["D5"]  # written as text, shown as written, never run
    assert formula.value == '=HYPERLINK("http://x")'
    assert formula.data_type == "s" and formula.quotePrefix


def test_parquet_on_the_local_engine_has_sparks_columns(
    tmp_path: Path, home: Path, inventory: Path
) -> None:
    out = tmp_path / "findings.parquet"
    written = run(["screen", str(inventory), *PROFILE, "--output", str(out)], home)
    lines = run(["screen", str(inventory), *PROFILE, "--format", "jsonl"], home)
    assert written.returncode == lines.returncode == 0, written.stderr
    table = pq.read_table(out)
    assert table.column_names == ["row", "verdict", "finding"]
    assert table.column("finding").to_pylist() == lines.stdout.splitlines()
    assert table.column("row").to_pylist() == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("output", "needle"),
    [
        ("missing/findings.jsonl", "no such folder"),
        ("a-directory", "is a directory"),
        ("a-file/findings.csv", "is not a folder"),
        ("/dev/full", "no space left on the device"),
    ],
)
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(
    tmp_path: Path, home: Path, inventory: Path, output: str, needle: str
) -> None:
    (tmp_path / "a-directory").mkdir()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    target = output if output.startswith("/") else str(tmp_path / output)
    res = run(["screen", str(inventory), *PROFILE, "--format", "jsonl", "--output", target], home)
    assert res.returncode == 2
    assert errors(res.stderr) == [errors(res.stderr)[0]]
    assert errors(res.stderr)[0].startswith("banwatch: error: ") and needle in res.stderr
    assert "Traceback" not in res.stderr
    assert left_beside(tmp_path) == []


@pytest.mark.parametrize("fmt", ["jsonl", "table", "csv"])
def test_a_full_disk_on_standard_output_is_one_line_and_exit_2(
    home: Path, inventory: Path, fmt: str
) -> None:
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    with open("/dev/full", "w") as full:
        res = subprocess.run(
            [str(BANWATCH), "screen", str(inventory), *PROFILE, "--format", fmt],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )
    assert res.returncode == 2
    assert errors(res.stderr) == [
        "banwatch: error: standard output: cannot write the findings: no space left on the device"
    ]


@pytest.mark.skipif(ROOT_CAN_WRITE, reason="needs file permissions (not root)")
@pytest.mark.parametrize("what", ["folder", "file"])
def test_no_permission_is_one_line_and_exit_2(
    tmp_path: Path, home: Path, inventory: Path, what: str
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    out = folder / "findings.csv"
    if what == "file":
        out.write_text("earlier", encoding="utf-8")
        out.chmod(0o444)
    else:
        folder.chmod(0o555)
    try:
        res = run(["screen", str(inventory), *PROFILE, "--output", str(out)], home)
    finally:
        folder.chmod(0o755)
    assert res.returncode == 2
    assert len(errors(res.stderr)) == 1 and str(out) in res.stderr
    assert out.read_text(encoding="utf-8") == "earlier" if what == "file" else not out.exists()


def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path, home: Path) -> None:
    big = tmp_path / "big.csv"  # far more than a pipe holds (a finding is some kilobytes)
    big.write_text("supplier\n" + "Hikvision\nEZVIZ\n" * 300, encoding="utf-8")
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    args = [str(BANWATCH), "screen", str(big), *PROFILE, "--format", "jsonl"]
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()  # as `| head -1` does
        stderr = proc.stderr.read()
        status = proc.wait(timeout=120)
    assert json.loads(first)["row"] == 0
    assert status == 141  # as for any command stopped by SIGPIPE
    assert errors(stderr) == []


def test_strict_writes_nothing_when_it_fails(tmp_path: Path, home: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("supplier,mac\nHikvision,\nDahua,not-a-mac\nZTE,\n", encoding="utf-8")
    earlier = tmp_path / "earlier.jsonl"
    earlier.write_text("an earlier output\n", encoding="utf-8")
    for out in (tmp_path / "new.jsonl", tmp_path / "new.xlsx", earlier):
        res = run(["screen", str(bad), *PROFILE, "--strict", "--output", str(out)], home)
        assert res.returncode == 2 and "not-a-mac" in res.stderr
    assert not (tmp_path / "new.jsonl").exists() and not (tmp_path / "new.xlsx").exists()
    assert earlier.read_text(encoding="utf-8") == "an earlier output\n"
    assert left_beside(tmp_path) == []
    res = run(["screen", str(bad), *PROFILE, "--strict", "--format", "jsonl"], home)
    assert res.returncode == 2 and res.stdout == ""  # held back, then dropped


def test_a_successful_run_replaces_the_earlier_file_whole(
    tmp_path: Path, home: Path, inventory: Path
) -> None:
    out = tmp_path / "findings.jsonl"
    out.write_text("an earlier output\n", encoding="utf-8")
    out.chmod(0o640)
    res = run(["screen", str(inventory), *PROFILE, "--strict", "--output", str(out)], home)
    assert res.returncode == 0, res.stderr
    assert [f["row"] for f in jsonl(out.read_text(encoding="utf-8"))] == [0, 1, 2, 3]
    assert out.stat().st_mode & 0o777 == 0o640
    assert left_beside(tmp_path) == []


def test_the_output_may_not_be_an_input(tmp_path: Path, home: Path, inventory: Path) -> None:
    copy = tmp_path / "inventory.jsonl"
    copy.write_text('{"supplier": "Hikvision"}\n', encoding="utf-8")
    res = run(["screen", str(copy), *PROFILE, "--output", str(copy)], home)
    assert res.returncode == 2 and "is also an input" in res.stderr
    assert copy.read_text(encoding="utf-8") == '{"supplier": "Hikvision"}\n'
