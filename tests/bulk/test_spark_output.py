"""Where the Spark engine writes Parquet, and that it never replaces what it did not write."""

from __future__ import annotations

from pathlib import Path

import pytest

from banwatch.bulk.spark.output import check_destination, is_parquet_output, publish, staging_path
from banwatch.errors import UsageError


def _spark_output(path: Path) -> Path:
    path.mkdir()
    (path / "_SUCCESS").write_bytes(b"")
    (path / "part-00000-abc.snappy.parquet").write_bytes(b"old")
    (path / ".part-00000-abc.snappy.parquet.crc").write_bytes(b"")
    return path


@pytest.mark.parametrize(
    ("name", "make_dir", "parquet"),
    [
        ("findings.parquet", False, True),
        ("FINDINGS.PARQUET", False, True),
        ("findings.jsonl", False, False),
        ("findings", False, False),
        ("out", True, True),
    ],
)
def test_parquet_is_a_parquet_name_or_a_directory(
    tmp_path: Path, name: str, make_dir: bool, parquet: bool
) -> None:
    path = tmp_path / name
    if make_dir:
        path.mkdir()
    assert is_parquet_output(path) is parquet


@pytest.mark.parametrize(
    ("setup", "refused"),
    [
        ("new", False),
        ("file", False),
        ("empty dir", False),
        ("spark output", False),
        ("dir with other files", True),
        ("dir with parts but no _SUCCESS", True),
        ("missing folder", True),
    ],
)
def test_only_safe_destinations_are_accepted(tmp_path: Path, setup: str, refused: bool) -> None:
    path = tmp_path / "out.parquet"
    if setup == "file":
        path.write_bytes(b"PAR1")
    elif setup == "empty dir":
        path.mkdir()
    elif setup == "spark output":
        _spark_output(path)
    elif setup == "dir with other files":
        path.mkdir()
        (path / "notes.txt").write_text("keep me", encoding="utf-8")
    elif setup == "dir with parts but no _SUCCESS":
        _spark_output(path)
        (path / "_SUCCESS").unlink()
    elif setup == "missing folder":
        path = tmp_path / "nowhere" / "out.parquet"
    if refused:
        with pytest.raises(UsageError):
            check_destination(path)
    else:
        check_destination(path)


def test_publish_replaces_an_earlier_output_whole(tmp_path: Path) -> None:
    path = _spark_output(tmp_path / "out.parquet")
    staged = staging_path(path)
    staged.mkdir()
    (staged / "part-00000-new.snappy.parquet").write_bytes(b"new")
    publish(staged, path)
    assert [p.name for p in path.iterdir()] == ["part-00000-new.snappy.parquet"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.parquet"]
