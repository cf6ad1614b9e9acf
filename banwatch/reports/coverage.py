"""The `registry coverage` report: what the registry knows per family and per kind of identifier.

A family is a restricted vendor (an entity a restrictive measure targets,
reaching its subsidiaries, brands or products) with every entity whose
relations lead to it, at any date. The README's coverage section is this
report's Markdown, and a test keeps the two equal.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import IO

from banwatch.model.registry import Registry

_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2000-\u206f\s]*$")
IDENTIFIER_COLUMNS = ("domain", "mac_registrant", "fcc_grantee")


@dataclass(frozen=True)
class FamilyCount:
    """What the registry holds for one family."""

    head: str
    name: str
    entities: int
    names: int
    other_scripts: int  # names not written in Latin script
    identifiers: Counter[str]
    mac_blocks: int
    model_patterns: int
    measures: int  # measures that target the head or a member


def members(registry: Registry, head: str) -> list[str]:
    """The head and every entity whose relations lead to it, at any date, nearest first."""
    pointing: dict[str, list[str]] = {}
    for e in registry.entities.values():
        for r in e.relations:
            pointing.setdefault(r.target, []).append(e.id)
    seen = [head]
    for entity_id in seen:
        for child in sorted(pointing.get(entity_id, ())):
            if child not in seen:
                seen.append(child)
    return seen


def heads(registry: Registry) -> list[str]:
    """Entities a restrictive measure targets with coverage beyond the entity itself,
    and that have a family (a member) or an identifier of their own."""
    out: set[str] = set()
    for m in registry.measures.values():
        if not m.restrictive:
            continue
        for t in m.targets:
            if t.entity is None or set(t.covers) == {"entity"}:
                continue
            e = registry.entities[t.entity]
            if e.kind in ("category", "group"):
                continue
            if len(members(registry, t.entity)) > 1 or e.identifiers:
                out.add(t.entity)
    return sorted(out)


def family_counts(registry: Registry) -> list[FamilyCount]:
    """One count per family, largest first."""
    blocks = Counter(b.entity_id for b in registry.mac_blocks.values())
    patterns = Counter(p.entity for p in registry.model_patterns)
    targeted: dict[str, set[str]] = {}
    for m in registry.measures.values():
        for t in m.targets:
            if t.entity is not None:
                targeted.setdefault(t.entity, set()).add(m.id)
    out = []
    for head in heads(registry):
        ids = members(registry, head)
        ents = [registry.entities[i] for i in ids]
        names = [v for e in ents for v in e.all_names()]
        out.append(
            FamilyCount(
                head=head,
                name=registry.entities[head].name,
                entities=len(ids),
                names=len(set(names)),
                other_scripts=len({n for n in names if not _LATIN.match(n)}),
                identifiers=Counter(i.kind for e in ents for i in e.identifiers),
                mac_blocks=sum(blocks[i] for i in ids),
                model_patterns=sum(patterns[i] for i in ids),
                measures=len(set().union(*(targeted.get(i, set()) for i in ids))),
            )
        )
    out.sort(key=lambda f: (-f.entities, f.head))
    return out


def write_coverage(registry: Registry, out: IO[str]) -> None:
    """The coverage report as Markdown: families, identifiers by kind, measures by jurisdiction."""
    families = family_counts(registry)
    out.write(
        "| family | entities | names | other scripts | domains | MAC registrants | "
        "MAC blocks | FCC grantee codes | model patterns | measures |\n"
    )
    out.write("|---|---|---|---|---|---|---|---|---|---|\n")
    for f in families:
        ids = [str(f.identifiers[k]) for k in IDENTIFIER_COLUMNS]
        out.write(
            f"| {f.name} (`{f.head}`) | {f.entities} | {f.names} | {f.other_scripts} | "
            f"{' | '.join(ids[:2])} | {f.mac_blocks} | {ids[2]} | {f.model_patterns} | "
            f"{f.measures} |\n"
        )
    kinds = Counter(i.kind for e in registry.entities.values() for i in e.identifiers)
    out.write("\n| identifier kind | identifiers |\n|---|---|\n")
    for kind, n in sorted(kinds.items()):
        out.write(f"| `{kind}` | {n} |\n")
    out.write(f"| MAC blocks attributed | {len(registry.mac_blocks)} |\n")
    out.write(f"| model-number patterns | {len(registry.model_patterns)} |\n")
    by_place: dict[str, list[str]] = {}
    for m in sorted(registry.measures.values(), key=lambda m: (m.jurisdiction, m.id)):
        by_place.setdefault(m.jurisdiction, []).append(f"`{m.id}`")
    events = sum(len(m.events) for m in registry.measures.values())
    out.write(
        f"\n{len(registry.entities)} entities, {len(registry.measures)} measures, "
        f"{events} events.\n\n| jurisdiction | measures |\n|---|---|\n"
    )
    for place, ids in by_place.items():
        out.write(f"| {place} | {', '.join(ids)} |\n")
