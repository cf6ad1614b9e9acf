"""Fixtures for reader tests: real files in tmp_path, read back through the public API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from banwatch.model.records import Record, RowProblem
from banwatch.readers import read_records

Write = Callable[[str, bytes | str], Path]
Read = Callable[..., tuple[list[Record], list[RowProblem]]]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write bytes, or str as UTF-8, to a file named `name` in tmp_path."""

    def _write(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return _write


@pytest.fixture
def read() -> Read:
    """Read paths with read_records and split the stream into records and problems."""

    def _read(*paths: Path) -> tuple[list[Record], list[RowProblem]]:
        records: list[Record] = []
        problems: list[RowProblem] = []
        for item in read_records(list(paths)):
            if isinstance(item, RowProblem):
                problems.append(item)
            else:
                records.append(item)
        return records, problems

    return _read
