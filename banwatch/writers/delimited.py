"""CSV output, safe to open in a spreadsheet.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would
be read as a formula by spreadsheet programs: it is prefixed with `'`.
"""

from __future__ import annotations

import csv
import json
from typing import IO

from banwatch.model.findings import Finding
from banwatch.writers.base import Summary

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "verdict",
    "entity_id",
    "entity_name",
    "score",
    "matched_on",
    "path",
    "measures",
    "sources",
    "file",
    "other_columns",
    "nearest",
)


def neutralise(cell: str) -> str:
    """Make a cell inert for spreadsheet programs."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def is_formula_like(cell: str) -> bool:
    """Whether a spreadsheet program would read `cell` as a formula."""
    return cell.startswith(_FORMULA_START)


def record_cells(record: dict[str, str], header: list[str]) -> tuple[list[str], str]:
    """A record's cells under `header`, and its cells under other headers as JSON ("" if none).

    The header is the first record's; a second input file with other columns
    keeps its other cells this way, so nothing is lost.
    """
    own = [record.get(h, "") for h in header]
    known = set(header)
    other = {k: v for k, v in record.items() if k not in known and v}
    return own, json.dumps(other, ensure_ascii=False) if other else ""


class CsvWriter:
    """One row per input record: its own columns, then the verdict and the best match.

    The record columns are those of the first record; cells under other headers
    (a second input file with other columns) go into `other_columns` as JSON,
    so nothing is lost. `sources` lists the sources of the measures behind the
    verdict (all of them when the record is clear).
    """

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.csv = csv.writer(out)
        self.header: list[str] | None = None

    def write(self, finding: Finding) -> None:
        if self.header is None:
            self.header = ["row", *finding.record.keys()]
            self.csv.writerow([neutralise(h) for h in [*self.header, *COLUMNS]])
        best = finding.matches[0] if finding.matches else None
        measures = (
            "; ".join(f"{h.measure_id} ({h.status}, {h.verdict})" for h in best.measures)
            if best
            else ""
        )
        decisive = [h for h in best.measures if h.verdict != "clear"] if best else []
        sources = sorted(
            {s for h in decisive or (best.measures if best else []) for s in h.sources}
        )
        own, other = record_cells(finding.record, self.header[1:])
        tail = [
            finding.verdict,
            best.entity_id if best else "",
            best.entity_name if best else "",
            f"{best.score:.2f}" if best else "",
            best.matched_on if best else "",
            best.path if best else "",
            measures,
            " ".join(sources),
            finding.file or "",
            other,
            finding.nearest.describe() if finding.nearest else "",
        ]
        self.csv.writerow([str(finding.row), *(neutralise(c) for c in [*own, *tail])])

    def close(self, summary: Summary) -> None:
        self.out.flush()
