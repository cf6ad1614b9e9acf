"""Dates as the sources give them: a day, a month or only a year.

A partial date ("2022-09", "2025") is kept as written for display and compared
by the first day of its period, so "2024" sorts before "2024-06-28".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial(text: str) -> date:
    """Return the first day of the period a partial ISO date names."""
    m = _PARTIAL.match(text)
    if not m:
        raise ValueError(f"expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {text!r}")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    return date(year, month, day)


def _check(text: str) -> str:
    parse_partial(text)
    return text


PartialDate = Annotated[str, AfterValidator(_check)]
"""An ISO 8601 date string with day or month possibly missing."""


def parse_as_of(text: str) -> date:
    """Parse a full ISO date given by a user (`--as-of`)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {text!r}") from None
