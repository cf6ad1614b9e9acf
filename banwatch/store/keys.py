"""Record keys: how the same input record is recognised in two runs.

A key is, in order of preference:

1. `<column>=<value>` for the first id-like column present with a non-empty
   value, trying `asset_id`, `id`, `asset`, `asset_tag`, `serial`,
   `record_id`. Headers match ignoring case, spaces, `_` and `-`, so
   `Asset Tag`, `asset_tag`, `AssetTag` and `ASSET-TAG` are one column.
2. `values=<hash>` over the record's non-empty values, sorted: stable when
   columns are renamed, reordered or an empty column is added.
3. `row=<n>` for a record with no values at all.

Invariant: pure and deterministic; equal records give equal keys. Keys need
not be unique within a run (duplicate serials happen): `diff` pairs the k-th
record with a key in one run with the k-th record with that key in the other.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from functools import lru_cache

ID_COLUMNS: tuple[str, ...] = ("asset_id", "id", "asset", "asset_tag", "serial", "record_id")

_SEPARATORS = re.compile(r"[\s_\-]+")


@lru_cache(maxsize=4096)  # headers repeat on every record of a file
def fold_header(header: str) -> str:
    """A header in the form used to compare it: case-folded, without spaces, `_` or `-`."""
    return _SEPARATORS.sub("", header.casefold())


_ID_FOLDED = tuple((column, fold_header(column)) for column in ID_COLUMNS)
# `json.dumps(..., ensure_ascii=False)` would build an encoder on every call, which costs more
# than the rest of a key; this one writes exactly the same text.
_TO_JSON = json.JSONEncoder(ensure_ascii=False).encode


@lru_cache(maxsize=256)  # the records of a file share their headers
def _id_headers(headers: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each id-like column present, best first, the headers naming it, in record order."""
    folded = [fold_header(header) for header in headers]
    found = []
    for column, fold in _ID_FOLDED:
        named = tuple(h for h, f in zip(headers, folded, strict=True) if f == fold)
        if named:
            found.append((column, named))
    return tuple(found)


def record_key(record: Mapping[str, str], row: int) -> str:
    """The key pairing this record with itself in another run.

    The id-like headers of a set of headers are found once (`_id_headers`):
    a store keys every finding not clear, and most records have the same
    headers as the one before.
    """
    for column, headers in _id_headers(tuple(record)):
        for header in headers:
            value = record[header].strip()
            if value:
                return f"{column}={value}"
    present = sorted(value for value in map(str.strip, record.values()) if value)
    if present:
        text = _TO_JSON(present)
        return "values=" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return f"row={row}"
