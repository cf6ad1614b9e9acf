"""What changed between two releases: measures and entities added, changed, removed (pure).

Records are compared by id on their YAML content, so a changed date, source or
alias is a change; a record moved between files is not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from banwatch.registry.loader import safe_load

KINDS = ("entities", "measures")

Records = Mapping[str, Mapping[str, str]]  # kind -> id -> canonical JSON of the record


def delta(old: Records, new: Records) -> dict[str, dict[str, list[str]]]:
    """Per kind, the ids `added`, `changed` and `removed` from `old` to `new`, sorted."""
    out: dict[str, dict[str, list[str]]] = {}
    for kind in KINDS:
        before, after = old.get(kind, {}), new.get(kind, {})
        out[kind] = {
            "added": sorted(after.keys() - before.keys()),
            "changed": sorted(i for i in after.keys() & before.keys() if after[i] != before[i]),
            "removed": sorted(before.keys() - after.keys()),
        }
    return out


def read_records(root: Path) -> dict[str, dict[str, str]]:
    """The entities and measures of a registry folder, by id, as canonical JSON text."""
    out: dict[str, dict[str, str]] = {}
    for kind in KINDS:
        found: dict[str, str] = {}
        for path in sorted((root / kind).glob("*.yaml")):
            doc: Any = safe_load(path.read_text(encoding="utf-8")) or {}
            for record in doc.get(kind) or []:
                found[str(record.get("id"))] = json.dumps(record, sort_keys=True, default=str)
        out[kind] = found
    return out
