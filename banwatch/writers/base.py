"""The writer interface and the choice of writer by format name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Protocol, runtime_checkable

from banwatch.model.findings import Finding

FORMATS = ("table", "csv", "json", "jsonl")


@dataclass
class Summary:
    """What a run did, shown after its findings."""

    run_id: str | None = None
    as_of: str = ""
    profile: str = ""
    registry_version: str = ""
    matcher_version: str = ""
    verdicts: Counter[str] = field(default_factory=Counter)
    problems: int = 0  # rows and cells reported as warnings


class Writer(Protocol):
    """Receives findings in input order, then the summary once."""

    def write(self, finding: Finding) -> None: ...

    def close(self, summary: Summary) -> None: ...


@runtime_checkable
class LineWriter(Protocol):
    """A writer that also takes findings already written as JSON (`Finding.model_dump_json()`)."""

    def write(self, finding: Finding) -> None: ...

    def write_line(self, text: str) -> None: ...

    def close(self, summary: Summary) -> None: ...


def open_writer(fmt: str, out: IO[str], *, color: bool = False) -> Writer:
    """A writer for `fmt` writing to `out`."""
    from banwatch.writers.delimited import CsvWriter
    from banwatch.writers.jsonish import JsonLinesWriter, JsonWriter
    from banwatch.writers.table import TableWriter

    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "csv":
        return CsvWriter(out)
    if fmt == "table":
        return TableWriter(out, color=color)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
