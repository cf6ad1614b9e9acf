"""FCC IDs and the grantee codes in them (pure).

An FCC ID names the holder of a US equipment authorisation. It is a grantee
code followed by a product code (47 CFR 2.926; the FCC's "Equipment
Authorization - Grantee Code" page):

- a grantee code that starts with a letter has 3 characters (`SS3`); one that
  starts with a digit has 5 (`2ADTD`, the series issued since 2013); grantee
  codes never contain the digits 0 or 1;
- the product code, chosen by the grantee, has 1 to 14 letters, digits and
  single hyphens between them.

Labels and test reports write the two parts together or with a hyphen between
them (`2ADTD-5604SD`, `2ADTD5604SD`, `SS3-W3281705`), in any case. Since the
grantee code's length follows from its first character, the split never
depends on a hyphen.

Invariants:
- `parse_fcc_id` reads a whole cell (a column that holds FCC IDs); the label
  "FCC ID" before it is allowed, nothing else is.
- `fcc_ids_in_text` reads an FCC ID only right after the label "FCC ID"
  (`FCC ID: …`, `FCCID …`, `FCC-ID …`), so that model numbers and other codes
  in a cell are never taken for one.
- Every FCC ID found prints back (`str`) as `GRANTEE-PRODUCT`, in capitals,
  and parses again to itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_PRODUCT_CHARS = 14  # the FCC's limit for a product code

_GRANTEE = r"[A-Z][A-Z2-9]{2}|[2-9][A-Z2-9]{4}"
_PRODUCT = r"[A-Z0-9]+(?:-[A-Z0-9]+)*"
_LABEL = r"(?<![A-Z0-9])FCC[ _-]?ID(?![A-Z0-9])(?:\s*(?:NO\.?|NUMBER|#))?\s*[:=]?\s*"
_WHOLE = re.compile(rf"(?:{_LABEL})?({_GRANTEE})(?:\s*-\s*|\s+)?({_PRODUCT})")
_IN_TEXT = re.compile(rf"{_LABEL}({_GRANTEE})-?({_PRODUCT})(?![A-Z0-9-])")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_SEPARATORS = re.compile(r"[;,/|\n]+")


@dataclass(frozen=True, order=True)
class FccId:
    """An FCC ID split into the grantee code and the product code, in capitals."""

    grantee: str
    product: str

    def __str__(self) -> str:
        return f"{self.grantee}-{self.product}"


def _clean(text: str) -> str:
    """Full-width forms and dashes folded, capitals: how labels and reports vary."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).upper()


def _made(grantee: str, product: str) -> FccId | None:
    if len(product) > MAX_PRODUCT_CHARS:
        return None
    return FccId(grantee, product)


def parse_fcc_id(text: str) -> FccId | None:
    """The FCC ID a whole cell holds, with or without an "FCC ID" label; None if none."""
    m = _WHOLE.fullmatch(_clean(text).strip())
    return _made(m[1], m[2]) if m else None


def fcc_ids_in_cell(text: str) -> list[FccId] | None:
    """The FCC IDs of a cell that holds one or more, separated by `;`, `,`, `/` or `|`.

    None when any part is not an FCC ID (the cell is then not read at all).
    """
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    found = [parse_fcc_id(p) for p in parts]
    if not found or any(f is None for f in found):
        return None
    return list(dict.fromkeys(f for f in found if f is not None))


def fcc_ids_in_text(text: str) -> list[FccId]:
    """Every FCC ID written after an "FCC ID" label in free text, in order, without repeats."""
    cleaned = _clean(text)
    if "FCC" not in cleaned:
        return []
    found = (_made(m[1], m[2]) for m in _IN_TEXT.finditer(cleaned))
    return list(dict.fromkeys(f for f in found if f is not None))
