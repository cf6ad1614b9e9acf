"""The `sources` report: the imported lists, their versions, counts and checksums."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import IO

from rich.console import Console
from rich.table import Table

from banwatch.registry.sources import SourceInfo


def write_sources(sources: list[SourceInfo], fmt: str, out: IO[str]) -> None:
    """Every imported source, by name, as a table or JSON lines."""
    if fmt == "jsonl":
        for s in sources:
            out.write(json.dumps({**asdict(s), "label": s.label}, ensure_ascii=False) + "\n")
        return
    table = Table(title="imported sources")
    for col in (
        "source",
        "kind",
        "version",
        "entities",
        "measures",
        "targets",
        "problems",
        "checksum",
        "imported",
        "input",
    ):
        table.add_column(col, overflow="fold")
    for s in sources:
        table.add_row(
            s.name,
            s.kind,
            str(s.version),
            str(s.entities),
            str(s.measures),
            str(s.targets),
            str(s.problems),
            s.checksum[:12],
            s.imported_at,
            s.input,
        )
    Console(file=out, width=160, no_color=True, markup=False, highlight=False).print(table)
    out.write(f"{len(sources)} sources\n")
