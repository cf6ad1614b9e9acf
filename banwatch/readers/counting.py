"""Count the records of input files quickly, for progress bars and the choice of engine.

The count is an estimate for delimited text and JSON lines (a quoted cell
spanning lines counts twice) and nmap XML (a host that is down counts, though
it is skipped); it is exact for Parquet and XLSX.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

_BLOCK = 1 << 20


def _lines(path: Path) -> int:
    count = 0
    last = b"\n"
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def _tags(path: Path, tag: bytes) -> int:
    """How many start tags the file holds: `tag` (b"<host") then a space or `>`."""
    count = 0
    tail = b""
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            data = tail + block
            count += data.count(tag + b" ") + data.count(tag + b">")
            # A tag cut by the block's end is counted in the next block; the
            # kept tail is one byte short of a whole match, so none counts twice.
            tail = data[-len(tag) :]
    return count


def count_records(paths: Sequence[Path]) -> int:
    """About how many data records the files hold; 0 for a file that cannot be counted."""
    total = 0
    for path in paths:
        suffix = path.suffix.lower()
        try:
            if suffix == ".parquet":
                import pyarrow.parquet as pq

                total += int(pq.ParquetFile(path).metadata.num_rows)
            elif suffix in (".xlsx", ".xlsm"):
                from .xlsx import stored_rows  # its size as stored, without parsing the rows

                total += max(0, (stored_rows(path) or 0) - 1)
            elif suffix == ".xml":
                total += _tags(path, b"<host")
            elif suffix in (".jsonl", ".ndjson"):
                total += _lines(path)
            else:
                total += max(0, _lines(path) - 1)
        except (OSError, ValueError, KeyError, IndexError):
            continue  # the reader reports what is wrong with the file
    return total
