"""The `measures` report: every measure in the asked jurisdictions and its status on a date."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import IO

from rich.console import Console
from rich.table import Table

from banwatch.errors import NotFoundError
from banwatch.model.measures import Binding
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.screening.screen import note
from banwatch.screening.verdict import binding
from banwatch.status import status_as_of


@dataclass(frozen=True)
class MeasureRow:
    """One measure as listed."""

    measure_id: str
    title: str
    jurisdiction: str
    type: str
    restrictive: bool
    binds: list[str]
    acts: list[str]
    products: list[str]  # kinds of product covered; empty: every kind
    acquired_from: str | None  # covers only what is acquired from this day
    status: str
    since: str | None
    binds_you: bool  # whether it binds the profile asked (jurisdiction, sector, level, acts)
    for_you: str  # why, in words
    targets: list[str]
    pending: list[str]
    deadlines: list[str]
    sources: list[str]


def _resolve_target(registry: Registry, target: str) -> str:
    if target in registry.entities:
        return target
    folded = target.casefold()
    for e in registry.entities.values():
        if folded in (n.casefold() for n in e.all_names()):
            return e.id
    raise NotFoundError(f"no entity named {target!r}; try `banwatch entity {target!r}`")


def measure_rows(registry: Registry, profile: Profile, target: str | None) -> list[MeasureRow]:
    """Measures in (or above or below) the profile's jurisdictions, optionally for one target."""
    wanted = _resolve_target(registry, target) if target else None
    rows = []
    for m in sorted(registry.measures.values(), key=lambda m: (m.jurisdiction, m.id)):
        if not profile.asks(m.jurisdiction):
            continue
        if wanted and all(t.entity != wanted for t in m.targets):
            continue
        # Only a --target query picks one target's listing date; without it, a category
        # target (entity None) must not be taken for the wanted one.
        ti = None
        if wanted:
            ti = next((i for i, t in enumerate(m.targets) if t.entity == wanted), None)
        report = status_as_of(m, profile.as_of, ti)
        bind = binding(m, profile)
        rows.append(
            MeasureRow(
                measure_id=m.id,
                title=m.title,
                jurisdiction=m.jurisdiction,
                type=m.type,
                restrictive=m.restrictive,
                binds=[_binding(b) for b in m.binds],
                acts=list(m.acts),
                products=list(m.products),
                acquired_from=m.acquired_from,
                status=report.status,
                since=report.since,
                binds_you=bind.binds,
                for_you=bind.reason,
                targets=[t.entity or t.name for t in m.targets],
                pending=[f"{e.date} {e.summary}" for e in map(note, report.pending)],
                deadlines=[f"{e.date} {e.summary}" for e in map(note, report.deadlines)],
                sources=[str(s) for s in m.sources],
            )
        )
    return rows


def _binding(b: Binding) -> str:
    """A binding in words: the sector, its levels and the day it starts."""
    levels = f" ({'/'.join(b.levels)})" if b.levels else ""
    start = f" from {b.start}" if b.start else ""
    return f"{b.sector}{levels}{start}"


def write_measures(rows: list[MeasureRow], fmt: str, out: IO[str], as_of: date) -> None:
    """Write measure rows as a table, a JSON array or JSON lines."""
    if fmt == "json":
        json.dump([asdict(r) for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"measures as of {as_of.isoformat()}")
    for col in ("measure", "jur.", "status", "binds", "acts", "for you", "targets"):
        table.add_column(col, overflow="fold")
    for r in rows:
        status = r.status + (f" since {r.since}" if r.since else "")
        if not r.restrictive:
            status += " (context)"
        table.add_row(
            f"{r.measure_id}\n{r.title}",
            r.jurisdiction,
            status,
            ", ".join(r.binds) or "—",
            (", ".join(r.acts) or "—")
            + (f"\non {', '.join(k.replace('_', ' ') for k in r.products)}" if r.products else "")
            + (f"\nacquired from {r.acquired_from}" if r.acquired_from else ""),
            ("yes: " if r.binds_you else "no: ") + r.for_you,
            ", ".join(r.targets[:6]) + (" …" if len(r.targets) > 6 else ""),
        )
    Console(file=out, width=160, no_color=True, markup=False, highlight=False).print(table)
    out.write(f"{len(rows)} measures\n")
