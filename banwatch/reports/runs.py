"""The `runs` and `diff` reports."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table

from banwatch.store import Change, RunSummary


def _console(out: IO[str]) -> Console:
    return Console(file=out, width=160, no_color=True, markup=False, highlight=False)


def _profile(run: RunSummary) -> str:
    where = ", ".join(run.profile.jurisdictions) or "all"
    return f"{run.profile.sector or 'any sector'} in {where}"


def write_runs(runs: list[RunSummary], fmt: str, out: IO[str]) -> None:
    """Saved runs, newest first, as a table or JSON lines."""
    if fmt == "jsonl":
        for r in runs:
            out.write(r.model_dump_json() + "\n")
        return
    table = Table(title="saved screening runs")
    for col in ("run", "finished", "as of", "profile", "records", "verdicts", "inputs"):
        table.add_column(col, overflow="fold")
    for r in runs:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(r.counts.items()))
        table.add_row(
            r.id,
            r.finished_at.isoformat(timespec="seconds"),
            r.as_of.isoformat(),
            _profile(r),
            str(r.record_count),
            counts,
            ", ".join(r.input_files),
        )
    _console(out).print(table)
    out.write(f"{len(runs)} runs\n")


def write_changes(
    a: RunSummary, b: RunSummary, changes: list[Change], fmt: str, out: IO[str]
) -> None:
    """The records whose verdict or measure status changed from run `a` to run `b`."""
    if fmt == "jsonl":
        for c in changes:
            out.write(c.model_dump_json() + "\n")
        return
    title = f"changes from run {a.id} (as of {a.as_of}) to run {b.id} (as of {b.as_of})"
    table = Table(title=title)
    for col in ("record", "verdict", "why"):
        table.add_column(col, overflow="fold")
    for c in changes:
        shown = [f"{k}: {v}" for k, v in c.record.items() if v.strip()][:3]
        table.add_row(
            "\n".join([f"row {c.row_b if c.row_b is not None else c.row_a}", *shown]),
            f"{c.verdict_a or '—'} → {c.verdict_b or '—'}",
            "\n".join(c.why),
        )
    _console(out).print(table)
    out.write(f"{len(changes)} records changed\n")
