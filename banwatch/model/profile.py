"""Who is screening: jurisdictions, sector, the acts they perform, and the date asked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from banwatch.model.vocabulary import Act, Sector

JURISDICTION = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")


@dataclass(frozen=True)
class Profile:
    """The screening party. Empty `jurisdictions`, no `sector` or no `acts` mean the worst case."""

    as_of: date
    jurisdictions: tuple[str, ...] = ()
    sector: Sector | None = None
    acts: tuple[Act, ...] = ()

    def asks(self, jurisdiction: str) -> bool:
        """Whether a measure of `jurisdiction` is in scope: the same place, above or below it."""
        if not self.jurisdictions:
            return True
        return any(within(p, jurisdiction) or within(jurisdiction, p) for p in self.jurisdictions)

    def lies_within(self, jurisdiction: str) -> bool:
        """Whether the profile is inside `jurisdiction` (a CA-QC profile is also in CA)."""
        if not self.jurisdictions:
            return True
        return any(within(p, jurisdiction) for p in self.jurisdictions)


def within(inner: str, outer: str) -> bool:
    """True when `inner` is `outer` or one of its subdivisions."""
    return inner == outer or inner.startswith(outer + "-")
