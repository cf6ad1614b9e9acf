"""The writer interface and the choice of writer by format name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol, runtime_checkable

from banwatch.errors import UsageError

if TYPE_CHECKING:
    from banwatch.model.findings import Finding
    from banwatch.writers.entities import EntityTally

FORMATS = ("table", "csv", "json", "jsonl", "xlsx", "parquet")
FILE_FORMATS = ("xlsx", "parquet")  # binary: written to a file, never to a terminal
EXTENSIONS = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}


@dataclass
class Summary:
    """What a run did, shown after its findings."""

    run_id: str | None = None
    as_of: str = ""
    profile: str = ""
    registry_version: str = ""
    matcher_version: str = ""
    release: str = ""  # the registry release's id ("embedded", "folder" or a pulled version)
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


def output_format(fmt: str | None, output: Path | None, *, terminal: bool) -> str:
    """The format `--format` names, or the one `--output`'s extension implies.

    Without either: a table on a terminal, JSON lines otherwise. An existing
    directory means a Parquet dataset (only Spark writes one). Raises
    UsageError for an extension that names no format, or a binary format
    without a file.
    """
    if fmt is not None:
        if fmt in FILE_FORMATS and output is None:
            raise UsageError(f"--format {fmt} writes a binary file: give it with --output PATH")
        return fmt
    if output is None:
        return "table" if terminal else "jsonl"
    if output.is_dir():
        return "parquet"
    suffix = output.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    said = f"the extension {output.suffix!r}" if output.suffix else "a name without an extension"
    raise UsageError(
        f"--output {output}: cannot tell the format from {said}; end the name with "
        f"{', '.join(EXTENSIONS)}, or give --format {'|'.join(FORMATS)}"
    )


def open_writer(
    fmt: str,
    out: IO[str],
    *,
    color: bool = False,
    all_measures: bool = False,
    entities: EntityTally | None = None,
) -> Writer:
    """A writer for the text format `fmt` writing to `out`.

    `all_measures` and `entities` (the `--summary` tally, shown after the
    table) shape the table only.
    """
    # Each writer is imported only when asked for: the table's (rich) is a large
    # import, and in a process holding a freshly read index its allocations set
    # off a collection walking millions of objects (seconds) before a run starts.
    if fmt in ("jsonl", "json"):
        from banwatch.writers.jsonish import JsonLinesWriter, JsonWriter

        return JsonLinesWriter(out) if fmt == "jsonl" else JsonWriter(out)
    if fmt == "csv":
        from banwatch.writers.delimited import CsvWriter

        return CsvWriter(out)
    if fmt == "table":
        from banwatch.writers.table import TableWriter

        return TableWriter(out, color=color, all_measures=all_measures, entities=entities)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def open_file_writer(fmt: str, path: Path) -> Writer:
    """A writer for the binary format `fmt` (xlsx, parquet) writing the file `path`."""
    if fmt == "xlsx":
        from banwatch.writers.spreadsheet import XlsxWriter

        return XlsxWriter(path)
    if fmt == "parquet":
        from banwatch.writers.columnar import ParquetWriter

        return ParquetWriter(path)
    raise ValueError(f"{fmt!r} is not a file format; expected one of {', '.join(FILE_FORMATS)}")
