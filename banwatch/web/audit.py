"""The audit page: the audit log as a table, filtered by kind, actor and dates, a page at a time,
with whether its hash chain verifies and the same exports as `GET /audit`.

Invariants:
- The filters are a GET form, so a filtered view is a link and works
  without JavaScript; dates are UTC days, both ends included.
- An export holds the entries the filters admit, oldest first, written by
  the API's own writer: with no filter it is byte for byte `GET /audit`.
- The page reads the log once per request (it is append-only and small next
  to the runs); the chain is checked on every view, so a tampered log says
  so where people look.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from banwatch.errors import UsageError
from banwatch.reports.audit import write_entries
from banwatch.store.audit import Entry

from .pages import _loaded, page, router, signed_in

PER_PAGE = 50  # entries a page shows
DIGEST = re.compile(r"[0-9a-f]{64}")  # a SHA-256 in hex, as input digests are
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show: of one kind, by an actor (any part of it, any case), between two
    UTC days (both included); an empty field admits every entry."""

    kind: str = ""
    actor: str = ""
    since: date | None = None
    until: date | None = None

    def admits(self, entry: Entry) -> bool:
        day = entry.at.date()
        return (
            (not self.kind or entry.kind == self.kind)
            and (not self.actor or self.actor.casefold() in entry.actor.casefold())
            and (self.since is None or day >= self.since)
            and (self.until is None or day <= self.until)
        )

    def query(self, **more: str) -> str:
        """The filters (and `more`) as a query string, leaving out what is empty."""
        fields = {
            "kind": self.kind,
            "actor": self.actor,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            **more,
        }
        return urlencode({k: v for k, v in fields.items() if v})


def _day(text: str, field: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        raise UsageError(f"{field}: {text!r} is not a date (YYYY-MM-DD)", field=field) from None


def audit_filter(kind: str, actor: str, since: str, until: str) -> AuditFilter:
    """The filter a form asked for; UsageError (a page saying so) for a date that is none."""
    chosen = AuditFilter(kind.strip(), actor.strip(), _day(since, "since"), _day(until, "until"))
    if chosen.since and chosen.until and chosen.since > chosen.until:
        raise UsageError("the first day comes after the last", field="since")
    return chosen


def _page_number(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise UsageError(f"page {text!r}: a page is a number from 1", field="page")
    return int(text)


def _shown(details: dict[str, Any]) -> str:
    """An entry's details in one line: `key: value` pairs, nested values as compact JSON, a
    digest cut to its first 12 digits (the export keeps every field whole)."""
    return "; ".join(f"{k}: {_value(v)}" for k, v in details.items())


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value[:12] + "…" if DIGEST.fullmatch(value) else value
    if isinstance(value, int | float) or value is None:
        return json.dumps(value)
    return json.dumps(value, sort_keys=True, separators=(", ", ": "), ensure_ascii=False)


def _subject_link(subject: str) -> str | None:
    """Where a subject has a page of its own (a run's); alerts and keys have none."""
    noun, _, ident = subject.partition(" ")
    return f"/ui/runs/{ident}" if noun == "run" and ident else None


@router.get("/audit", response_class=HTMLResponse)
@signed_in()
def audit(
    request: Request,
    kind: str = "",
    actor: str = "",
    since: str = "",
    until: str = "",
    page_number: Annotated[str, Query(alias="page")] = "1",
) -> Response:
    """The audit log, newest first, filtered, a page at a time."""
    chosen = audit_filter(kind, actor, since, until)
    number = _page_number(page_number)
    log = _loaded(request).audit()
    kinds: set[str] = set()
    matched: list[Entry] = []
    for entry in log.entries():
        kinds.add(entry.kind)
        if chosen.admits(entry):
            matched.append(entry)
    matched.reverse()  # newest first: what people look for
    pages = max(1, -(-len(matched) // PER_PAGE))
    shown = matched[(number - 1) * PER_PAGE : number * PER_PAGE]
    rows = [{"e": e, "details": _shown(e.details), "link": _subject_link(e.subject)} for e in shown]
    context: dict[str, Any] = {"rows": rows, "matched": len(matched), "chosen": chosen}
    context |= {"kinds": sorted(kinds | ({chosen.kind} - {""})), "number": number}
    context |= {"pages": pages, "chain": log.verify()}
    return page(request, "audit.html", "Audit log", **context)


@router.get("/audit/entries.{fmt}")
@signed_in()
def export(
    request: Request, fmt: str, kind: str = "", actor: str = "", since: str = "", until: str = ""
) -> Response:
    """The entries the filters admit, oldest first, as `GET /audit?format=` writes them."""
    if fmt not in MEDIA:
        raise UsageError(f"no export as {fmt!r}; try csv or jsonl")
    chosen = audit_filter(kind, actor, since, until)
    out = io.StringIO()
    write_entries((e for e in _loaded(request).audit().entries() if chosen.admits(e)), fmt, out)
    headers = {"Content-Disposition": f'attachment; filename="banwatch-audit.{fmt}"'}
    return Response(out.getvalue(), media_type=MEDIA[fmt], headers=headers)
