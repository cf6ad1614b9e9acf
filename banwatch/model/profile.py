"""Who is screening: jurisdictions, sector, level, the acts they perform, and the date asked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from banwatch.model.vocabulary import Act, Level, Sector

JURISDICTION = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")

# What a screening asks about when no act is given: buying and using what is
# listed, which includes installing it (and, for a carrier, running it in its
# network). Measures restricting other acts (exporting to, investing in,
# selling) are reported for review, not as prohibitions, unless asked about.
DEFAULT_ACTS: tuple[Act, ...] = ("buy", "use", "install")
TELECOM_ACTS: tuple[Act, ...] = ("buy", "use", "install", "operate")

# Member states of the European Union, with the day each joined and, for one
# that left, the first day it was no longer a member. An EU measure that binds
# the member states binds a profile in one of them on the date asked.
# Source: https://europa.eu/european-union/about-eu/countries_en (GB left on 2020-01-31)
EU_MEMBERS: dict[str, tuple[date, date | None]] = {
    **{c: (date(1958, 1, 1), None) for c in ("BE", "DE", "FR", "IT", "LU", "NL")},
    **{c: (date(1973, 1, 1), None) for c in ("DK", "IE")},
    "GB": (date(1973, 1, 1), date(2020, 2, 1)),
    "GR": (date(1981, 1, 1), None),
    **{c: (date(1986, 1, 1), None) for c in ("ES", "PT")},
    **{c: (date(1995, 1, 1), None) for c in ("AT", "FI", "SE")},
    **{
        c: (date(2004, 5, 1), None)
        for c in ("CY", "CZ", "EE", "HU", "LT", "LV", "MT", "PL", "SI", "SK")
    },
    **{c: (date(2007, 1, 1), None) for c in ("BG", "RO")},
    "HR": (date(2013, 7, 1), None),
}


def eu_member(country: str, on: date) -> bool:
    """Whether `country` (or the country of a subdivision code) is an EU member on `on`."""
    span = EU_MEMBERS.get(country.split("-")[0])
    return span is not None and span[0] <= on and (span[1] is None or on < span[1])


@dataclass(frozen=True)
class Profile:
    """The screening party. Empty `jurisdictions`, no `sector` or `level`: the worst case.

    No `acts` means the default question (`asked_acts`): buying and using.
    """

    as_of: date
    jurisdictions: tuple[str, ...] = ()
    sector: Sector | None = None
    acts: tuple[Act, ...] = ()
    level: Level | None = None  # for government: national, regional or local

    @property
    def asked_acts(self) -> tuple[Act, ...]:
        """The acts asked about: those given, or the default question for the sector."""
        if self.acts:
            return self.acts
        # No sector is the worst case: it asks what every sector would.
        return TELECOM_ACTS if self.sector in (None, "telecom") else DEFAULT_ACTS

    def asks(self, jurisdiction: str) -> bool:
        """Whether a measure of `jurisdiction` is in scope: the same place, above or below it.

        A profile in an EU member state also sees the EU's measures.
        """
        if not self.jurisdictions:
            return True
        return any(
            within(p, jurisdiction)
            or within(jurisdiction, p)
            or (jurisdiction == "EU" and eu_member(p, self.as_of))
            for p in self.jurisdictions
        )

    def lies_within(self, jurisdiction: str, member_states: bool = False) -> bool:
        """Whether the profile is inside `jurisdiction` (a CA-QC profile is also in CA).

        A profile in a member state is inside the EU only for a measure that
        binds the member states (`member_states`).
        """
        if not self.jurisdictions:
            return True
        return any(
            within(p, jurisdiction)
            or (member_states and jurisdiction == "EU" and eu_member(p, self.as_of))
            for p in self.jurisdictions
        )


def within(inner: str, outer: str) -> bool:
    """True when `inner` is `outer` or one of its subdivisions."""
    return inner == outer or inner.startswith(outer + "-")
