"""Header cleaning and column roles.

Invariants:
- A header matches a role when its *key* equals the key of one of the role's
  aliases. The key ignores case, accents, spacing, underscores, hyphens and
  punctuation, so "Supplier Name", "supplier_name" and " SUPPLIER-NAME: " are
  the same header.
- No alias key belongs to two roles, so detection never depends on order.
- Cleaned headers are unique and non-empty: an empty cell becomes "column N"
  (N counts from 1) and a repeated name gets " (2)", " (3)"..., so no value is
  lost when a row becomes a dict.
- A renamed duplicate keeps the role of the name it repeats: two "Vendor"
  columns are both `name` columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from banwatch.errors import InputError
from banwatch.model.records import Role

from .headers import HEADERS


def _aliases() -> dict[Role, tuple[str, ...]]:
    out: dict[Role, list[str]] = {}
    for header in HEADERS:
        out.setdefault(header.role, []).append(header.text)
    return {role: tuple(texts) for role, texts in out.items()}


ALIASES: Mapping[Role, tuple[str, ...]] = _aliases()
"""The headers of each role (`headers.HEADERS`), in the table's order."""

IDENTIFYING_ROLES: tuple[Role, ...] = ("name", "model", "mac", "domain", "fcc_id")
"""Roles that can identify a vendor; a file needs at least one such column. (A `text`
column is read only for labelled FCC IDs, so it does not count.)"""


def header_key(header: str) -> str:
    """The comparison key of a header: case-folded letters and digits only, accents dropped."""
    # NFKD splits "é" into "e" + a combining accent, which is not alphanumeric
    # and so drops out; full-width letters fold to ASCII as well.
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _build_role_table() -> dict[str, Role]:
    table: dict[str, Role] = {}
    for role, aliases in ALIASES.items():
        for alias in aliases:
            key = header_key(alias)
            if table.setdefault(key, role) != role:
                raise AssertionError(f"alias {alias!r} is listed for two roles")
    return table


_ROLE_BY_KEY = _build_role_table()


def role_of(header: str) -> Role | None:
    """The role of a column with this header, or None if it is not recognised."""
    return _ROLE_BY_KEY.get(header_key(header))


def detect_roles(headers: Sequence[str]) -> dict[str, Role]:
    """Map each recognised header to its role; unknown headers are left out."""
    roles: dict[str, Role] = {}
    for header in headers:
        role = role_of(header)
        if role is not None:
            roles[header] = role
    return roles


@dataclass(frozen=True)
class Columns:
    """Cleaned, unique headers of one file and the roles of the recognised ones."""

    headers: tuple[str, ...]
    roles: dict[str, Role]
    written: tuple[str, ...] = ()  # the header cells as the file writes them, stripped

    def repeated_by(self, cells: Sequence[str]) -> bool:
        """Whether a data row repeats the header row (as files joined end to end do)."""
        given = [c.strip() for c in cells]
        while given and not given[-1]:
            given.pop()
        return bool(self.written) and tuple(given) == self.written


def unique_name(name: str, taken: Iterable[str]) -> str:
    """`name`, or `name (2)`, `name (3)`... whichever is not in `taken` first."""
    used = set(taken)
    if name not in used:
        return name
    n = 2
    while f"{name} ({n})" in used:
        n += 1
    return f"{name} ({n})"


def columns_for(raw_headers: Sequence[str]) -> Columns:
    """Clean a header row: strip, name empty cells, number duplicates, detect roles."""
    headers: list[str] = []
    roles: dict[str, Role] = {}
    for position, raw in enumerate(raw_headers, start=1):
        text = raw.strip()
        header = unique_name(text or f"column {position}", headers)
        headers.append(header)
        role = role_of(text) if text else None
        if role is not None:
            roles[header] = role
    written = [raw.strip() for raw in raw_headers]
    while written and not written[-1]:
        written.pop()
    return Columns(tuple(headers), roles, tuple(written))


def require_identifying(columns: Columns, file: str) -> None:
    """Raise InputError unless some column holds a name, model, MAC address, domain or FCC ID."""
    if any(role in IDENTIFYING_ROLES for role in columns.roles.values()):
        return
    found = ", ".join(repr(h) for h in columns.headers) or "none"
    # The first few headers of each role: the full list is in the README.
    wanted = "; ".join(f"{', '.join(ALIASES[role][:5])}".lower() for role in IDENTIFYING_ROLES)
    raise InputError(
        f"no column names a supplier, model, MAC address, domain or FCC ID (found {found}); "
        f"expected a header such as {wanted}",
        file=file,
    )
