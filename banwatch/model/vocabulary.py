"""Closed vocabularies shared by the registry, the core and the interfaces.

These strings appear in YAML, JSON lines output and the database: extend them,
never rename them.
"""

from __future__ import annotations

from typing import Literal, get_args

Sector = Literal["government", "telecom", "contractor", "grantee", "business", "individual"]
SECTORS: tuple[str, ...] = get_args(Sector)

Act = Literal[
    "buy", "use", "sell", "install", "operate", "import", "authorise", "invest", "export-to"
]
ACTS: tuple[str, ...] = get_args(Act)
ACQUIRING_ACTS: frozenset[Act] = frozenset({"buy", "import"})
"""Acts done once, when an item is acquired: judged on a record's own date when it has one."""

Level = Literal["national", "regional", "local"]
LEVELS: tuple[str, ...] = get_args(Level)

# What kind of product a model number or a described column says a record is.
# A measure may cover only some kinds (5G core and access, not customer
# premises equipment); an empty list on a measure means every kind.
ProductKind = Literal[
    "video_surveillance",
    "two_way_radio",
    "mobile_device",
    "customer_premises",
    "network_core",
    "radio_access",
    "transport_network",
    "enterprise_network",
    "drone",
    "software",
    "connected_vehicle",
    "semiconductor",
    "iot_module",
    "computer",
]
PRODUCT_KINDS: tuple[str, ...] = get_args(ProductKind)

Confidence = Literal["low", "medium", "high"]
CONFIDENCE_RANK: dict[str, int] = {"low": 0, "medium": 1, "high": 2}

# `pending`: a proceeding (restricting nobody) filed and not yet ended.
Status = Literal["not_yet", "pending", "in_force", "suspended", "ended"]

Effect = Literal["in_force", "targets_added", "suspended", "resumed", "ended", "amended", "none"]

EventType = Literal[
    "announced",
    "made",
    "published",
    "effective",
    "challenged",
    "stay_motion",
    "interim_agreement",
    "court_decision",
    "amended",
    "entry_added",
    "entry_modified",
    "deadline",
    "legislation",
    "parliamentary",
    "statement",
    "countermeasure",
    "reported",
]

Verdict = Literal["prohibited", "suspended", "review", "clear"]
VERDICT_RANK: dict[str, int] = {"clear": 0, "review": 1, "suspended": 2, "prohibited": 3}

RelationType = Literal["subsidiary_of", "brand_of", "oem_of", "affiliate_of"]

Coverage = Literal["entity", "subsidiaries", "brands", "products"]

EntityKind = Literal[
    "organisation", "brand", "product_line", "group", "category", "person", "vessel"
]

IdentifierKind = Literal[
    "domain",
    "ticker",
    "lei",
    "uscc",
    "isin",
    "mac_prefix",
    "mac_registrant",
    "register",
    "imo",
    "tax_id",
    "fcc_grantee",
    "other",
]

NameKind = Literal["legal", "alias", "former", "brand", "short"]

MatchedOn = Literal["name", "alias", "identifier", "domain", "mac", "model", "text"]
