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

ALIASES: Mapping[Role, tuple[str, ...]] = {
    "name": (
        "name",
        "supplier",
        "supplier name",
        "vendor",
        "vendor name",
        "manufacturer",
        "manufacturer name",
        "maker",
        "brand",
        "brand name",
        "company",
        "company name",
        "organisation",
        "organisation name",
        "organization",
        "organization name",
        "payee",
        "payee name",
        "beneficiary",
        "beneficiary name",
        "counterparty",
        "counterparty name",
        "entity",
        "entity name",
        # Canadian French, as federal inventories are bilingual
        "fournisseur",
        "nom du fournisseur",
        "fabricant",
        "marque",
        "entreprise",
        # Chinese, as many supplier sheets come from the suppliers themselves
        "供应商",
        "供应商名称",
        "制造商",
        "厂商",
        "品牌",
    ),
    "model": (
        "model",
        "model number",
        "model no",
        "model nr",
        "part number",
        "part no",
        "product model",
        "sku",
        "modèle",
        "numéro de modèle",
        "型号",
        "产品型号",
    ),
    "mac": (
        "mac",
        "mac address",
        "macaddr",
        "hw address",
        "hwaddr",
        "hardware address",
        "ethernet address",
        "physical address",
        "adresse mac",
        "mac地址",
    ),
    "domain": (
        "website",
        "web site",
        "domain",
        "domain name",
        "url",
        "homepage",
        "home page",
        "web",
        "site web",
        "网站",
        "网址",
    ),
    "fcc_id": (
        "fcc id",
        "fcc id number",
        "fcc identifier",
    ),
    "text": (
        "description",
        "item description",
        "product description",
        "notes",
        "remarks",
        "comments",
        "remarques",
        "描述",
        "备注",
    ),
    "kind": (
        "product kind",
        "product type",
        "device type",
        "asset type",
        "equipment type",
        "category",
        "product category",
        "asset category",
        "type de produit",
        "catégorie",
        "产品类型",
        "设备类型",
    ),
    "date": (
        "purchase date",
        "date of purchase",
        "purchased",
        "purchased on",
        "acquisition date",
        "date acquired",
        "acquired",
        "acquired on",
        "order date",
        "po date",
        "invoice date",
        "date d'achat",
        "date d'acquisition",
        "采购日期",
        "购买日期",
    ),
    "country": (
        "country",
        "country code",
        "country of origin",
        "pays",
        "国家",
    ),
}

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
    return Columns(tuple(headers), roles)


def require_identifying(columns: Columns, file: str) -> None:
    """Raise InputError unless some column holds a name, model, MAC address, domain or FCC ID."""
    if any(role in IDENTIFYING_ROLES for role in columns.roles.values()):
        return
    found = ", ".join(repr(h) for h in columns.headers) or "none"
    # The first few headers of each role: the full list is in the README.
    wanted = "; ".join(f"{', '.join(ALIASES[role][:5])}" for role in IDENTIFYING_ROLES)
    raise InputError(
        f"no column names a supplier, model, MAC address, domain or FCC ID (found {found}); "
        f"expected a header such as {wanted}",
        file=file,
    )
