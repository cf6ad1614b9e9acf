"""What every importer shares: options, problems, results, ids, and value checks.

Invariants:
- An importer never raises for one bad record: it adds a `Problem` naming the
  file and the line (or record number) and goes on. It raises `InputError`
  only when the file cannot be read at all.
- Every id an importer makes is `<source name>-<slug>`; two records whose
  keys give the same slug get `-2`, `-3`... in file order, so the same file
  always gives the same ids.
- Nothing here reads the clock: the import date is an option.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, HttpUrl, TypeAdapter, ValidationError

from banwatch.model.dates import parse_partial
from banwatch.model.entities import Entity
from banwatch.model.measures import Measure
from banwatch.model.vocabulary import ACTS, SECTORS

M = TypeVar("M", bound=BaseModel)

ALL_SECTORS: tuple[str, ...] = SECTORS
ALL_ACTS: tuple[str, ...] = ACTS
MAX_SLUG = 60
MAX_MEASURE_SOURCES = 10  # a list of 10,000 entries need not cite 10,000 pages on its measure

_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)
_ISO_DAY = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(frozen=True)
class ImportOptions:
    """How to import one file: the source's name (the id prefix) and what the file lacks."""

    name: str  # a slug; every id made is prefixed with it
    jurisdiction: str | None = None  # for measures whose records name none
    source_url: str | None = None  # for facts whose records cite no source


@dataclass(frozen=True)
class Problem:
    """A record that was skipped, or a value that was dropped, and why."""

    file: str
    line: int | None  # physical line (CSV, JSON lines); None for a whole-file remark
    message: str
    record: int | None = None  # 1-based position in a JSON array, where lines mean nothing

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f": line {self.line}"
        elif self.record is not None:
            where += f": record {self.record}"
        return f"{where}: {self.message}"


@dataclass
class Imported:
    """What an importer made of a file: valid entities and measures, and every problem met."""

    entities: list[Entity] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # facts the user should know about the import


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens; a digest if none are left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:MAX_SLUG].strip("-")
    return out or hashlib.sha256(text.encode()).hexdigest()[:12]


class Ids:
    """Allocates `<prefix>-<slug>` ids, unique within one import, deterministically."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.taken: set[str] = set()

    def new(self, key: str) -> str:
        """A fresh id for `key`: its slug, with `-2`, `-3`... if already taken."""
        base = f"{self.prefix}-{slug(key)}"
        ident, n = base, 2
        while ident in self.taken:
            ident, n = f"{base}-{n}", n + 1
        self.taken.add(ident)
        return ident


def http_url(text: str | None) -> str | None:
    """`text` if it is an absolute http(s) URL the models accept, else None."""
    value = (text or "").strip()
    if not value.lower().startswith(("http://", "https://")):
        return None
    try:
        _URL.validate_python(value)
    except ValidationError:
        return None
    return value


def iso_date(text: str | None) -> str | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD, a time part dropped), or None if empty.

    Raises ValueError naming what was expected when `text` is not such a date.
    """
    value = (text or "").strip()
    if not value:
        return None
    m = _ISO_DAY.match(value)
    if not m:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        parse_partial(m[1])
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return m[1]


def earliest(dates: Iterable[str | None]) -> str | None:
    """The earliest of some partial ISO dates, compared by the first day they name."""
    known = [d for d in dates if d]
    return min(known, key=lambda d: (parse_partial(d), len(d))) if known else None


def latest(dates: Iterable[str | None]) -> str | None:
    """The latest of some partial ISO dates, or None."""
    known = [d for d in dates if d]
    return max(known, key=lambda d: (parse_partial(d), len(d))) if known else None


def domain_of(text: str) -> str | None:
    """The host of a web address (`https://www.acme.com/x` -> `acme.com`), or None."""
    value = text.strip()
    if not value:
        return None
    host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host if "." in host and re.fullmatch(r"[a-z0-9.-]+", host) else None


def country_code(text: str | None) -> str | None:
    """A two-letter country code upper-cased, or None if `text` is not two letters."""
    value = (text or "").strip()
    return value.upper() if len(value) == 2 and value.isalpha() and value.isascii() else None


def validate(model: type[M], data: Mapping[str, Any]) -> M | str:
    """The model built from `data`, or one line saying which field is wrong and why."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"field {where!r}: {err['msg']}" if where else str(err["msg"])


def unique(values: Iterable[str]) -> list[str]:
    """The non-empty values, stripped, first occurrence kept, in order."""
    seen: dict[str, None] = {}
    for v in values:
        text = v.strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def binds_all() -> list[dict[str, str]]:
    """Every sector: imported lists restrict everyone in their jurisdiction."""
    return [{"sector": s} for s in ALL_SECTORS]


def published_event(first: str | None, source: str, what: str) -> tuple[dict[str, Any], str | None]:
    """The one event of an imported list: in force from its earliest listing date.

    With no date at all, the list's entries are "listed, date not given"
    (their targets are `undated`): they count on every date asked, so that
    screening a day before the import never finds them clear. The event is
    then undated and changes no status. Returns the event and, in that case, a
    note for the user.
    """
    if first:
        summary = f"{what}: earliest listing date given in the imported file."
        return {
            "date": first,
            "type": "published",
            "effect": "in_force",
            "summary": summary,
            "source": source,
        }, None
    summary = (
        f"{what}: the file gives no listing date; its entries are listed, date not "
        "given, and count on every date asked."
    )
    event = {
        "date": None,
        "type": "published",
        "effect": "none",
        "summary": summary,
        "source": source,
    }
    return event, f"{what}: no listing date in the file; entries count as listed on every date"
