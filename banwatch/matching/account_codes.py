"""Cells of a name column that are account numbers or codes, not names (pure).

ERP exports put the vendor's account number beside its name, sometimes under
a header other systems use for the name (SAP's `Vendor` is the account
number, `Vendor Name 1` the name): `100234`, `0000100023`, `V-10023`,
`ACC 4711`. Such a cell is never read as a name. A name that holds a number
among words ("3M", "7-Eleven", "Brigade 44") is not a code: a code is a
short run of letters at most, then digits and separators only, with at least
three digits.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"[A-Za-z]{0,4}[-_/.# ]?\d[\d\-_/. ]*")
MIN_DIGITS = 3


def is_account_code(value: str) -> bool:
    """Whether a cell is an account number or code rather than a name."""
    text = value.strip()
    return bool(_CODE.fullmatch(text)) and sum(c.isdigit() for c in text) >= MIN_DIGITS
