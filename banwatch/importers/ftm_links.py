"""FtM `Ownership` records as relations and `Sanction` records as measures.

Ownership (owner -> asset) becomes a `subsidiary_of` relation held by the
asset, with `share` = percentage / 100 (bounded to 0..1) and the start and end
dates; it cites the Ownership's `sourceUrl`, else `--source-url`, else its
`publisherUrl`. A link whose owner or asset is not an imported entity is
dropped and reported.

Sanctions are grouped by (authority, program): each group is one list-type
measure `<name>-<slug of authority and program>` whose jurisdiction is the
Sanctions' `country` (the most common one; else `--jurisdiction`). Each
sanctioned entity is a target, `date_added` from `listingDate` (else
`startDate`) and `date_removed` from `endDate`. The measure binds every sector
and restricts every act (a sanction restricts all dealings), and has one
`published` event with effect `in_force` at the earliest listing date.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from banwatch.importers.base import (
    ALL_ACTS,
    MAX_MEASURE_SOURCES,
    Ids,
    Imported,
    ImportOptions,
    Problem,
    binds_all,
    earliest,
    latest,
    published_event,
    unique,
    validate,
)
from banwatch.importers.ftm_props import Parsed, first_date, first_url, values
from banwatch.jurisdictions import check_jurisdiction
from banwatch.model.entities import Entity, Relation
from banwatch.model.measures import Measure

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _source(proxy: Any, options: ImportOptions, *own: str) -> str | None:
    return first_url(proxy, *own) or options.source_url or first_url(proxy, "publisherUrl")


def share(text: str) -> float | None:
    """A percentage ("50", "50%", "25-50%": the lower bound) as a share from 0 to 1."""
    m = _NUMBER.search(text)
    if not m:
        return None
    return min(max(float(m[0].replace(",", ".")) / 100, 0.0), 1.0)


def add_relations(
    ownerships: list[Parsed],
    made: dict[str, Entity],
    label: str,
    options: ImportOptions,
    out: Imported,
) -> None:
    """Add a `subsidiary_of` relation to each owned entity in `made`, in place."""
    held: dict[str, list[Relation]] = {}
    for line, own in ownerships:
        owners, assets = values(own, "owner"), values(own, "asset")
        missing = [i for i in (*owners, *assets) if i not in made]
        if missing or not owners or not assets:
            what = f"{', '.join(missing)} not in the file" if missing else "no owner or asset"
            out.problems.append(Problem(label, line, f"ownership {own.id}: {what}; dropped"))
            continue
        made_one = _relation(own, made[owners[0]].id, options)
        if isinstance(made_one, str):
            out.problems.append(Problem(label, line, f"ownership {own.id}: {made_one}; dropped"))
            continue
        for asset in assets:
            held.setdefault(asset, []).append(made_one)
    for fid, relations in held.items():
        made[fid] = made[fid].model_copy(update={"relations": [*made[fid].relations, *relations]})


def _relation(own: Any, owner: str, options: ImportOptions) -> Relation | str:
    source = _source(own, options, "sourceUrl")
    if source is None:
        return "no source: no sourceUrl or publisherUrl, and no --source-url given"
    try:
        start, end = first_date(own, "startDate", "date"), first_date(own, "endDate")
    except ValueError as e:
        return str(e)
    percentages = values(own, "percentage")
    return validate(
        Relation,
        {
            "type": "subsidiary_of",
            "target": owner,
            "share": next((s for s in map(share, percentages) if s is not None), None),
            "start": start,
            "end": end,
            "source": source,
            "note": f"FollowTheMoney Ownership {own.id}"
            + (f"; percentage as given: {', '.join(percentages)}" if percentages else ""),
        },
    )


def add_measures(
    sanctions: list[Parsed],
    made: dict[str, Entity],
    label: str,
    options: ImportOptions,
    out: Imported,
) -> None:
    """Add one measure per (authority, program) group of Sanctions to `out`."""
    groups: dict[tuple[str, str], list[Parsed]] = {}
    for line, s in sanctions:
        listed = values(s, "entity")
        missing = [i for i in listed if i not in made]
        if missing or not listed:
            what = f"{', '.join(missing)} not in the file" if missing else "names no entity"
            msg = f"sanction {s.id}: {what} (as an organisation, person or vessel); skipped"
            out.problems.append(Problem(label, line, msg))
            continue
        key = ("; ".join(values(s, "authority")), "; ".join(values(s, "program")))
        groups.setdefault(key, []).append((line, s))
    ids = Ids(options.name)
    for (authority, program), members in groups.items():
        problem = _measure(ids, (authority, program), members, made, label, options, out)
        if problem:
            out.problems.append(Problem(label, members[0][0], f"{problem}; measure skipped"))


def _targets(
    members: list[Parsed], made: dict[str, Entity], label: str, out: Imported
) -> list[dict[str, Any]]:
    """One target per sanctioned entity: earliest listing, latest end (none if any is open)."""
    by_entity: dict[str, list[tuple[str | None, str | None]]] = {}
    for line, s in members:
        try:
            listed = (first_date(s, "listingDate", "startDate"), first_date(s, "endDate"))
        except ValueError as e:
            out.problems.append(Problem(label, line, f"sanction {s.id}: {e}; skipped"))
            continue
        for fid in values(s, "entity"):
            by_entity.setdefault(fid, []).append(listed)
    targets = []
    for fid, dates in by_entity.items():
        ends = [end for _, end in dates]
        entity = made[fid]
        targets.append(
            {
                "name": entity.name,
                "entity": entity.id,
                "covers": ["entity", "subsidiaries"],
                "date_added": (added := earliest(start for start, _ in dates)),
                "undated": added is None,
                "date_removed": latest(ends) if all(ends) else None,
            }
        )
    return targets


def _jurisdiction(members: list[Parsed], options: ImportOptions) -> str | None:
    found: Counter[str] = Counter()
    for _, s in members:
        for c in values(s, "country"):
            try:
                found[check_jurisdiction(c)] += 1
            except ValueError:
                continue
    if found:
        return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return options.jurisdiction


def _measure(
    ids: Ids,
    key: tuple[str, str],
    members: list[Parsed],
    made: dict[str, Entity],
    file: str,
    options: ImportOptions,
    out: Imported,
) -> str | None:
    authority, program = key
    what = " ".join(p for p in (authority, program) if p) or "sanctions"
    label = f"sanctions group {what!r}"
    jurisdiction = _jurisdiction(members, options)
    if jurisdiction is None:
        return f"{label}: no country code on its Sanctions and no --jurisdiction given"
    cited = [_source(s, options, "sourceUrl", "programUrl") for _, s in members]
    if not any(cited):
        return f"{label}: no sourceUrl, programUrl or publisherUrl, and no --source-url given"
    targets = _targets(members, made, file, out)
    if not targets:
        return f"{label}: no valid Sanction"
    first = earliest(t["date_added"] for t in targets)
    # The event cites the Sanction that dates it, else the first one with a source.
    pairs = [(src, s) for (_, s), src in zip(members, cited, strict=True) if src]
    source = next((src for src, s in pairs if first and _listed(s) == first), pairs[0][0])
    title = f"{program} ({authority})" if program and authority else (program or authority)
    event, note = published_event(first, source, title or "Sanctions")
    measure = validate(
        Measure,
        {
            "id": ids.new(what),
            "title": title or "Sanctions (no authority or program given)",
            "jurisdiction": jurisdiction,
            "authority": authority or "not stated in the source",
            "instrument": program or "not stated in the source",
            "type": "sanctions_listing",
            "binds": binds_all(),
            "acts": list(ALL_ACTS),
            "scope": "Everyone in the jurisdiction dealing with the listed parties: banwatch "
            "models a sanction as restricting every act for every sector.",
            "targets": targets,
            "events": [event],
            "sources": unique(c for c in cited if c)[:MAX_MEASURE_SOURCES],
        },
    )
    if isinstance(measure, str):
        return f"{label}: {measure}"
    out.measures.append(measure)
    if note:
        out.notes.append(note)
    return None


def _listed(proxy: Any) -> str | None:
    """The listing date of a Sanction, or None when it has none or it is malformed."""
    try:
        return first_date(proxy, "listingDate", "startDate")
    except ValueError:
        return None
