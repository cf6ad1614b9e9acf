"""`--summary`: one line per matched entity, with its rows, their verdicts and its measures.

The tally keeps a few numbers per entity, never the findings, so it costs
nothing on large runs. Entities come strongest verdict first, then most
rows first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from banwatch.model.findings import Finding
from banwatch.model.vocabulary import VERDICT_RANK
from banwatch.writers.base import Summary, Writer

ROWS_SHOWN = 5  # row numbers listed per entity; the rest are counted


@dataclass
class _Entity:
    rows: int = 0
    first_rows: list[int] = field(default_factory=list)
    verdicts: Counter[str] = field(default_factory=Counter)
    binding: set[str] = field(default_factory=set)
    others: set[str] = field(default_factory=set)


@dataclass
class EntityTally:
    """Counts per matched entity, from the findings of a run."""

    entities: dict[str, _Entity] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        for m in finding.matches:
            e = self.entities.setdefault(m.entity_id, _Entity())
            e.rows += 1
            if len(e.first_rows) < ROWS_SHOWN:
                e.first_rows.append(finding.row)
            e.verdicts[finding.verdict] += 1
            for h in m.measures:
                (e.binding if h.binds else e.others).add(h.measure_id)

    def lines(self) -> list[str]:
        """One line per entity: `id: N rows (0, 4): prohibited 2; binding you: ...; ...`."""
        return [_line(entity_id, e) for entity_id, e in self._ordered()]

    def _ordered(self) -> list[tuple[str, _Entity]]:
        def key(item: tuple[str, _Entity]) -> tuple[int, int, str]:
            strongest = max(VERDICT_RANK[v] for v in item[1].verdicts)
            return (-strongest, -item[1].rows, item[0])

        return sorted(self.entities.items(), key=key)


def _line(entity_id: str, e: _Entity) -> str:
    listed = ", ".join(str(r) for r in e.first_rows) + (", …" if e.rows > len(e.first_rows) else "")
    rows = f"{e.rows} row{'s' if e.rows != 1 else ''} ({listed})"
    verdicts = ", ".join(
        f"{v} {e.verdicts[v]}" for v in sorted(e.verdicts, key=lambda v: -VERDICT_RANK[v])
    )
    others = e.others - e.binding
    if e.binding:
        measures = "binding you: " + ", ".join(sorted(e.binding))
        if others:
            n = len(others)
            measures += f"; and {_measures(n)} that do{'es' if n == 1 else ''} not bind you"
    elif others:
        measures = f"{_measures(len(others))}, none binding you"
    else:
        measures = "no measure"
    return f"{entity_id}: {rows}: {verdicts}; {measures}"


def _measures(n: int) -> str:
    return f"{n} measure{'s' if n != 1 else ''}"


class Tallied:
    """A writer that also counts each finding into an `EntityTally` (for `--summary`)."""

    def __init__(self, inner: Writer, tally: EntityTally) -> None:
        self.inner = inner
        self.tally = tally

    def write(self, finding: Finding) -> None:
        self.tally.add(finding)
        self.inner.write(finding)

    def close(self, summary: Summary) -> None:
        self.inner.close(summary)
