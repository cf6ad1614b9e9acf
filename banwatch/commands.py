"""What each CLI command does, as library functions: a request, the settings, an output stream.

The CLI validates its options into one frozen request (`banwatch.requests`)
and builds `Settings` once; each function here loads what it needs from
those settings and writes to the stream it is given.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from banwatch.errors import NotFoundError
from banwatch.loading import compiled_matcher, registry_for
from banwatch.notices import warn
from banwatch.registry.loader import load_registry
from banwatch.requests import (
    DiffRequest,
    EntityRequest,
    ImportRequest,
    MeasuresRequest,
    RunsRequest,
)
from banwatch.settings import Settings
from banwatch.store import RunStore, diff_runs


def list_measures(request: MeasuresRequest, settings: Settings, out: IO[str]) -> None:
    """Write the measures the profile asks about, with their status on its date."""
    from banwatch.reports.measures import measure_rows, write_measures

    rows = measure_rows(registry_for(settings), request.profile, request.target)
    write_measures(rows, request.fmt, out, request.profile.as_of)


def show_entity(request: EntityRequest, settings: Settings, out: IO[str]) -> None:
    """Write who an entity is: names, identifiers, family, and the measures reaching it."""
    from banwatch.reports.entity import describe_entity, write_entity

    matcher = compiled_matcher(settings)
    described = describe_entity(matcher.registry, matcher, request.name_or_id, request.as_of)
    write_entity(described, request.fmt, out)


def validate_registry(path: Path | None, settings: Settings, out: IO[str]) -> None:
    """Load and check a registry folder; raises RegistryError naming file, record and field."""
    from banwatch.registry.sources import SourceStore

    sources = SourceStore(settings.home).load()
    registry = load_registry(path or settings.registry_dir, sources=sources)
    events = sum(len(m.events) for m in registry.measures.values())
    out.write(
        f"registry {registry.version}: {len(registry.entities)} entities, "
        f"{len(registry.measures)} measures, {events} events, "
        f"{len(registry.mac_blocks)} MAC blocks, "
        f"{len(registry.model_patterns)} model patterns: valid\n"
    )
    for name, version in registry.sources:
        out.write(f"  imported source {name}: version {version}\n")


def registry_coverage(settings: Settings, out: IO[str]) -> None:
    """Write the registry's coverage report (what README's coverage section shows)."""
    from banwatch.reports.coverage import write_coverage

    write_coverage(load_registry(settings.registry_dir), out)


def list_runs(request: RunsRequest, settings: Settings, out: IO[str]) -> None:
    """Write the saved runs, newest first."""
    from banwatch.reports.runs import write_runs

    with RunStore(settings.database_url) as store:
        write_runs(store.list_runs(request.limit), request.fmt, out)


def diff_two_runs(request: DiffRequest, settings: Settings, out: IO[str]) -> None:
    """Write the records whose verdict or measure status changed between two runs."""
    from banwatch.reports.runs import write_changes

    with RunStore(settings.database_url) as store:
        a = store.get_run(request.run_a)
        b = store.get_run(request.run_b)
        changes = diff_runs(store.findings(a.id), store.findings(b.id))
    write_changes(a, b, changes, request.fmt, out)


def import_source(request: ImportRequest, settings: Settings, out: IO[str]) -> None:
    """Import a list as a new version of its source; warn for each record skipped.

    `banwatch.import_command` does the work and writes the audit entry.
    """
    from banwatch.import_command import import_list
    from banwatch.store.audit import cli_actor

    done = import_list(request, settings, cli_actor(), warn)
    name, saved = request.name, done.source
    if not done.saved:
        out.write(f"{name}: unchanged (version {saved.label}): this input was already imported\n")
        return
    out.write(
        f"imported {name} ({request.kind}) as version {saved.label}: {saved.entities} entities, "
        f"{saved.measures} measures, {saved.targets} targets, {saved.problems} problems\n"
    )
    for note in done.notes:
        out.write(f"  note: {note}\n")


def remove_source(name: str, settings: Settings, out: IO[str]) -> None:
    """Remove an imported source: its entities and measures are screened against no more."""
    from banwatch.import_command import remove_list
    from banwatch.store.audit import cli_actor

    removed = remove_list(name, settings, cli_actor())
    if removed is None:
        raise NotFoundError(f"no imported source is named {name!r} (see banwatch sources)")
    out.write(
        f"removed {removed.name} (version {removed.label}): its {removed.entities} entities "
        f"and {removed.measures} measures are no longer screened against\n"
    )


def list_sources(fmt: str, settings: Settings, out: IO[str]) -> None:
    """Write the imported sources: version, counts, checksum, when and from what file."""
    from banwatch.registry.sources import SourceStore
    from banwatch.reports.sources import write_sources

    write_sources(SourceStore(settings.home).sources(), fmt, out)
