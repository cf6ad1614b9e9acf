"""Writing impact and upcoming reports: a table, JSON lines or CSV.

JSON lines carry every field (`dataclasses.asdict`); CSV gives one row per
measure change (impact) or per step (upcoming), its events joined in one cell.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import IO, Any, Protocol

from rich.console import Console
from rich.table import Table

from banwatch.model.findings import EventNote

from .impact import RecordImpact
from .upcoming import Upcoming

IMPACT_CSV = (
    "row",
    "file",
    "line",
    "record",
    "from_verdict",
    "to_verdict",
    "measure_id",
    "target",
    "from_status",
    "to_status",
    "events",
)
UPCOMING_CSV = (
    "date",
    "days_left",
    "measure_id",
    "jurisdiction",
    "type",
    "summary",
    "binds_you",
    "records",
    "source",
)


class ImpactWriter(Protocol):
    def write(self, impact: RecordImpact) -> None: ...

    def close(self, footer: str) -> None: ...


def steps_text(events: Iterable[EventNote]) -> str:
    """Events in one line: `date type: summary`, separated by semicolons."""
    return "; ".join(f"{e.date} {e.type}: {e.summary}" for e in events)


def record_text(record: dict[str, str]) -> str:
    """A record's non-empty cells in one line, for tables and CSV."""
    return ", ".join(f"{k}={v}" for k, v in record.items() if v)


def impact_json(impact: RecordImpact) -> dict[str, Any]:
    """A changed record as JSON: its fields, each change's events as in findings (`EventNote`)."""
    changes = [{**asdict(c), "events": [e.model_dump() for e in c.events]} for c in impact.changes]
    return {**asdict(impact), "changes": changes}


class ImpactLines:
    """One JSON line per changed record."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, impact: RecordImpact) -> None:
        self.out.write(json.dumps(impact_json(impact), ensure_ascii=False) + "\n")

    def close(self, footer: str) -> None:
        del footer  # the counts go to standard error: the lines stay machine-readable


class ImpactCsv:
    """One CSV row per measure change (one per record whose verdict alone changed)."""

    def __init__(self, out: IO[str]) -> None:
        self.rows = csv.writer(out)
        self.rows.writerow(IMPACT_CSV)

    def write(self, impact: RecordImpact) -> None:
        head = [impact.row, impact.file or "", impact.line or "", record_text(impact.record)]
        verdicts = [impact.from_verdict, impact.to_verdict]
        if not impact.changes:
            self.rows.writerow([*head, *verdicts, "", "", "", "", ""])
        for c in impact.changes:
            change = [c.measure_id, c.target, c.from_status, c.to_status, steps_text(c.events)]
            self.rows.writerow([*head, *verdicts, *change])

    def close(self, footer: str) -> None:
        del footer


class ImpactTable:
    """A table of the changed records, printed when all are known, with the counts under it."""

    def __init__(self, out: IO[str], title: str) -> None:
        self.out = out
        self.table = Table(title=title)
        for column in ("row", "record", "verdict", "what changed, and why"):
            self.table.add_column(column, overflow="fold")

    def write(self, impact: RecordImpact) -> None:
        said = [
            f"{c.measure_id}: {c.from_status} → {c.to_status}"
            + "".join(f"\n  {e.date} {e.summary}" for e in c.events)
            for c in impact.changes
        ]
        self.table.add_row(
            str(impact.row),
            record_text(impact.record),
            f"{impact.from_verdict} → {impact.to_verdict}",
            "\n".join(said) or "(the verdict alone)",
        )

    def close(self, footer: str) -> None:
        console = Console(file=self.out, width=120, no_color=True, markup=False, highlight=False)
        console.print(self.table)
        self.out.write(footer + "\n")


def impact_writer(fmt: str, out: IO[str], title: str) -> ImpactWriter:
    if fmt == "jsonl":
        return ImpactLines(out)
    if fmt == "csv":
        return ImpactCsv(out)
    return ImpactTable(out, title)


def write_upcoming(steps: list[Upcoming], fmt: str, out: IO[str], title: str) -> None:
    """The steps ahead as a table, JSON lines or CSV."""
    if fmt == "jsonl":
        for u in steps:
            out.write(json.dumps(asdict(u), ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        rows = csv.writer(out)
        rows.writerow(UPCOMING_CSV)
        for u in steps:
            rows.writerow([asdict(u)[k] if asdict(u)[k] is not None else "" for k in UPCOMING_CSV])
        return
    table = Table(title=title)
    for column in ("date", "in", "measure", "step", "binds you", "records"):
        table.add_column(column, overflow="fold")
    for u in steps:
        table.add_row(
            u.date,
            f"{u.days_left} d",
            f"{u.measure_id} ({u.jurisdiction})",
            f"{u.type}: {u.summary}",
            "yes" if u.binds_you else "no",
            "—" if u.records is None else str(u.records),
        )
    Console(file=out, width=120, no_color=True, markup=False, highlight=False).print(table)
    out.write(f"{len(steps)} steps ahead\n")
