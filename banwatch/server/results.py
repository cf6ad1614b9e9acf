"""A saved run's findings as a file to download, streamed: the result of an upload job
(`GET /jobs/{id}/result`) and the run page's downloads.

Invariants:
- The bytes are those `banwatch screen --format csv|xlsx|jsonl` writes for
  the same findings: the same writers, fed the stored findings in row order
  (JSON lines: each line exactly as saved).
- Nothing holds the whole file in memory. CSV and JSON lines are written a
  chunk of about `CHUNK` bytes at a time as the findings are read from the
  store, a page at a time. An XLSX workbook cannot be sent before it is
  complete (its zip directory comes last): it is written once to a
  temporary file (openpyxl's write-only mode keeps rows on disk too), whose
  name is removed at once, and sent from the open file `CHUNK` bytes at a
  time; the disk space goes with the file's handle when the stream ends.
- The workbook is written before the first byte is sent, so a failure to
  write it is an error answer, not a cut download.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from banwatch.store import RunStore, RunSummary
from banwatch.writers import Summary, open_file_writer, open_writer

CHUNK = 1 << 20
"""Bytes sent at a time, about: one send per line would cost a thread hop each."""
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def findings_stream(store: RunStore, run: RunSummary, fmt: str) -> Iterator[bytes]:
    """The run's findings as a file in `fmt` (csv, xlsx or jsonl), in chunks."""
    if fmt == "xlsx":
        return _sent(_workbook(store, run))
    if fmt == "jsonl":
        return _lines(store.lines(run.id))
    return _csv(store, run)


def summary_of(run: RunSummary) -> Summary:
    """What a writer is told when it closes, for a saved run."""
    return Summary(
        run_id=run.id,
        as_of=run.as_of.isoformat(),
        registry_version=run.registry_version,
        matcher_version=run.matcher_version,
        release=run.release.id if run.release else "",
        verdicts=Counter(run.counts),
    )


def _lines(lines: Iterator[str]) -> Iterator[bytes]:
    chunk: list[str] = []
    held = 0
    for line in lines:
        chunk.append(line)
        held += len(line) + 1
        if held >= CHUNK:
            yield ("\n".join(chunk) + "\n").encode()
            chunk, held = [], 0
    if chunk:
        yield ("\n".join(chunk) + "\n").encode()


def _csv(store: RunStore, run: RunSummary) -> Iterator[bytes]:
    out = io.StringIO()
    writer = open_writer("csv", out)
    for finding in store.findings(run.id):
        writer.write(finding)
        if out.tell() >= CHUNK:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    writer.close(summary_of(run))
    yield out.getvalue().encode("utf-8")


def _workbook(store: RunStore, run: RunSummary) -> IO[bytes]:
    """The run's workbook, written to a temporary file already unlinked, open at its start."""
    with tempfile.TemporaryDirectory(prefix="banwatch-download-") as folder:
        path = Path(folder) / "findings.xlsx"
        writer = open_file_writer("xlsx", path)
        for finding in store.findings(run.id):
            writer.write(finding)
        writer.close(summary_of(run))
        kept = path.open("rb")
        os.unlink(path)  # the open handle keeps the bytes; nothing is left behind
        return kept


def _sent(file: IO[bytes]) -> Iterator[bytes]:
    with file:
        while chunk := file.read(CHUNK):
            yield chunk
