"""FollowTheMoney entities as JSON lines (the OpenSanctions export format).

One JSON object per line: `{"id": ..., "schema": "Company", "properties":
{"name": [...], ...}}`, read with the `followthemoney` library. Organisations
(LegalEntity and its descendants: Company, Organization, PublicBody), persons
and vessels become entities; `Sanction` records become measures and
`Ownership` records relations (see `ftm_links`). Records of other schemas
(addresses, identification documents, family links) are counted and left out.

Invariants:
- Ids are `<source name>-<slug of the FtM id>`, unique within the file.
- Every entity cites a source: its `sourceUrl`, else `--source-url`, else its
  `publisherUrl`. A record with none is reported and skipped.
- Identifier values are kept as written; a web site becomes a `domain`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney import model as ftm_model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from banwatch.importers.base import (
    Ids,
    Imported,
    ImportOptions,
    Problem,
    country_code,
    domain_of,
    http_url,
    unique,
    validate,
)
from banwatch.importers.ftm_links import add_measures, add_relations
from banwatch.importers.ftm_props import Parsed, first_url, values
from banwatch.model.entities import Entity
from banwatch.readers.files import check_file

KINDS = (("Vessel", "vessel"), ("Person", "person"), ("LegalEntity", "organisation"))
"""FtM schema (or an ancestor) -> entity kind, first match wins."""

NAMES = (
    ("name", "alias", None),
    ("alias", "alias", None),
    ("previousName", "former", None),
    ("weakAlias", "alias", "a weak alias in the source: short or generic, match with care"),
)
"""FtM name property -> banwatch name kind and note (the display name is one of `name`)."""

IDENTIFIERS = {
    "registrationNumber": "register",
    "leiCode": "lei",
    "innCode": "tax_id",
    "taxNumber": "tax_id",
    "vatCode": "tax_id",
    "imoNumber": "imo",
    "isinCode": "isin",
    "uscCode": "uscc",
    "ticker": "ticker",
}
"""FtM identifier property -> banwatch identifier kind; any other identifier is `other`."""

NOT_IDENTIFIERS = frozenset({"programId", "okvedCode"})  # a sanctions programme, a trade code


def read_ftm(path: Path, label: str, options: ImportOptions) -> Imported:
    """Read FtM JSON lines into entities, measures (from Sanctions) and relations (Ownership)."""
    check_file(path, label)
    out = Imported()
    parties: list[Parsed] = []
    sanctions: list[Parsed] = []
    ownerships: list[Parsed] = []
    ignored: Counter[str] = Counter()
    seen: set[str] = set()
    for item in _proxies(path, label):
        if isinstance(item, Problem):
            out.problems.append(item)
            continue
        line, proxy = item
        if proxy.id in seen:
            out.problems.append(Problem(label, line, f"duplicate id {proxy.id!r}; record skipped"))
            continue
        seen.add(str(proxy.id))
        if proxy.schema.is_a("Sanction"):
            sanctions.append(item)
        elif proxy.schema.is_a("Ownership"):
            ownerships.append(item)
        elif _kind(proxy):
            parties.append(item)
        else:
            ignored[proxy.schema.name] += 1
    made = _entities(parties, label, options, out)
    add_relations(ownerships, made, label, options, out)
    add_measures(sanctions, made, label, options, out)
    out.entities = list(made.values())
    out.problems.sort(key=lambda p: p.line or 0)
    if ignored:
        kinds = ", ".join(f"{n} {s}" for s, n in sorted(ignored.items()))
        out.notes.append(f"records of schemas banwatch does not import were left out: {kinds}")
    return out


def _proxies(path: Path, label: str) -> Iterator[Parsed | Problem]:
    with path.open("rb") as f:
        for line, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield Problem(label, line, "not valid UTF-8; record skipped")
                continue
            except json.JSONDecodeError as e:
                yield Problem(label, line, f"not valid JSON ({e.msg}); record skipped")
                continue
            wrong = _shape(data)
            if wrong:
                yield Problem(label, line, f"{wrong}; record skipped")
                continue
            try:
                yield line, ftm_model.get_proxy(data)
            except InvalidData as e:
                yield Problem(label, line, f"not a FollowTheMoney entity ({e}); record skipped")


def _shape(data: Any) -> str | None:
    """What makes `data` no FtM entity object, or None; checked so the library never crashes."""
    if not isinstance(data, dict):
        return "expected a JSON object"
    if not isinstance(data.get("id"), str) or not data["id"].strip():
        return "no 'id'"
    if not isinstance(data.get("schema"), str):
        return "no 'schema'"
    props = data.get("properties", {})
    if not isinstance(props, dict):
        return "'properties' is not an object"
    for name, given in props.items():
        if not isinstance(given, list) or not all(isinstance(v, str) for v in given):
            return f"property {name!r} is not a list of strings"
    return None


def _kind(proxy: EntityProxy) -> str | None:
    return next((kind for schema, kind in KINDS if proxy.schema.is_a(schema)), None)


def _entities(
    parties: list[Parsed], label: str, options: ImportOptions, out: Imported
) -> dict[str, Entity]:
    ids = Ids(options.name)
    made: dict[str, Entity] = {}
    for line, proxy in parties:
        ident = ids.new(str(proxy.id))
        entity = _entity(proxy, ident, options)
        if isinstance(entity, str):
            ids.taken.discard(ident)
            out.problems.append(Problem(label, line, f"{proxy.id}: {entity}; record skipped"))
        else:
            made[str(proxy.id)] = entity
    return made


def _entity(proxy: EntityProxy, ident: str, options: ImportOptions) -> Entity | str:
    legal = unique(values(proxy, "name"))
    if not legal:
        return "no name"
    own = [u for u in map(http_url, values(proxy, "sourceUrl")) if u]
    fallback = options.source_url or first_url(proxy, "publisherUrl")
    sources = unique(own or ([fallback] if fallback else []))
    if not sources:
        return "no source: no sourceUrl or publisherUrl, and no --source-url given"
    display = proxy.caption if proxy.caption in legal else legal[0]
    names = [
        {"value": v, "kind": kind, "note": note}
        for prop, kind, note in NAMES
        for v in unique(values(proxy, prop))
        if v != display
    ]
    # A vessel's flag is its country of registration.
    places = ("country", "jurisdiction", "flag")
    countries = [country_code(c) for p in places for c in values(proxy, p)]
    return validate(
        Entity,
        {
            "id": ident,
            "name": display,
            "kind": _kind(proxy),
            "country": next((c for c in countries if c and c != "ZZ"), None),
            "names": _dedupe(names),
            "identifiers": _identifiers(proxy, sources[0]),
            "sources": sources,
            "note": f"FollowTheMoney {proxy.schema.name} {proxy.id}",
        },
    )


def _dedupe(names: list[dict[str, str | None]]) -> list[dict[str, str | None]]:
    seen: set[str] = set()
    out = []
    for n in names:
        value = str(n["value"])
        if value not in seen:
            seen.add(value)
            out.append(n)
    return out


def _identifiers(proxy: EntityProxy, source: str) -> list[dict[str, str]]:
    out: dict[tuple[str, str], dict[str, str]] = {}
    for prop, value in proxy.itervalues():
        kind: str | None = None
        if prop.name == "website":
            kind, value = "domain", domain_of(value) or ""
        elif prop.type.name == "identifier" and prop.name not in NOT_IDENTIFIERS:
            kind = IDENTIFIERS.get(prop.name, "other")
        value = value.strip()
        if kind and value and (kind, value) not in out:
            out[kind, value] = {"kind": kind, "value": value, "source": source}
            if kind != "domain":
                out[kind, value]["note"] = f"FtM property {prop.name}"
    return list(out.values())
