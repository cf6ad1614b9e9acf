"""The audit log as JSON lines or CSV, and what `audit verify` says."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from banwatch.store.audit import Entry, Verified

COLUMNS = ("seq", "at", "kind", "actor", "subject", "details", "prev_hash", "hash")


def write_entries(entries: Iterable[Entry], fmt: str, out: IO[str]) -> None:
    """Each entry as a JSON line, or as a CSV row (details as JSON) after a header."""
    if fmt == "jsonl":
        for e in entries:
            out.write(json.dumps(e.model_dump(mode="json"), ensure_ascii=False) + "\n")
        return
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in entries:
        row = e.model_dump(mode="json")
        row["details"] = json.dumps(row["details"], ensure_ascii=False, sort_keys=True)
        # A cell a spreadsheet would read as a formula is neutralised (DESIGN.md).
        writer.writerow(_safe(str(row[c])) for c in COLUMNS)


def _safe(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def verdict(found: Verified) -> str:
    """One line: intact with its length, or the first entry that breaks the chain and why."""
    if found.broken_at is None:
        return f"audit log intact: {found.entries} entries"
    return f"audit log broken at entry {found.broken_at}: {found.why}"
