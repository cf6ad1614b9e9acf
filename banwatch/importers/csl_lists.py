"""What each list of the US Consolidated Screening List restricts.

The CSL merges lists of several agencies; its `source` column names the list,
e.g. "Entity List (EL) - Bureau of Industry and Security". banwatch makes one
measure per list and reads the abbreviation in parentheses to decide what the
measure restricts. Every list binds every sector in the US. This table is a
simplification of each list's legal effect, documented in docs/sources.md:

- sanctions lists whose listed parties are blocked (SDN, FSE) restrict every act;
- lists that restrict only some dealings (SSI directives, NS-MBS menu-based
  sanctions, CAPTA, the PLC list) restrict every act but give `review` at
  most: the listing sets conditions, it does not ban the vendor outright;
- CMIC restricts buying or holding securities (`invest`);
- export-control lists (EL, DPL, DTC) restrict exporting to the party
  (`export-to`); UVL and MEU only add licence or statement requirements, so
  they give `review` at most;
- ISN nonproliferation sanctions vary by determination (US government
  procurement bans, export-licence denials): `buy` and `export-to`, `review`
  at most.

A list not in the table restricts every act and gives `review` at most, with
a note saying banwatch does not know it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from banwatch.importers.base import ALL_ACTS


@dataclass(frozen=True)
class ListKind:
    """How banwatch models one CSL list as a measure."""

    type: str  # Measure.type
    acts: tuple[str, ...]
    max_verdict: Literal["prohibited", "review"]


SANCTIONS = ListKind("sanctions_listing", ALL_ACTS, "prohibited")
PARTIAL_SANCTIONS = ListKind("sanctions_listing", ALL_ACTS, "review")
EXPORT_BAN = ListKind("export_control_listing", ("export-to",), "prohibited")
EXPORT_CONDITIONS = ListKind("export_control_listing", ("export-to",), "review")

LISTS: dict[str, ListKind] = {
    "SDN": SANCTIONS,
    "FSE": SANCTIONS,
    "SSI": PARTIAL_SANCTIONS,
    "PLC": PARTIAL_SANCTIONS,
    "NS-MBS": PARTIAL_SANCTIONS,
    "CAP": PARTIAL_SANCTIONS,  # "Capta List (CAP) - Treasury Department"
    "CAPTA": PARTIAL_SANCTIONS,
    "CMIC": ListKind("investment_ban", ("invest",), "prohibited"),
    "EL": EXPORT_BAN,
    "DPL": EXPORT_BAN,
    "DTC": EXPORT_BAN,
    "UVL": EXPORT_CONDITIONS,
    "MEU": EXPORT_CONDITIONS,
    "ISN": ListKind("nonproliferation_sanctions", ("buy", "export-to"), "review"),
}
"""CSL list abbreviation -> how it is modelled."""

UNKNOWN = PARTIAL_SANCTIONS

_ABBREVIATION = re.compile(r"\(([A-Za-z-]+)(?:\s+list)?\)", re.IGNORECASE)


def abbreviation(source: str) -> str | None:
    """The list's abbreviation in parentheses: `Entity List (EL) - BIS` -> `EL`."""
    m = _ABBREVIATION.search(source)
    return m[1].upper() if m else None


def list_kind(source: str) -> tuple[ListKind, bool]:
    """How to model the list named `source`, and whether banwatch knows it."""
    abbr = abbreviation(source)
    kind = LISTS.get(abbr or "")
    return (kind, True) if kind else (UNKNOWN, False)


def split_source(source: str) -> tuple[str, str]:
    """(list title, agency): `Entity List (EL) - Bureau of Industry and Security`."""
    title, sep, agency = source.partition(" - ")
    return title.strip(), agency.strip() if sep else "not stated in the list"
