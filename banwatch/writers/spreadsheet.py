"""XLSX output for people who filter in a spreadsheet program.

One sheet `findings` holds every record in input order, then one sheet per
verdict (`prohibited`, `suspended`, `review`, `clear`) holds that verdict's
records, every sheet with the same columns, a frozen header row and an
autofilter. The workbook is written in openpyxl's write-only mode: rows go
to temporary files as they come, so memory stays flat on large runs.

Invariants:
- A cell a spreadsheet program would read as a formula (`=`, `+`, `-`, `@`)
  is stored as text with Excel's quote prefix: shown as written, never run.
- Characters XLSX cannot hold (control characters) are dropped and a cell
  longer than Excel's 32,767 characters is cut; everything else is kept.
- A sheet that reaches Excel's 1,048,576 rows goes on in `findings 2`, ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from banwatch.model.findings import Finding, Match
from banwatch.model.vocabulary import VERDICT_RANK
from banwatch.writers.base import Summary
from banwatch.writers.delimited import is_formula_like, record_cells

MAX_ROWS = 1_048_576  # Excel's rows per sheet, the header included
MAX_CELL = 32_767  # Excel's characters per cell
VERDICTS = sorted(VERDICT_RANK, key=VERDICT_RANK.__getitem__, reverse=True)
BEFORE = ("row", "verdict")
AFTER = (
    "matched",
    "entity_ids",
    "score",
    "matched_on",
    "measures binding you",
    "other measures",
    "sources",
    "file",
    "other_columns",
)
WIDTHS = {"row": 7, "verdict": 12, "matched": 45, "measures binding you": 60, "other measures": 45}


def _text(value: str) -> str:
    kept: str = ILLEGAL_CHARACTERS_RE.sub("", value)
    return kept[:MAX_CELL]


class _Sheet:
    """One sheet and its continuations, each with the header, a frozen top row and a filter."""

    def __init__(self, book: Workbook, title: str, header: list[str]) -> None:
        self.book = book
        self.title = title
        self.header = header
        self.parts = 0
        self.rows = 0
        self.ws: Any = None
        self._next_part()  # every sheet exists, in the order made, even with no record

    def append(self, cells: list[Any]) -> None:
        if self.rows >= MAX_ROWS:
            self._next_part()
        self.ws.append([self._cell(c) for c in cells])
        self.rows += 1

    def _next_part(self) -> None:
        self.finish()
        self.parts += 1
        self.ws = self.book.create_sheet(
            self.title if self.parts == 1 else f"{self.title} {self.parts}"
        )
        self.ws.freeze_panes = "A2"
        for i, name in enumerate(self.header, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 18)
        bold = Font(bold=True)
        header = [WriteOnlyCell(self.ws, value=_text(name)) for name in self.header]
        for cell in header:
            cell.font = bold
        self.ws.append(header)
        self.rows = 1

    def _cell(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = _text(value)
        if "\n" in value or is_formula_like(value):
            cell = WriteOnlyCell(self.ws, value=value)
            cell.data_type = "s"  # text, even when it begins with '='
            if is_formula_like(value):
                cell.quotePrefix = True
            if "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            return cell
        return value

    def finish(self) -> None:
        """Set the filter over the rows written (known only at the end)."""
        if self.ws is not None:
            last = get_column_letter(len(self.header))
            self.ws.auto_filter.ref = f"A1:{last}{self.rows}"


class XlsxWriter:
    """Writes the workbook at `path` when closed; one row per input record on each sheet."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.book = Workbook(write_only=True)
        self.record_header: list[str] | None = None
        self.sheets: dict[str, _Sheet] = {}

    def _open(self, record_header: list[str]) -> None:
        self.record_header = record_header
        header = [*BEFORE, *record_header, *AFTER]
        for title in ("findings", *VERDICTS):
            self.sheets[title] = _Sheet(self.book, title, header)

    def write(self, finding: Finding) -> None:
        if self.record_header is None:
            self._open(list(finding.record.keys()))
        assert self.record_header is not None
        cells = self.cells(finding, self.record_header)
        self.sheets["findings"].append(cells)
        self.sheets[finding.verdict].append(cells)

    @staticmethod
    def cells(finding: Finding, record_header: list[str]) -> list[Any]:
        """A finding's row: row, verdict, the record's cells, then what it matched and why."""
        own, other = record_cells(finding.record, record_header)
        best = finding.matches[0] if finding.matches else None
        binding, others, sources = _measures(finding.matches)
        return [
            finding.row,
            finding.verdict,
            *own,
            "\n".join(f"{m.path} ({m.matched_on}, {m.score:.2f})" for m in finding.matches)
            or (finding.nearest.describe() if finding.nearest else ""),
            " ".join(m.entity_id for m in finding.matches),
            round(best.score, 4) if best else None,
            best.matched_on if best else "",
            "\n".join(binding),
            "\n".join(others),
            " ".join(sources),
            finding.file or "",
            other,
        ]

    def close(self, summary: Summary) -> None:
        if self.record_header is None:
            self._open([])
        for sheet in self.sheets.values():
            sheet.finish()
        self.book.save(self.path)


def _measures(matches: list[Match]) -> tuple[list[str], list[str], list[str]]:
    """Binding measures, the others (each 'id: status → verdict' once), and the sources behind the
    verdict (every measure's when none decides it)."""
    binding: list[str] = []
    others: list[str] = []
    decisive: set[str] = set()
    every: set[str] = set()
    seen: set[str] = set()
    for m in matches:
        for h in m.measures:
            every.update(h.sources)
            if h.verdict != "clear":
                decisive.update(h.sources)
            if h.measure_id in seen:
                continue
            seen.add(h.measure_id)
            since = f" since {h.since}" if h.since else ""
            (binding if h.binds else others).append(
                f"{h.measure_id}: {h.status}{since} → {h.verdict}"
            )
    return binding, others, sorted(decisive or every)
