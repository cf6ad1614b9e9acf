"""Periods written as people write them: `30s`, `30m`, `1h`, `6h`, `1d` (pure).

One whole number and one unit, no spaces; used by `banwatch serve
--watch-every/--pull-every` and their `BANWATCH_*` settings.
"""

from __future__ import annotations

import re

from banwatch.errors import UsageError

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PATTERN = re.compile(r"(\d+)([smhd])")


def parse_duration(text: str, field: str | None = None) -> float:
    """The seconds in `text`; `UsageError` naming `field` when it is not a period above zero."""
    found = _PATTERN.fullmatch(text.strip().lower())
    if found is None or int(found.group(1)) == 0:
        raise UsageError(
            f"not a period: {text!r} (a whole number and s, m, h or d, as in 30m, 1h, 6h, 1d)",
            field=field,
        )
    return float(int(found.group(1)) * UNITS[found.group(2)])


def describe(seconds: float) -> str:
    """A period in the largest unit that divides it, as `parse_duration` reads it."""
    for unit, size in sorted(UNITS.items(), key=lambda item: -item[1]):
        if seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds}s"
