"""What each CLI command does, as library functions that take plain values.

The CLI parses options and calls exactly one function here; each builds its
settings from the environment, loads the registry, and writes to the stream
it is given.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import IO

from banwatch.errors import InputError, NotFoundError, UsageError
from banwatch.matching.matcher import DEFAULT_CONFIG, Matcher, compile_matcher
from banwatch.model.registry import Registry
from banwatch.registry.loader import load_registry, registry_version
from banwatch.requests import profile_from_options
from banwatch.settings import Settings, settings_from
from banwatch.store import RunStore, diff_runs


def _settings() -> Settings:
    return settings_from(os.environ)


def _registry(settings: Settings) -> Registry:
    from banwatch.registry.sources import SourceStore

    return load_registry(settings.registry_dir, sources=SourceStore(settings.home).load())


def _compiled(settings: Settings) -> Matcher:
    """The compiled matcher (and its registry), from the on-disk index when nothing changed.

    The cache key is found from the registry files and the sources' manifest
    alone, so an unchanged registry is neither loaded nor compiled again.
    """
    from banwatch.index import IndexCache
    from banwatch.registry.sources import SourceStore

    store = SourceStore(settings.home)
    labels = [(info.name, info.label) for info in store.sources()]
    version = registry_version(settings.registry_dir, labels)
    return IndexCache(settings.home / "index").load_or_build(
        version, DEFAULT_CONFIG.name, lambda: compile_matcher(_registry(settings))
    )


def _warn(message: str) -> None:
    sys.stderr.write(f"banwatch: warning: {message}\n")


def _stop(message: str) -> None:
    raise InputError(f"{message} (stopped: --strict)")


def _check_files(paths: list[Path]) -> None:
    for p in paths:
        if not p.exists():
            raise InputError("no such file", file=str(p))
        if not p.is_file():
            raise InputError("not a file", file=str(p))


def list_measures(
    jurisdictions: tuple[str, ...],
    target: str | None,
    as_of: date,
    fmt: str,
    out: IO[str],
    sector: str | None = None,
    level: str | None = None,
    acts: tuple[str, ...] = (),
) -> None:
    """Write the measures in the asked jurisdictions with their status on `as_of`."""
    from banwatch.reports.measures import measure_rows, write_measures

    profile = profile_from_options(as_of, jurisdictions, sector, acts, level)
    rows = measure_rows(_registry(_settings()), profile, target)
    write_measures(rows, fmt, out, as_of)


def show_entity(name_or_id: str, as_of: date, fmt: str, out: IO[str]) -> None:
    """Write who an entity is: names, identifiers, family, and the measures reaching it."""
    from banwatch.reports.entity import describe_entity, write_entity

    matcher = _compiled(_settings())
    registry = matcher.registry
    write_entity(describe_entity(registry, matcher, name_or_id, as_of), fmt, out)


def validate_registry(path: Path | None, out: IO[str]) -> None:
    """Load and check a registry folder; raises RegistryError naming file, record and field."""
    from banwatch.registry.sources import SourceStore

    settings = _settings()
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


def registry_coverage(out: IO[str]) -> None:
    """Write the bundled registry's coverage report (what README's coverage section shows)."""
    from banwatch.reports.coverage import write_coverage

    write_coverage(load_registry(_settings().registry_dir), out)


def list_runs(limit: int, fmt: str, out: IO[str]) -> None:
    """Write the saved runs, newest first."""
    from banwatch.reports.runs import write_runs

    with RunStore(_settings().database_url) as store:
        write_runs(store.list_runs(limit), fmt, out)


def diff_two_runs(run_a: str, run_b: str, fmt: str, out: IO[str]) -> None:
    """Write the records whose verdict or measure status changed between two runs."""
    from banwatch.reports.runs import write_changes

    with RunStore(_settings().database_url) as store:
        a = store.get_run(run_a)
        b = store.get_run(run_b)
        changes = diff_runs(store.findings(a.id), store.findings(b.id))
    write_changes(a, b, changes, fmt, out)


def import_source(
    kind: str,
    path: Path,
    name: str | None,
    jurisdiction: str | None,
    source_url: str | None,
    out: IO[str],
) -> None:
    """Import a list as a new version of source `name`; warn for each record skipped.

    Nothing is saved unless the registry merged with the new version loads:
    an id clash with the registry or another source is a RegistryError.
    """
    from banwatch.importers import ImportOptions, default_name, read_source
    from banwatch.model.registry import SourceData
    from banwatch.registry.sources import SourceStore, file_checksum, info_for

    _check_files([path])
    name = name or default_name(kind, path)
    options = _import_options(name, jurisdiction, source_url)
    settings = _settings()
    store = SourceStore(settings.home)
    checksum = file_checksum(path)
    same = store.unchanged(name, kind, checksum, options)
    if same:
        out.write(f"{name}: unchanged (version {same.label}): this input was already imported\n")
        return
    imported = read_source(
        kind, path, ImportOptions(name, options["jurisdiction"], options["source_url"])
    )
    for problem in imported.problems:
        _warn(str(problem))
    if not imported.entities:
        raise InputError("no record could be imported; nothing saved", file=str(path))
    others = [s for s in store.load() if s.name != name]
    new = SourceData(name, "new", tuple(imported.entities), tuple(imported.measures))
    load_registry(settings.registry_dir, sources=[*others, new])
    info = info_for(name, kind, checksum, str(path.resolve()), len(imported.problems), options)
    saved, _ = store.save(info, imported.entities, imported.measures)
    out.write(
        f"imported {name} ({kind}) as version {saved.label}: {saved.entities} entities, "
        f"{saved.measures} measures, {saved.targets} targets, {saved.problems} problems\n"
    )
    for note in imported.notes:
        out.write(f"  note: {note}\n")


def _import_options(
    name: str, jurisdiction: str | None, source_url: str | None
) -> dict[str, str | None]:
    from banwatch.importers.base import http_url
    from banwatch.jurisdictions import check_jurisdiction
    from banwatch.model.entities import SLUG

    if not re.fullmatch(SLUG, name):
        raise UsageError(
            f"source name {name!r} is not a slug: use lower-case letters and digits joined "
            "by hyphens, e.g. us-csl",
            field="--name",
        )
    if jurisdiction:
        try:
            jurisdiction = check_jurisdiction(jurisdiction)
        except ValueError as e:
            raise UsageError(str(e), field="--jurisdiction") from None
    if source_url and http_url(source_url) is None:
        raise UsageError(f"expected an http(s) URL, got {source_url!r}", field="--source-url")
    return {"jurisdiction": jurisdiction or None, "source_url": source_url or None}


def remove_source(name: str, out: IO[str]) -> None:
    """Remove an imported source: its entities and measures are screened against no more."""
    from banwatch.registry.sources import SourceStore

    removed = SourceStore(_settings().home).remove(name)
    if removed is None:
        raise NotFoundError(f"no imported source is named {name!r} (see banwatch sources)")
    out.write(
        f"removed {removed.name} (version {removed.label}): its {removed.entities} entities "
        f"and {removed.measures} measures are no longer screened against\n"
    )


def list_sources(fmt: str, out: IO[str]) -> None:
    """Write the imported sources: version, counts, checksum, when and from what file."""
    from banwatch.registry.sources import SourceStore
    from banwatch.reports.sources import write_sources

    write_sources(SourceStore(_settings().home).sources(), fmt, out)
