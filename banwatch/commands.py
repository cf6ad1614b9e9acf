"""What each CLI command does, as library functions that take plain values.

The CLI parses options and calls exactly one function here; each builds its
settings from the environment, loads the registry, and writes to the stream
it is given.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import IO, cast

from banwatch.errors import InputError
from banwatch.matching.matcher import compile_matcher
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.model.vocabulary import Act, Sector
from banwatch.pipeline import run_screening
from banwatch.progress import progress_bar
from banwatch.readers.counting import count_records
from banwatch.registry.loader import load_registry
from banwatch.settings import Settings, settings_from
from banwatch.store import RunStore, diff_runs
from banwatch.writers import open_writer


def _settings() -> Settings:
    return settings_from(os.environ)


def _registry(settings: Settings) -> Registry:
    return load_registry(settings.registry_dir)


# Below this many records, starting worker processes costs more than it saves.
PARALLEL_FROM = 20_000


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


def screen_files(
    paths: list[Path],
    as_of: date,
    jurisdictions: tuple[str, ...],
    sector: str | None,
    acts: tuple[str, ...],
    fmt: str,
    out: IO[str],
    *,
    save: bool = True,
    color: bool = False,
    strict: bool = False,
    jobs: int | None = None,
    show_progress: bool = False,
) -> dict[str, int]:
    """Screen files for a profile, write findings to `out`; return counts per verdict.

    `jobs` None picks every core for inputs large enough to repay starting them.
    """
    _check_files(paths)
    expected = count_records(paths) if show_progress or jobs is None else 0
    if jobs is None:
        jobs = (os.cpu_count() or 1) if expected >= PARALLEL_FROM else 1
    settings = _settings()
    registry = _registry(settings)
    matcher = compile_matcher(registry)
    profile = Profile(
        as_of=as_of,
        jurisdictions=jurisdictions,
        sector=cast(Sector | None, sector),
        acts=cast(tuple[Act, ...], acts),
    )
    writer = open_writer(fmt, out, color=color)
    store = RunStore(settings.database_url) if save else None
    try:
        warn = _stop if strict else _warn
        with progress_bar(expected, show_progress) as progress:
            outcome = run_screening(
                paths, profile, registry, matcher, writer, store, warn, jobs=jobs, progress=progress
            )
    finally:
        if store:
            store.close()
    return dict(outcome.verdicts)


def list_measures(
    jurisdictions: tuple[str, ...], target: str | None, as_of: date, fmt: str, out: IO[str]
) -> None:
    """Write the measures in the asked jurisdictions with their status on `as_of`."""
    from banwatch.reports.measures import measure_rows, write_measures

    registry = _registry(_settings())
    rows = measure_rows(registry, Profile(as_of=as_of, jurisdictions=jurisdictions), target)
    write_measures(rows, fmt, out, as_of)


def show_entity(name_or_id: str, as_of: date, fmt: str, out: IO[str]) -> None:
    """Write who an entity is: names, identifiers, family, and the measures reaching it."""
    from banwatch.reports.entity import describe_entity, write_entity

    registry = _registry(_settings())
    matcher = compile_matcher(registry)
    write_entity(describe_entity(registry, matcher, name_or_id, as_of), fmt, out)


def validate_registry(path: Path | None, out: IO[str]) -> None:
    """Load and check a registry folder; raises RegistryError naming file, record and field."""
    registry = load_registry(path or _settings().registry_dir)
    events = sum(len(m.events) for m in registry.measures.values())
    out.write(
        f"registry {registry.version}: {len(registry.entities)} entities, "
        f"{len(registry.measures)} measures, {events} events, "
        f"{len(registry.mac_blocks)} MAC blocks, "
        f"{len(registry.model_patterns)} model patterns: valid\n"
    )


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
