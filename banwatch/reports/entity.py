"""The `entity` report: who an entity is, its family, and the measures reaching it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import IO

from rich.console import Console
from rich.table import Table

from banwatch.errors import NotFoundError
from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.model.registry import Registry
from banwatch.screening.family import STEP_WORDS, active
from banwatch.screening.screen import Screening


@dataclass(frozen=True)
class EntityView:
    """Everything banwatch knows about one entity, as of a date."""

    id: str
    name: str
    kind: str
    country: str | None
    names: list[str]
    identifiers: list[str]
    mac_blocks: int
    relations: list[str]  # this entity's own links, with dates and confidence
    related: list[str]  # entities linked to this one (subsidiaries, brands, relabels)
    measures: list[dict[str, object]]
    sources: list[str]
    note: str | None


def _find(registry: Registry, matcher: Matcher, name_or_id: str) -> str:
    if name_or_id in registry.entities:
        return name_or_id
    record = Record(0, "<query>", 1, {"name": name_or_id}, {"name": "name"})
    found, _ = matcher.match(record)
    if not found:
        raise NotFoundError(f"no entity matches {name_or_id!r}")
    return found[0].entity_id


def _relation_line(
    registry: Registry, rtype: str, other: str, r_start: str | None, r_end: str | None, conf: str
) -> str:
    span = f" ({r_start or '…'} – {r_end or 'now'})" if r_start or r_end else ""
    return f"{STEP_WORDS[rtype]} {registry.entities[other].name} [{other}]{span}, {conf} confidence"


def describe_entity(
    registry: Registry, matcher: Matcher, name_or_id: str, as_of: date
) -> EntityView:
    """The view of the entity `name_or_id` names (an id, or a name matched as in screening)."""
    eid = _find(registry, matcher, name_or_id)
    e = registry.entities[eid]
    own = [
        _relation_line(registry, r.type, r.target, r.start, r.end, r.confidence)
        + ("" if active(r, as_of) else " — not in effect on this date")
        for r in e.relations
    ]
    related = [
        f"{o.name} [{o.id}] is {STEP_WORDS[r.type]} it ({r.confidence} confidence)"
        + ("" if active(r, as_of) else ", not in effect on this date")
        for o in registry.entities.values()
        for r in o.relations
        if r.target == eid
    ]
    screening = Screening(registry, matcher, Profile(as_of=as_of))
    measures: list[dict[str, object]] = []
    for reach in screening.reach(eid):
        measures.append(
            {
                "measure_id": reach.measure.id,
                "title": reach.measure.title,
                "jurisdiction": reach.measure.jurisdiction,
                "status": reach.report.status,
                "since": reach.report.since,
                "via": list(reach.path.ids),
                "binds": [b.sector for b in reach.measure.binds],
                "timeline": [
                    f"{ev.date or 'undated'} [{ev.effect}] {ev.summary}"
                    for ev in reach.measure.events
                ],
                "sources": [str(s) for s in reach.measure.sources],
            }
        )
    return EntityView(
        id=eid,
        name=e.name,
        kind=e.kind,
        country=e.country,
        names=[n.value for n in e.names],
        identifiers=[f"{i.kind}: {i.value}" for i in e.identifiers],
        mac_blocks=sum(1 for b in registry.mac_blocks.values() if b.entity_id == eid),
        relations=own,
        related=related,
        measures=measures,
        sources=[str(s) for s in e.sources],
        note=e.note,
    )


def write_entity(view: EntityView, fmt: str, out: IO[str]) -> None:
    """Write the entity view as text or JSON."""
    if fmt == "json":
        json.dump(asdict(view), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    console = Console(file=out, width=160, no_color=True, markup=False, highlight=False)
    console.print(f"{view.name} [{view.id}] — {view.kind}, {view.country or 'country unknown'}")
    for label, items in (
        ("names", view.names),
        ("identifiers", view.identifiers),
        ("relations", view.relations),
        ("related", view.related),
        ("sources", view.sources),
    ):
        if items:
            console.print(f"{label}:")
            for item in items:
                console.print(f"  - {item}", markup=False)
    if view.mac_blocks:
        console.print(f"MAC address blocks (IEEE MA-L): {view.mac_blocks}")
    table = Table(title="measures reaching this entity")
    for col in ("measure", "jur.", "status", "via", "timeline"):
        table.add_column(col, overflow="fold")
    for m in view.measures:
        since = f" since {m['since']}" if m["since"] else ""
        timeline = m["timeline"]
        assert isinstance(timeline, list)
        via = m["via"]
        assert isinstance(via, list)
        table.add_row(
            f"{m['measure_id']}\n{m['title']}",
            str(m["jurisdiction"]),
            f"{m['status']}{since}",
            " → ".join(str(v) for v in via),
            "\n".join(str(t) for t in timeline),
        )
    console.print(table)
