"""Write findings as a table for people, CSV, JSON, JSON lines, XLSX or Parquet."""

from banwatch.writers.base import (
    EXTENSIONS,
    FILE_FORMATS,
    FORMATS,
    LineWriter,
    Summary,
    Writer,
    open_file_writer,
    open_writer,
    output_format,
)

__all__ = [
    "EXTENSIONS",
    "FILE_FORMATS",
    "FORMATS",
    "LineWriter",
    "Summary",
    "Writer",
    "open_file_writer",
    "open_writer",
    "output_format",
]
