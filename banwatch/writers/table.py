"""A table for people, rendered with rich once all findings are in.

Up to `ALL_ROWS_LIMIT` records every row is shown; beyond that only the rows
that are not `clear`, so a large inventory still fits a screen.

The table fits the width it is given: the terminal's, or the `COLUMNS`
environment variable when set (rich reads it; a piped table follows it),
else 80. Below `WIDE` columns the record, its matches and their measures
share one column, so that a measure id (up to ~52 characters) always fits on
a line: words wrap at spaces and ids are never split. Measures that do not
bind the profile are one line ("and 3 measures that do not bind you") unless
they decide the verdict, or `all_measures` asks for every one.
"""

from __future__ import annotations

import textwrap
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from banwatch.model.findings import Finding, Match
from banwatch.writers.base import Summary
from banwatch.writers.entities import EntityTally

ALL_ROWS_LIMIT = 100
WIDE = 120  # from this width on, the record has a column of its own
RECORD_CELLS = 4  # cells of a record shown; those that matched come first
VERDICT_STYLE = {
    "prohibited": "bold red",
    "suspended": "bold yellow",
    "review": "yellow",
    "clear": "green",
}
_MAX_CELL = 60


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _record_lines(f: Finding) -> list[str]:
    """Up to `RECORD_CELLS` non-empty cells, in record order, those a match read first."""
    filled = [k for k, v in f.record.items() if v.strip()]
    matched = {feat.column for m in f.matches for feat in m.features if feat.column}
    chosen = set([k for k in filled if k in matched][:RECORD_CELLS])
    chosen.update([k for k in filled if k not in chosen][: RECORD_CELLS - len(chosen)])
    return [f"{k}: {_short(f.record[k])}" for k in filled if k in chosen] or ["(empty)"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _match_text(f: Finding, m: Match, all_measures: bool) -> Text:
    """A match and its measures: those binding the profile or deciding the verdict, one per line,
    then how many others there are."""
    text = Text(f"{m.path} ({m.matched_on}, {m.score:.2f})")
    shown = 0
    for h in m.measures:
        decides = h.verdict == f.verdict and f.verdict != "clear"
        if not (h.binds or decides or all_measures):
            continue
        shown += 1
        text.append("\n")
        text.append(h.measure_id, style="bold")
        since = f" since {h.since}" if h.since else ""
        state = "context" if h.reason.startswith("context") else f"{h.status}{since}"
        text.append(f" {state}", style=VERDICT_STYLE.get(h.verdict, ""))
        text.append(f" → {h.verdict}" + ("" if h.binds else " (does not bind you)"))
    hidden = len(m.measures) - shown
    if hidden:
        said = f"and {_plural(hidden, 'measure')}" if shown else _plural(hidden, "measure")
        text.append(f"\n{said} that do{'es' if hidden == 1 else ''} not bind you", style="dim")
    elif not m.measures:
        text.append("\nno measure in the jurisdictions asked", style="dim")
    return text


def _matches_text(f: Finding, all_measures: bool, *, said: bool = False) -> Text:
    """Every match with its measures; `said` begins each with "matched" or "also matched"."""
    texts = [_match_text(f, m, all_measures) for m in f.matches]
    if said:
        texts = [
            Text("also matched " if i else "matched ").append_text(t) for i, t in enumerate(texts)
        ]
    if texts:
        return Text("\n").join(texts)
    return Text(f.nearest.describe(), style="dim") if f.nearest else Text("—")


class TableWriter:
    """Collects findings and prints one table and a summary."""

    def __init__(
        self,
        out: IO[str],
        *,
        color: bool = False,
        all_measures: bool = False,
        entities: EntityTally | None = None,
    ) -> None:
        # Cells hold users' data and registry text: never read as rich markup.
        self.console = Console(
            file=out,
            force_terminal=color,
            no_color=not color,
            markup=False,
            highlight=False,
        )
        self.all_measures = all_measures
        self.entities = entities
        self.findings: list[Finding] = []
        self.total = 0

    def write(self, finding: Finding) -> None:
        self.total += 1
        if finding.verdict != "clear" or self.total <= ALL_ROWS_LIMIT:
            self.findings.append(finding)

    def _table(self, rows: list[Finding]) -> Table:
        wide = self.console.width >= WIDE
        table = Table(box=box.HEAVY_HEAD, show_lines=True)
        table.add_column("row", justify="right", no_wrap=True)
        table.add_column("verdict", no_wrap=True)
        if wide:
            table.add_column("record", overflow="fold", ratio=2)
        name = "matched, and the measures" if wide else "record, what it matched, the measures"
        table.add_column(name, overflow="fold", ratio=3)
        for f in rows:
            record = _record_lines(f)
            verdict = Text(f.verdict, style=VERDICT_STYLE[f.verdict])
            if wide:
                matches = _matches_text(f, self.all_measures)
                table.add_row(str(f.row), verdict, "\n".join(record), matches)
            else:
                what = Text(" · ".join(record))
                if f.matches or f.nearest:
                    what.append("\n").append_text(_matches_text(f, self.all_measures, said=True))
                table.add_row(str(f.row), verdict, what)
        return table

    def close(self, summary: Summary) -> None:
        rows = self.findings
        if self.total > ALL_ROWS_LIMIT:
            rows = [f for f in rows if f.verdict != "clear"]
        self._say(f"banwatch screening as of {summary.as_of} — {summary.profile}")
        self.console.print(self._table(rows))
        counts = ", ".join(f"{k} {summary.verdicts.get(k, 0)}" for k in VERDICT_STYLE)
        self._say(f"{self.total} records: {counts}")
        if self.total > ALL_ROWS_LIMIT:
            self._say(f"(only the {len(rows)} records that are not clear are shown)")
        if self.entities is not None:
            lines = self.entities.lines()
            n = len(lines)
            self._say(f"{n} matched {'entity' if n == 1 else 'entities'}:" if n else "no match")
            for line in lines:
                self._say(line, indent="  ")
        release = f" (release {summary.release})" if summary.release else ""
        meta = f"registry {summary.registry_version}{release}, matcher {summary.matcher_version}"
        if summary.run_id:
            meta += f", saved as run {summary.run_id}"
        self._say(meta)
        if summary.problems:
            n = summary.problems
            said = "1 warning" if n == 1 else f"{n} warnings"
            self._say(f"{said} about unreadable rows or cells (see above)")

    def _say(self, line: str, indent: str = "") -> None:
        """A line of prose, wrapped at spaces to the width (ids are never split)."""
        wrapped = textwrap.fill(
            line,
            width=self.console.width,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        self.console.print(wrapped, soft_wrap=True)
