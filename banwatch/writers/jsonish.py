"""JSON lines (one finding per line, the contract in DESIGN.md) and one JSON document."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import IO

from banwatch.model.findings import Finding
from banwatch.writers.base import Summary


class JsonLinesWriter:
    """One JSON object per input record, in input order; nothing else."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, finding: Finding) -> None:
        self.write_line(finding.model_dump_json(exclude_none=False))

    def write_line(self, text: str) -> None:
        self.out.write(text + "\n")  # one call: a million rows make a million calls

    def close(self, summary: Summary) -> None:
        self.out.flush()


class JsonWriter:
    """A single document: `{"summary": {...}, "findings": [...]}`, streamed."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.first = True
        self.out.write('{"findings": [\n')

    def write(self, finding: Finding) -> None:
        self.write_line(finding.model_dump_json())

    def write_line(self, text: str) -> None:
        if not self.first:
            self.out.write(",\n")
        self.first = False
        self.out.write(text)

    def close(self, summary: Summary) -> None:
        data = asdict(summary)
        data["verdicts"] = dict(summary.verdicts)
        self.out.write('\n], "summary": ')
        self.out.write(json.dumps(data, ensure_ascii=False))
        self.out.write("}\n")
        self.out.flush()
