"""A user's own watchlist (CSV) as one custom measure.

Columns are found by header, in any case and spacing (see `COLUMNS`); only
`name` is required. Each row becomes an entity and a target of the measure
`<source name>`, which binds every sector in the `--jurisdiction` given and
restricts every act. Every row needs an http(s) source: its own `source`
column, else the file's `--source-url`; a row without one is reported and
skipped, since banwatch keeps no fact without a source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from banwatch.errors import InputError, UsageError
from banwatch.importers.base import (
    ALL_ACTS,
    MAX_MEASURE_SOURCES,
    Ids,
    Imported,
    ImportOptions,
    Problem,
    binds_all,
    country_code,
    domain_of,
    earliest,
    http_url,
    iso_date,
    published_event,
    unique,
    validate,
)
from banwatch.jurisdictions import check_jurisdiction
from banwatch.model.entities import Entity
from banwatch.model.measures import Measure
from banwatch.model.records import RowProblem
from banwatch.readers.columns import NO_CHOICES, header_key
from banwatch.readers.delimited import read_delimited
from banwatch.readers.files import check_file
from banwatch.readers.rows import opened

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "entity", "entity name", "company", "organisation", "organization"),
    "aliases": ("aliases", "alias", "aka", "other names", "alternative names"),
    "country": ("country", "country code"),
    "identifiers": ("identifiers", "identifier", "ids", "id numbers"),
    "website": ("website", "domain", "web site"),
    "reason": ("reason", "note", "notes", "why"),
    "start": ("start date", "start", "date added", "listed", "listed on", "from"),
    "end": ("end date", "end", "date removed", "removed", "delisted", "until", "to"),
    "source": ("source", "source url", "url", "reference"),
}
"""Field of a watchlist row -> the headers that hold it (compared by `header_key`)."""

_BY_KEY = {header_key(h): f for f, headers in COLUMNS.items() for h in headers}
ID_KINDS = {"lei", "uscc", "isin", "ticker", "register", "imo", "tax_id", "domain", "other"}


def read_watchlist(path: Path, label: str, options: ImportOptions) -> Imported:
    """Read a watchlist CSV into entities and one measure named after the source."""
    if not options.jurisdiction:
        raise UsageError("a watchlist needs --jurisdiction: where its measure applies")
    try:
        jurisdiction = check_jurisdiction(options.jurisdiction)
    except ValueError as e:
        raise UsageError(str(e), field="--jurisdiction") from None
    check_file(path, label)
    out = Imported()
    ids = Ids(options.name)
    targets: list[dict[str, Any]] = []
    checked = False
    _, rows = opened(read_delimited(path, label, NO_CHOICES))
    for item in rows:
        if isinstance(item, RowProblem):
            out.problems.append(Problem(label, item.line, item.message))
            continue
        fields = _fields(item.values)
        if not checked:
            _require_name(item.values, label)
            checked = True
        made = _row(fields, options, ids)
        if isinstance(made, str):
            out.problems.append(Problem(label, item.line, f"{made}; row skipped"))
            continue
        entity, target = made
        out.entities.append(entity)
        targets.append(target)
    if targets:
        _measure(targets, jurisdiction, label, options, out)
    return out


def _fields(values: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for header, value in values.items():
        field = _BY_KEY.get(header_key(header))
        if field and value.strip() and field not in out:
            out[field] = value.strip()
    return out


def _require_name(values: dict[str, str], label: str) -> None:
    if not any(_BY_KEY.get(header_key(h)) == "name" for h in values):
        raise InputError(
            "a watchlist needs a 'name' column (also read: aliases, country, identifiers, "
            "reason, start date, end date, source)",
            file=label,
        )


def _row(
    fields: dict[str, str], options: ImportOptions, ids: Ids
) -> tuple[Entity, dict[str, Any]] | str:
    name = fields.get("name", "")
    if not name:
        return "no name"
    given = fields.get("source")
    source = http_url(given) if given else options.source_url
    if given and source is None:
        return f"source {given!r} is not an http(s) URL"
    if source is None:
        return (
            "no source: every fact needs one; give the row a 'source' column with an "
            "http(s) URL, or pass --source-url for the whole file"
        )
    try:
        start = iso_date(fields.get("start"))
    except ValueError as e:
        return f"start date: {e}"
    try:
        end = iso_date(fields.get("end"))
    except ValueError as e:
        return f"end date: {e}"
    country = fields.get("country")
    if country and country_code(country) is None:
        return f"country {country!r} is not a two-letter ISO 3166 code"
    identifiers = _identifiers(fields, source)
    if isinstance(identifiers, str):
        return identifiers
    ident = ids.new(name)
    entity = validate(
        Entity,
        {
            "id": ident,
            "name": name,
            "country": country_code(country),
            "names": [{"value": a} for a in unique(fields.get("aliases", "").split(";"))],
            "identifiers": identifiers,
            "sources": [source],
            "note": fields.get("reason"),
        },
    )
    if isinstance(entity, str):
        ids.taken.discard(ident)
        return entity
    target = {
        "name": name,
        "entity": ident,
        "covers": ["entity"],
        "date_added": start,
        "undated": start is None,
        "date_removed": end,
        "note": fields.get("reason"),
        "_source": source,
    }
    return entity, target


def _identifiers(fields: dict[str, str], source: str) -> list[dict[str, str]] | str:
    """`kind:value` pairs separated by `;` (a value without a known kind is `other`)."""
    out: list[dict[str, str]] = []
    for part in unique(fields.get("identifiers", "").split(";")):
        kind, sep, value = part.partition(":")
        kind = kind.strip().lower().replace(" ", "_")
        if not sep or kind not in ID_KINDS:
            kind, value = "other", part
        value = value.strip()
        if kind == "domain":
            host = domain_of(value)
            if host is None:
                return f"identifier {part!r} is not a web domain"
            value = host
        out.append({"kind": kind, "value": value, "source": source})
    website = fields.get("website")
    if website:
        host = domain_of(website)
        if host is None:
            return f"website {website!r} is not a web address"
        out.append({"kind": "domain", "value": host, "source": source})
    return out


def _measure(
    targets: list[dict[str, Any]],
    jurisdiction: str,
    label: str,
    options: ImportOptions,
    out: Imported,
) -> None:
    cited = [t.pop("_source") for t in targets]
    sources = unique(cited)
    first = earliest(t["date_added"] for t in targets)
    # The event cites the row that dates it (the first row when none is dated).
    at = next((i for i, t in enumerate(targets) if t["date_added"] == first), 0)
    event_source = cited[at]
    what = f"Watchlist {options.name} imported from {Path(label).name}"
    event, note = published_event(first, event_source, what)
    measure = validate(
        Measure,
        {
            "id": options.name,
            "title": f"Watchlist {options.name}",
            "jurisdiction": jurisdiction,
            "authority": "the keeper of this watchlist",
            "instrument": f"own watchlist, imported from {Path(label).name}",
            "type": "custom_watchlist",
            "binds": binds_all(),
            "acts": list(ALL_ACTS),
            "scope": "Everyone screening in this jurisdiction: banwatch treats every listed "
            "party as restricted for every act (the keeper's own rule).",
            "targets": targets,
            "events": [event],
            "sources": sources[:MAX_MEASURE_SOURCES],
        },
    )
    if isinstance(measure, str):
        out.problems.append(Problem(label, None, f"measure {options.name!r}: {measure}"))
        return
    out.measures.append(measure)
    if note:
        out.notes.append(note)
