"""`banwatch screen --engine spark` end to end: a real process on a real local Spark.

Its findings must equal the local engine's, record for record, on the
development set; so must its warnings, its exit status and its saved run.
Starting Spark takes seconds, so there are only two Spark runs here; what
can be checked without a JVM is checked in test_spark_tasks.py.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from importlib.util import find_spec
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ..cli_support import jsonl, run

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"

PROFILE = ["--as-of", "2025-09-01", "--sector", "government", "--fail-on", "prohibited"]
SPARK = ["--engine", "spark", "--spark-master", "local[2]"]


def needed(present: bool, what: str) -> None:
    """Skip when `what` is missing here; fail in CI, where it must be present."""
    if not present:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing")
        pytest.skip(f"{what} is missing")


@pytest.fixture
def dev_csv() -> Path:
    needed(EVAL.is_dir(), f"the development set at {EVAL}")
    needed(find_spec("pyspark") is not None, "PySpark (pip install -e '.[dev]')")
    return EVAL / "dev.csv"


MESSY = (
    "vendor,model,mac\n"
    '"Hikvision\nCanada Inc.",DS-2CD2143G2-I,\n'
    "Dahua,,,,extra\n"
    "\n"
    "ZTE Corporation,,not-a-mac\n"
    "Blue River Foods,,\n"
)


def test_findings_warnings_and_run_equal_the_local_engines(dev_csv: Path, tmp_path: Path) -> None:
    messy = tmp_path / "messy.csv"
    messy.write_text(MESSY, encoding="utf-8")
    args = ["screen", str(dev_csv), str(messy), "--format", "jsonl", *PROFILE]
    local = run(args, tmp_path / "local")
    spark = run([*args, *SPARK], tmp_path / "spark", timeout=600)

    assert local.returncode == 1, local.stderr
    assert spark.returncode == 1, spark.stderr
    assert spark.stdout.splitlines() == local.stdout.splitlines()
    rows = jsonl(spark.stdout)
    assert [r["row"] for r in rows] == list(range(87 + 4))  # numbering runs on across files
    # Row problems and cell warnings, and nothing of Spark's own output.
    assert spark.stderr == local.stderr
    said = "expected 3 fields, found 5; the extra cells are kept as 'column 5'"
    assert f"{messy}: line 4: {said}" in spark.stderr

    saved = jsonl(run(["runs", "--format", "jsonl"], tmp_path / "spark").stdout)
    assert len(saved) == 1
    assert saved[0]["record_count"] == len(rows)
    assert saved[0]["counts"] == dict(Counter(str(r["verdict"]) for r in rows))
    assert saved[0]["input_files"] == [str(dev_csv), str(messy)]


def test_parquet_in_parquet_out(dev_csv: Path, tmp_path: Path) -> None:
    with dev_csv.open(encoding="utf-8", newline="") as stream:
        records = list(csv.DictReader(stream))
    table = pa.table({name: [r[name] for r in records] for name in records[0]})
    source = tmp_path / "dev.parquet"
    pq.write_table(table, source, row_group_size=25)
    out = tmp_path / "findings.parquet"
    out.write_bytes(b"an earlier output, replaced")

    local = run(["screen", str(source), "--format", "jsonl", "--no-save", *PROFILE], tmp_path)
    spark = run(
        ["screen", str(source), "--output", str(out), "--no-save", *PROFILE, *SPARK],
        tmp_path,
        timeout=600,
    )

    assert spark.returncode == local.returncode == 1, spark.stderr
    assert spark.stdout == ""
    assert spark.stderr == local.stderr
    written = pq.read_table(out)
    assert written.column_names == ["row", "verdict", "finding"]
    findings = written.column("finding").to_pylist()
    assert findings == local.stdout.splitlines()
    assert written.column("row").to_pylist() == list(range(87))
    assert written.column("verdict").to_pylist() == [json.loads(f)["verdict"] for f in findings]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_without_pyspark_the_engine_asks_for_the_extra(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked" / "pyspark"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('pyspark blocked for this test')\n")
    source = tmp_path / "in.csv"
    source.write_text("supplier\nHikvision\n", encoding="utf-8")
    res = run(
        ["screen", str(source), "--engine", "spark"], tmp_path, PYTHONPATH=str(blocked.parent)
    )
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        "banwatch: error: --engine spark needs PySpark, which is not installed: "
        "pip install 'banwatch[spark]'"
    ]


@pytest.mark.parametrize(
    ("output", "engine", "needle"),
    [
        ("taken", "local", "is a directory"),
        ("taken", "spark", "is a directory holding other files"),
    ],
)
def test_parquet_output_that_cannot_be_honoured_is_refused_before_any_work(
    tmp_path: Path, output: str, engine: str, needle: str
) -> None:
    needed(find_spec("pyspark") is not None, "PySpark (pip install -e '.[dev]')")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("keep me", encoding="utf-8")
    source = tmp_path / "in.csv"
    source.write_text("supplier\nHikvision\n", encoding="utf-8")
    res = run(
        ["screen", str(source), "--engine", engine, "--output", str(tmp_path / output)], tmp_path
    )
    assert res.returncode == 2
    assert len(res.stderr.splitlines()) == 1 and needle in res.stderr
    assert (tmp_path / "taken" / "notes.txt").exists()
