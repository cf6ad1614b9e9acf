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
from typing import IO, cast

from banwatch.errors import InputError, NotFoundError, UsageError
from banwatch.matching.matcher import DEFAULT_CONFIG, Matcher, compile_matcher
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.model.vocabulary import Act, Level, Sector
from banwatch.pipeline import run_screening
from banwatch.progress import progress_bar
from banwatch.readers import ColumnChoices, open_inputs
from banwatch.readers.counting import count_records
from banwatch.registry.loader import load_registry, registry_version
from banwatch.settings import Settings, settings_from
from banwatch.store import RunStore, diff_runs
from banwatch.writers import FILE_FORMATS, Writer, open_file_writer, open_writer
from banwatch.writers.destination import STDOUT, Destination, guarded, translated
from banwatch.writers.entities import EntityTally, Tallied


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


def _profile(
    as_of: date,
    jurisdictions: tuple[str, ...],
    sector: str | None,
    acts: tuple[str, ...],
    level: str | None,
) -> Profile:
    """The profile the options describe; a level needs the government sector (or none)."""
    if level is not None and sector not in (None, "government"):
        raise UsageError(f"--level {level} is a level of government; it needs --sector government")
    return Profile(
        as_of=as_of,
        jurisdictions=jurisdictions,
        sector=cast(Sector | None, sector),
        acts=cast(tuple[Act, ...], acts),
        level=cast(Level | None, level),
    )


def screen_files(
    paths: list[Path],
    as_of: date,
    jurisdictions: tuple[str, ...],
    sector: str | None,
    acts: tuple[str, ...],
    fmt: str,
    output: Path | None,
    *,
    save: bool = True,
    color: bool = False,
    strict: bool = False,
    jobs: int | None = None,
    show_progress: bool = False,
    engine: str = "local",
    spark_master: str = "local[*]",
    level: str | None = None,
    columns: tuple[str, ...] = (),
    all_measures: bool = False,
    summary: bool = False,
    explain: bool = False,
) -> dict[str, int]:
    """Screen files for a profile, write findings to `output` (None: standard output) in `fmt`;
    return counts per verdict.

    `jobs` None means one process: handing findings back from worker processes
    costs more than the work they share today (measured; see benchmarks/README.md).
    `engine` "spark" runs on the Spark cluster at `spark_master` instead; there
    Parquet output is a dataset Spark writes itself. `columns` are `--column
    ROLE=HEADER` options. Before screening, one line per file on standard error
    says which column is read as what. A file is written beside `output` and
    renamed into place only when the run succeeded (`writers.destination`);
    `strict` holds standard output back until then too. `summary` adds one
    line per matched entity: after the table, else on standard output when
    the findings go to a file, else on standard error. `explain` gives a record
    that matched nothing its nearest listed name.
    """
    dataset = _spark_dataset(engine, fmt, output, summary)
    _check_not_an_input(output, paths)
    profile = _profile(as_of, jurisdictions, sector, acts, level)
    destination = None if dataset else Destination(output, hold=strict)
    tally = EntityTally() if summary else None
    try:
        writer = None
        if destination is not None:
            writer = _output_writer(fmt, destination, color, all_measures, tally)
        run = (paths, profile, writer, strict, jobs, show_progress, columns)
        verdicts = _screen(
            *run, save=save, engine=engine, master=spark_master, dataset=dataset, explain=explain
        )
        if destination is not None:
            destination.publish()
    except BaseException:
        if destination is not None:
            destination.discard()
        raise
    if tally is not None and fmt != "table":
        out = sys.stdout if output is not None else sys.stderr
        with translated(STDOUT if out is sys.stdout else "standard error"):
            out.write("".join(f"{line}\n" for line in tally.lines()))
            out.flush()
    return verdicts


def _spark_dataset(engine: str, fmt: str, output: Path | None, summary: bool) -> Path | None:
    """The Parquet dataset Spark writes itself, checked before any work; else None."""
    if engine != "spark":
        return None
    from banwatch.bulk.spark import require_spark

    require_spark()
    if fmt != "parquet" or output is None:
        return None
    from banwatch.bulk.spark.output import check_destination

    check_destination(output)  # before any file is opened
    if summary:
        raise UsageError("--summary needs the findings here: not with a Parquet dataset on Spark")
    return output


def _check_not_an_input(output: Path | None, paths: list[Path]) -> None:
    if output is None or not output.is_file():
        return
    for p in paths:
        if p.is_file() and output.samefile(p):
            raise UsageError(f"--output {output} is also an input: it would be replaced")


def _output_writer(
    fmt: str, destination: Destination, color: bool, all_measures: bool, tally: EntityTally | None
) -> Writer:
    """The writer of `fmt` to `destination`, its errors naming it, counting into `tally`."""
    if fmt in FILE_FORMATS:
        assert destination.staged is not None  # a binary format always has a file
        with translated(destination.name):
            writer = open_file_writer(fmt, destination.staged)
    else:
        out = destination.text()
        writer = open_writer(fmt, out, color=color, all_measures=all_measures, entities=tally)
    if tally is not None:
        writer = Tallied(writer, tally)
    return guarded(writer, destination.name)


def _screen(
    paths: list[Path],
    profile: Profile,
    writer: Writer | None,
    strict: bool,
    jobs: int | None,
    show_progress: bool,
    columns: tuple[str, ...],
    *,
    save: bool,
    engine: str,
    master: str,
    dataset: Path | None,
    explain: bool = False,
) -> dict[str, int]:
    """Read, screen and write: the run itself, on this machine or on Spark."""
    inputs = open_inputs(paths, ColumnChoices.parse(columns))
    for label, read in inputs.layout():
        sys.stderr.write(f"banwatch: columns of {label}: {read.describe()}\n")
    local = engine != "spark"
    expected = count_records(paths) if local and show_progress else 0
    settings = _settings()
    matcher = _compiled(settings)
    registry = matcher.registry
    store = RunStore(settings.database_url) if save else None
    try:
        warn = _stop if strict else _warn
        if not local:
            from banwatch.bulk.spark.engine import screen_on_spark

            run = (inputs, profile, registry, matcher, writer, store, warn)
            done = screen_on_spark(*run, master=master, parquet=dataset, explain=explain)
            return dict(done.verdicts)
        assert writer is not None  # only Spark writes a dataset itself
        with progress_bar(expected, show_progress) as progress:
            outcome = run_screening(
                inputs,
                profile,
                registry,
                matcher,
                writer,
                store,
                warn,
                jobs=jobs or 1,
                progress=progress,
                explain=explain,
            )
    finally:
        if store:
            store.close()
    return dict(outcome.verdicts)


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

    profile = _profile(as_of, jurisdictions, sector, acts, level)
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
