"""Check jurisdiction codes: ISO 3166-1 countries, ISO 3166-2 subdivisions, and EU."""

from __future__ import annotations

from typing import Any

import pycountry

# pycountry has no type annotations; its look-ups are wrapped here.
_get_country: Any = pycountry.countries.get
_get_subdivision: Any = pycountry.subdivisions.get

# ISO 3166 reserves EU for the European Union; measures of EU institutions use it.
RESERVED = {"EU": "European Union"}


def check_jurisdiction(code: str) -> str:
    """Return the code upper-cased, or raise ValueError when ISO 3166 does not know it."""
    c = code.strip().upper()
    if c in RESERVED or _get_country(alpha_2=c) is not None:
        return c
    if "-" in c and _get_subdivision(code=c) is not None:
        return c
    raise ValueError(
        f"unknown jurisdiction {code!r}; expected an ISO 3166 code such as CA, US or CA-QC"
    )


def jurisdiction_name(code: str) -> str:
    """A readable name for a jurisdiction code."""
    if code in RESERVED:
        return RESERVED[code]
    country = _get_country(alpha_2=code)
    if country is not None:
        return str(country.name)
    sub = _get_subdivision(code=code)
    return str(sub.name) if sub is not None else code
