"""The `ids` of a CSL entry as banwatch identifiers.

In the CSV, `ids` is text: entries separated by "; ", each "type, number[,
country]" ("Passport, 836238033, KP; Website, mspbank.ru"). In the JSON it is
a list of objects with `type`, `number` and `country`. Many entries are not
identifiers but remarks (Gender, Secondary sanctions risk, directive
determinations): those are left out. Known kinds map onto banwatch's
identifier kinds; every other code is kept as `other`, with its type in the
note.
"""

from __future__ import annotations

import re
from typing import Any

from banwatch.importers.base import domain_of

NOT_IDENTIFIERS = (
    "gender",
    "secondary sanctions risk",
    "executive order",
    "directive determination",
    "transactions prohibited",
    "additional sanctions information",
    "organization established date",
    "organization type",
    "target type",
    "vessel flag",
    "other vessel flag",
    "former vessel flag",
    "vessel type",
    "other vessel type",
    "vessel year of build",
    "nationality of registration",
    "caatsa",
    "ifca determination",
    "effective date",
    "listing date",
    "aircraft",
)
"""CSL `ids` types (lower case, compared as prefixes) that are remarks, not codes."""

RULES: tuple[tuple[str, str], ...] = (
    ("website", "domain"),
    ("social credit", "uscc"),
    ("legal entity number", "lei"),
    ("lei", "lei"),
    ("isin", "isin"),
    ("vessel registration", "imo"),
    ("imo", "imo"),
    ("v.a.t.", "tax_id"),
    ("vat ", "tax_id"),
    ("tax", "tax_id"),
    ("registration", "register"),
    ("company number", "register"),
)
"""(words the type starts with or contains, identifier kind), first match wins."""


def _entries(value: Any) -> list[tuple[str, str, str]]:
    if isinstance(value, list):
        return [
            (str(v.get("type") or ""), str(v.get("number") or ""), str(v.get("country") or ""))
            for v in value
            if isinstance(v, dict)
        ]
    out = []
    for part in str(value or "").split(";"):
        kind, _, rest = part.partition(",")
        number, _, country = rest.partition(",")
        out.append((kind, number, country))
    return out


def _kind(type_: str) -> str | None:
    t = type_.lower().strip().rstrip(":-").strip()
    if t.startswith(NOT_IDENTIFIERS):
        return None
    for words, kind in RULES:
        if t.startswith(words) or f" {words}" in f" {t}":
            return kind
    return "other"


def identifiers(value: Any, source: str) -> list[dict[str, str]]:
    """The identifiers of one CSL entry, each citing `source` (the entry's list page)."""
    out: list[dict[str, str]] = []
    for type_, number, country in _entries(value):
        number, kind = number.strip(), _kind(type_)
        if not number or kind is None:
            continue
        if kind == "domain":
            host = domain_of(number)
            if host is None:
                continue
            number = host
        if kind == "imo":
            number = re.sub(r"^imo\s*", "", number, flags=re.IGNORECASE)
        note = ", ".join(p for p in (type_.strip().rstrip(":").strip(), country.strip()) if p)
        out.append({"kind": kind, "value": number, "source": source, "note": note})
    return out
