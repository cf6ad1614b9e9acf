"""Where Parquet findings go, and how they replace an earlier output without a half-written state.

Invariants:
- `--output` names Parquet when it ends in `.parquet` or is an existing directory.
- Spark writes the dataset beside the destination and it is renamed into
  place only when complete: a failed run leaves the earlier output whole.
- Only a file, an empty directory or an earlier Spark output (part files and
  a `_SUCCESS` marker) is ever replaced; any other directory is refused
  before the run starts.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from banwatch.errors import UsageError

_SPARK_FILES = ("part-", ".part-", "_SUCCESS", "._SUCCESS")


def is_parquet_output(path: Path) -> bool:
    """Whether `--output PATH` asks for a Parquet dataset rather than a text file."""
    return path.suffix.lower() == ".parquet" or path.is_dir()


def check_destination(path: Path) -> None:
    """Raise UsageError if writing a dataset at `path` could lose anything but an earlier output."""
    if not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    if path.is_dir() and not _replaceable(path):
        raise UsageError(
            f"{path}: is a directory holding other files; give an empty directory, "
            "an earlier Parquet output, or a new path ending in .parquet"
        )


def _replaceable(directory: Path) -> bool:
    entries = list(directory.iterdir())
    if not entries:
        return True
    spark_made = all(e.is_file() and e.name.startswith(_SPARK_FILES) for e in entries)
    return spark_made and (directory / "_SUCCESS").exists()


def staging_path(path: Path) -> Path:
    """A fresh hidden sibling of `path` for Spark to write into."""
    return path.parent / f".{path.name}.banwatch-{uuid.uuid4().hex[:12]}"


def publish(staged: Path, path: Path) -> None:
    """Move a complete dataset from `staged` to `path`, removing what was there before."""
    old = None
    if path.exists() or path.is_symlink():
        old = staging_path(path)
        path.rename(old)
    staged.rename(path)
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.unlink()


def discard(staged: Path) -> None:
    """Remove a partly written dataset."""
    shutil.rmtree(staged, ignore_errors=True)
