"""Write findings as a table for people, or CSV, JSON and JSON lines for tools."""

from banwatch.writers.base import FORMATS, LineWriter, Summary, Writer, open_writer

__all__ = ["FORMATS", "LineWriter", "Summary", "Writer", "open_writer"]
