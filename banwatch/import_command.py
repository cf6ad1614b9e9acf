"""Importing a list into the registry's sources, for `banwatch import` and `POST /imports`.

Invariants:
- Nothing is saved unless the registry merged with the new version loads: an
  id clash with the registry or another source is a RegistryError.
- An import that saves a new version writes an audit entry (`import`) naming
  who, the source, its version and the SHA-256 of the input file; an input
  already imported saves nothing and writes none. Removing a source writes
  `source_removed`. The sources are files, not rows of the store, so the
  entry follows the save (which is atomic) rather than sharing its transaction.
- The records' problems go to the caller's `report`, as they are found, not
  to standard error: the CLI prints them there, the server answers with them
  (uploaded contents stay out of the server's log).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from banwatch.errors import InputError
from banwatch.registry.loader import load_registry
from banwatch.registry.sources import SourceInfo, SourceStore
from banwatch.requests import ImportRequest
from banwatch.settings import Settings
from banwatch.store.audit import record_once


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the source's version now current, and whether this import made it."""

    source: SourceInfo
    saved: bool  # False: this input was already imported, nothing changed
    notes: list[str] = field(default_factory=list)  # facts about the import worth knowing


def import_list(
    request: ImportRequest,
    settings: Settings,
    by: str,
    report: Callable[[str], None],
    origin: str | None = None,
) -> ImportOutcome:
    """Import a list file as a new version of its source; `by` is who, for the audit log,
    `report` is told of each record skipped, and `origin` is the input as the sources list
    shows it (by default the file's path)."""
    from banwatch.importers import ImportOptions, read_source
    from banwatch.model.registry import SourceData
    from banwatch.registry.sources import file_checksum, info_for

    name, path = request.name, request.path
    options = {"jurisdiction": request.jurisdiction, "source_url": request.source_url}
    store = SourceStore(settings.home)
    checksum = file_checksum(path)
    same = store.unchanged(name, request.kind, checksum, options)
    if same:
        return ImportOutcome(same, saved=False)
    imported = read_source(
        request.kind, path, ImportOptions(name, request.jurisdiction, request.source_url)
    )
    for problem in imported.problems:
        report(str(problem))
    if not imported.entities:
        raise InputError("no record could be imported; nothing saved", file=str(path))
    others = [s for s in store.load() if s.name != name]
    new = SourceData(name, "new", tuple(imported.entities), tuple(imported.measures))
    load_registry(settings.registry_dir, sources=[*others, new])
    shown = origin or str(path.resolve())
    info = info_for(name, request.kind, checksum, shown, len(imported.problems), options)
    saved, made = store.save(info, imported.entities, imported.measures)
    if made:
        record_once(settings.database_url, "import", by, f"source {name}", _details(saved))
    return ImportOutcome(saved, made, list(imported.notes))


def remove_list(name: str, settings: Settings, by: str) -> SourceInfo | None:
    """Remove an imported source (None if there is none); the audit log says who removed it."""
    removed = SourceStore(settings.home).remove(name)
    if removed is not None:
        details = {"version": removed.version, "label": removed.label}
        record_once(settings.database_url, "source_removed", by, f"source {name}", details)
    return removed


def _details(info: SourceInfo) -> dict[str, object]:
    """What the audit log keeps of an imported version: what it was read from, what it holds."""
    return {
        "kind": info.kind,
        "version": info.version,
        "label": info.label,
        "input": info.input,
        "input_sha256": info.checksum,
        "entities": info.entities,
        "measures": info.measures,
        "targets": info.targets,
        "problems": info.problems,
        "options": info.options,
    }
