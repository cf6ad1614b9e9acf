"""The US Consolidated Screening List (CSL), as trade.gov publishes it: CSV or JSON.

The CSV has one row per listed party with the columns `_id, source, entity_number,
type, programs, name, ... alt_names, citizenships, nationalities,
source_information_url, ids`; multi-valued cells are separated by "; ". The
JSON form is an object whose `results` list holds the same fields (`id` for
`_id`), with lists for multi-valued fields and `ids` as objects. The format is
chosen by the extension (`.csv`, `.json`), else by the first byte.

Each row becomes an entity and a target of the measure of its list
(`<name>-<list abbreviation>`, e.g. `us-csl-el`); see `csl_lists` for what
each list restricts. A row without a name or without an http(s) source URL is
reported and skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from banwatch.errors import InputError
from banwatch.importers.base import (
    MAX_MEASURE_SOURCES,
    Ids,
    Imported,
    ImportOptions,
    Problem,
    binds_all,
    country_code,
    earliest,
    http_url,
    iso_date,
    published_event,
    unique,
    validate,
)
from banwatch.importers.csl_ids import identifiers
from banwatch.importers.csl_lists import abbreviation, list_kind, split_source
from banwatch.model.entities import Entity
from banwatch.model.measures import Measure
from banwatch.model.records import RowProblem
from banwatch.readers.columns import NO_CHOICES, header_key
from banwatch.readers.delimited import read_delimited
from banwatch.readers.files import check_file, read_sample
from banwatch.readers.rows import opened

KINDS = {"individual": "person", "vessel": "vessel"}  # any other type is an organisation
_SUCCESSORS = "; and any successor"  # ISN names carry this clause; it is no part of the name
Row = tuple[int | None, int | None, dict[str, Any]]  # line, record number, fields by header key


def read_csl(path: Path, label: str, options: ImportOptions) -> Imported:
    """Read a CSL file into one measure per list and an entity per listed party."""
    check_file(path, label)
    out = Imported()
    ids = Ids(options.name)
    lists: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for item in _rows(path, label):
        if isinstance(item, Problem):
            out.problems.append(item)
            continue
        line, record, fields = item
        made = _party(fields, ids)
        if isinstance(made, str):
            skipped = "row skipped" if line else "record skipped"
            out.problems.append(Problem(label, line, f"{made}; {skipped}", record))
            continue
        entity, target, source_list = made
        out.entities.append(entity)
        lists.setdefault(source_list, []).append((target, str(entity.sources[0])))
    measure_ids = Ids(options.name)
    for source_list, targets in lists.items():
        ident = measure_ids.new(abbreviation(source_list) or source_list)
        _measure(ident, source_list, targets, label, options, out)
    return out


def _rows(path: Path, label: str) -> Iterator[Row | Problem]:
    suffix = path.suffix.lower()
    if suffix == ".json" or (suffix != ".csv" and _looks_like_json(path, label)):
        yield from _json_rows(path, label)
        return
    _, rows = opened(read_delimited(path, label, NO_CHOICES))
    for item in rows:
        if isinstance(item, RowProblem):
            yield Problem(label, item.line, item.message)
        else:
            yield item.line, None, {header_key(h): v for h, v in item.values.items()}


def _looks_like_json(path: Path, label: str) -> bool:
    sample, _ = read_sample(path, label, 1024)
    return sample.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _json_rows(path: Path, label: str) -> Iterator[Row | Problem]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"cannot read as CSL JSON: {e}", file=label) from None
    results = doc.get("results") if isinstance(doc, dict) else doc
    if not isinstance(results, list):
        raise InputError("expected CSL JSON: an object with a 'results' list", file=label)
    for n, raw in enumerate(results, start=1):
        if not isinstance(raw, dict):
            yield Problem(label, None, "expected an object; record skipped", n)
            continue
        yield None, n, {header_key(str(k)): v for k, v in raw.items()}


def text(value: Any) -> str:
    """A scalar cell as stripped text ('' for null)."""
    return "" if value is None else str(value).strip()


def many(value: Any) -> list[str]:
    """A multi-valued cell: a JSON list, or text separated by ';'."""
    if isinstance(value, list):
        return unique(text(v) for v in value if not isinstance(v, dict))
    return unique(text(value).split(";"))


def _party(fields: dict[str, Any], ids: Ids) -> tuple[Entity, dict[str, Any], str] | str:
    name = text(fields.get("name")).split(_SUCCESSORS)[0].strip()
    source_list = text(fields.get("source"))
    if not name:
        return "no name"
    if not source_list:
        return "no source list (the 'source' column is empty)"
    urls = [text(fields.get("sourceinformationurl")), text(fields.get("sourcelisturl"))]
    sources = unique(u for u in map(http_url, urls) if u)
    if not sources:
        return "no http(s) URL in source_information_url or source_list_url"
    try:
        start = iso_date(text(fields.get("startdate")))
    except ValueError as e:
        return f"start_date: {e}"
    try:
        end = iso_date(text(fields.get("enddate")))
    except ValueError as e:
        return f"end_date: {e}"
    # The EL writes its last alias as "and X": the "and" joins the list, not the name.
    aliases = [a.removeprefix("and ").strip() for a in many(fields.get("altnames"))]
    countries = [country_code(c) for c in many(fields.get("citizenships"))]
    countries += [country_code(c) for c in many(fields.get("nationalities"))]
    key = text(fields.get("entitynumber")) or text(fields.get("id")) or name
    ident = ids.new(key[:24])
    entity = validate(
        Entity,
        {
            "id": ident,
            "name": name,
            "kind": KINDS.get(text(fields.get("type")).lower(), "organisation"),
            "country": next((c for c in countries if c), None),
            "names": [{"value": a} for a in unique(aliases) if a != name],
            "identifiers": identifiers(fields.get("ids"), sources[0]),
            "sources": sources,
            "note": f"CSL entry {key} on {source_list}",
        },
    )
    if isinstance(entity, str):
        ids.taken.discard(ident)
        return entity
    note = "; ".join(p for p in (text(fields.get("programs")), text(fields.get("remarks"))) if p)
    target = {
        "name": name,
        "entity": ident,
        "covers": ["entity"],
        "date_added": start,
        "undated": start is None,
        "date_removed": end,
        "note": note or None,
    }
    return entity, target, source_list


def _measure(
    ident: str,
    source_list: str,
    entries: list[tuple[dict[str, Any], str]],
    label: str,
    options: ImportOptions,
    out: Imported,
) -> None:
    kind, known = list_kind(source_list)
    title, agency = split_source(source_list)
    targets = [t for t, _ in entries]
    first = earliest(t["date_added"] for t in targets)
    at = next((i for i, t in enumerate(targets) if t["date_added"] == first), 0)
    event, note = published_event(first, entries[at][1], title)
    measure = validate(
        Measure,
        {
            "id": ident,
            "title": f"{title} (US Consolidated Screening List)",
            "jurisdiction": "US",
            "authority": agency,
            "instrument": source_list,
            "type": kind.type,
            "max_verdict": kind.max_verdict,
            "binds": binds_all(),
            "acts": list(kind.acts),
            "scope": "Everyone subject to US jurisdiction dealing with the listed parties; "
            "binds and acts are banwatch's simplification of the list's legal effect.",
            "targets": targets,
            "events": [event],
            "sources": unique(s for _, s in entries)[:MAX_MEASURE_SOURCES],
            "note": None
            if known
            else "banwatch does not know this list: it is modelled as "
            "restricting every act, and gives review at most",
        },
    )
    if isinstance(measure, str):
        out.problems.append(Problem(label, None, f"list {source_list!r}: {measure}"))
        return
    out.measures.append(measure)
    if note:
        out.notes.append(note)
    if not known:
        out.notes.append(f"{source_list}: not a list banwatch knows; review at most")
