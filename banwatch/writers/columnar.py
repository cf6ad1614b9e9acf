"""Parquet output on the local engine: the layout `--engine spark` writes, in one file.

Columns `row` (int64), `verdict` (string) and `finding` (the JSON of the
finding, as `--format jsonl` writes it), one row per input record in input
order. Spark writes the same columns as a dataset (a folder of part files);
`pyarrow.parquet.read_table` reads either.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from banwatch.model.findings import Finding
from banwatch.writers.base import Summary

SCHEMA = pa.schema([("row", pa.int64()), ("verdict", pa.string()), ("finding", pa.string())])
ROW_GROUP = 10_000  # findings held before a row group is written


class ParquetWriter:
    """Findings in row groups of `ROW_GROUP`, so memory stays flat."""

    def __init__(self, path: Path) -> None:
        self.file = pq.ParquetWriter(str(path), SCHEMA)
        self.rows: list[int] = []
        self.verdicts: list[str] = []
        self.findings: list[str] = []

    def write(self, finding: Finding) -> None:
        self.rows.append(finding.row)
        self.verdicts.append(finding.verdict)
        self.findings.append(finding.model_dump_json(exclude_none=False))
        if len(self.rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            columns = [self.rows, self.verdicts, self.findings]
            self.file.write_table(pa.table(columns, schema=SCHEMA))
            self.rows, self.verdicts, self.findings = [], [], []

    def close(self, summary: Summary) -> None:
        self._flush()
        self.file.close()
