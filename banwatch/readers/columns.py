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
- A column named by `--column ROLE=HEADER` (`ColumnChoices`) has that role
  whatever its header guesses; once a role is chosen for some column, the
  columns only guessed to have that role are passed through unread, so
  `--column name="Vendor Name 1"` stops an account-number `Vendor` column
  from being read as a name. `ignore` passes a column through.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, cast, get_args

from banwatch.errors import InputError, UsageError
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


Choice = Role | Literal["ignore"]
"""What `--column ROLE=HEADER` may say a column holds: a role, or `ignore`."""

CHOICES: tuple[str, ...] = (*get_args(Role), "ignore")


@dataclass(frozen=True)
class ColumnChoices:
    """The columns a user named with `--column ROLE=HEADER`, in the order given."""

    chosen: tuple[tuple[str, Choice], ...] = ()  # (header as the user wrote it, its role)

    @classmethod
    def parse(cls, options: Iterable[str]) -> ColumnChoices:
        """Read `ROLE=HEADER` options; UsageError naming the option that is not one."""
        chosen: dict[str, tuple[str, Choice]] = {}
        for option in options:
            role, sep, header = option.partition("=")
            role, header = role.strip().lower(), header.strip()
            if not sep or not header_key(header):
                raise UsageError(
                    f'expected ROLE=HEADER (such as name="Vendor Name 1"), got {option!r}',
                    field="--column",
                )
            if role not in CHOICES:
                raise UsageError(
                    f"unknown role {role!r} in {option!r}; expected one of {', '.join(CHOICES)}",
                    field="--column",
                )
            key = header_key(header)
            if key in chosen and chosen[key][1] != role:
                raise UsageError(
                    f"column {header!r} is given two roles ({chosen[key][1]} and {role})",
                    field="--column",
                )
            chosen[key] = (header, cast(Choice, role))
        return cls(tuple(chosen.values()))

    def by_key(self) -> dict[str, Choice]:
        """The chosen role of each header key."""
        return {header_key(header): role for header, role in self.chosen}

    def roles(self) -> set[Role]:
        """The roles some column was chosen for: the guesses for these roles no longer count."""
        return {role for _, role in self.chosen if role != "ignore"}


NO_CHOICES = ColumnChoices()


@dataclass(frozen=True)
class Columns:
    """Cleaned, unique headers of one file and the roles of the recognised ones."""

    headers: tuple[str, ...]
    roles: dict[str, Role]
    written: tuple[str, ...] = ()  # the header cells as the file writes them, stripped

    def passed(self) -> tuple[str, ...]:
        """The headers of the columns that are passed through unread."""
        return tuple(h for h in self.headers if h not in self.roles)

    def describe(self) -> str:
        """Which column is read as what, and which are passed through, in one line."""
        by_role: dict[Role, list[str]] = {}
        for header in self.headers:
            if header in self.roles:
                by_role.setdefault(self.roles[header], []).append(repr(header))
        parts = [f"{role} {', '.join(headers)}" for role, headers in by_role.items()]
        passed = self.passed()
        if passed:
            parts.append(f"passed through {', '.join(repr(h) for h in passed)}")
        return "; ".join(parts)

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


def columns_for(raw_headers: Sequence[str], choices: ColumnChoices = NO_CHOICES) -> Columns:
    """Clean a header row: strip, name empty cells, number duplicates, detect roles.

    A header the user chose a role for gets it; a guessed role that the user
    chose for other columns is dropped (module docstring).
    """
    chosen = choices.by_key()
    overridden = choices.roles()
    headers: list[str] = []
    roles: dict[str, Role] = {}
    for position, raw in enumerate(raw_headers, start=1):
        text = raw.strip()
        header = unique_name(text or f"column {position}", headers)
        headers.append(header)
        key = header_key(text)
        role: Choice | None
        if key and key in chosen:
            role = chosen[key]
        else:
            role = role_of(text) if text else None
            if role in overridden:
                role = None
        if role is not None and role != "ignore":
            roles[header] = role
    written = [raw.strip() for raw in raw_headers]
    while written and not written[-1]:
        written.pop()
    return Columns(tuple(headers), roles, tuple(written))


def file_columns(raw_headers: Sequence[str], choices: ColumnChoices, file: str) -> Columns:
    """A file's columns from its header row, checked: every chosen column is there, and
    some column identifies a vendor. InputError naming the file otherwise."""
    columns = columns_for(raw_headers, choices)
    found = {header_key(h) for h in columns.written}
    for header, role in choices.chosen:
        if header_key(header) not in found:
            listed = ", ".join(repr(h) for h in columns.headers) or "none"
            raise InputError(
                f"--column {role}={header!r}: the file has no such column (its columns: {listed})",
                file=file,
            )
    require_identifying(columns, file)
    return columns


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
