"""Turn the typed values of XLSX, JSON and Parquet cells into screening text.

Invariants:
- The result is always a str stripped of surrounding whitespace; None is "".
- Whole numbers print without a fraction ("12", not "12.0"): identifiers such
  as part numbers are often stored as numbers by spreadsheets.
- Nested values (lists, objects, structs) become compact JSON, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal

_EXACT_INT_LIMIT = 2**53  # floats above this no longer hold every integer exactly


def _float_text(value: float, digits: int | None) -> str:
    if math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < _EXACT_INT_LIMIT:
        return str(int(value))
    if digits is not None:
        return format(value, f".{digits}g")
    return repr(value)


def _datetime_text(value: dt.datetime) -> str:
    # Spreadsheets store plain dates as midnight datetimes; show them as dates.
    if value.tzinfo is None and value.time() == dt.time():
        return value.date().isoformat()
    return value.isoformat()


def cell_text(value: object, *, float_digits: int | None = None) -> str:
    """Screening text for one cell value.

    `float_digits` rounds non-integral floats to that many significant digits;
    XLSX passes 15 because that is the precision Excel itself displays
    (0.1 + 0.2 shows as 0.3).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value, float_digits)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return _datetime_text(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8").strip()
        except UnicodeDecodeError:
            return value.hex()
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value).strip()
