"""A table for people, rendered with rich once all findings are in.

Up to `ALL_ROWS_LIMIT` records every row is shown; beyond that only the rows
that are not `clear`, so a large inventory still fits a screen.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from banwatch.model.findings import Finding
from banwatch.writers.base import Summary

ALL_ROWS_LIMIT = 100
VERDICT_STYLE = {
    "prohibited": "bold red",
    "suspended": "bold yellow",
    "review": "yellow",
    "clear": "green",
}
_MAX_CELL = 60


def _short(text: str) -> str:
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _record_cell(f: Finding) -> str:
    shown = [f"{k}: {_short(v)}" for k, v in f.record.items() if v.strip()]
    return "\n".join(shown[:4]) or "(empty)"


def _match_cell(f: Finding) -> str:
    lines = []
    for m in f.matches:
        lines.append(f"{m.path} ({m.matched_on}, {m.score:.2f})")
    return "\n".join(lines) or "—"


def _measures_cell(f: Finding) -> Text:
    text = Text()
    for m in f.matches:
        for h in m.measures:
            if text:
                text.append("\n")
            since = f" since {h.since}" if h.since else ""
            text.append(f"{h.measure_id}: ", style="bold")
            state = "context" if h.reason.startswith("context") else f"{h.status}{since}"
            text.append(state, style=VERDICT_STYLE.get(h.verdict, ""))
            text.append(f" → {h.verdict}" + ("" if h.binds else " (does not bind you)"))
    return text


class TableWriter:
    """Collects findings and prints one table and a summary."""

    def __init__(self, out: IO[str], *, color: bool = False) -> None:
        # Cells hold users' data and registry text: never read as rich markup.
        self.console = Console(
            file=out,
            force_terminal=color,
            no_color=not color,
            width=None if color else 160,
            markup=False,
            highlight=False,
        )
        self.findings: list[Finding] = []
        self.total = 0

    def write(self, finding: Finding) -> None:
        self.total += 1
        if finding.verdict != "clear" or self.total <= ALL_ROWS_LIMIT:
            self.findings.append(finding)

    def close(self, summary: Summary) -> None:
        rows = self.findings
        if self.total > ALL_ROWS_LIMIT:
            rows = [f for f in rows if f.verdict != "clear"]
        table = Table(title=f"banwatch screening as of {summary.as_of} — {summary.profile}")
        for name in ("row", "record", "verdict", "matched", "measures"):
            table.add_column(name, overflow="fold")
        for f in rows:
            table.add_row(
                str(f.row),
                _record_cell(f),
                Text(f.verdict, style=VERDICT_STYLE[f.verdict]),
                _match_cell(f),
                _measures_cell(f),
            )
        self.console.print(table)
        counts = ", ".join(f"{k} {summary.verdicts.get(k, 0)}" for k in VERDICT_STYLE)
        self.console.print(f"{self.total} records: {counts}")
        if self.total > ALL_ROWS_LIMIT:
            self.console.print(f"(only the {len(rows)} records that are not clear are shown)")
        meta = f"registry {summary.registry_version}, matcher {summary.matcher_version}"
        if summary.run_id:
            meta += f", saved as run {summary.run_id}"
        self.console.print(meta)
        if summary.problems:
            self.console.print(
                f"{summary.problems} warnings about unreadable rows or cells (see above)"
            )
