"""The commands that report and keep data: measures, entity, registry, import, sources, runs,
diff."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .group import cli, settings
from .options import ACT, AS_OF, JURISDICTION, LEVEL, SECTOR, report_format


@cli.command()
@JURISDICTION
@click.option(
    "--target", metavar="ENTITY", help="Only measures that target this entity (name or id)."
)
@AS_OF
@SECTOR
@LEVEL
@ACT
@report_format("table", "json", "jsonl")
def measures(
    jurisdictions: tuple[str, ...],
    target: str | None,
    as_of: date,
    sector: str | None,
    level: str | None,
    acts: tuple[str, ...],
    fmt: str,
) -> None:
    """List measures with their status on a date, and whether each binds you (the profile)."""
    from banwatch.commands import list_measures
    from banwatch.requests import MeasuresRequest, profile_from_options

    profile = profile_from_options(as_of, jurisdictions, sector, acts, level)
    list_measures(MeasuresRequest(profile, target, fmt), settings(), sys.stdout)


@cli.command()
@click.argument("name_or_id")
@AS_OF
@report_format("table", "json")
def entity(name_or_id: str, as_of: date, fmt: str) -> None:
    """Show who NAME_OR_ID is: names, identifiers, family, measures and their timelines."""
    from banwatch.commands import show_entity
    from banwatch.requests import EntityRequest

    show_entity(EntityRequest(name_or_id, as_of, fmt), settings(), sys.stdout)


@cli.group()
def registry() -> None:
    """Work with the registry of entities and measures."""


@registry.command("validate")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def registry_validate(path: Path | None) -> None:
    """Load and check the registry (the bundled one, or the folder PATH)."""
    from banwatch.commands import validate_registry

    validate_registry(path, settings(), sys.stdout)


@registry.command("coverage")
def registry_coverage() -> None:
    """Print what the registry covers, as Markdown: per family (entities, names, domains, MAC
    registrants and blocks, FCC grantee codes, model patterns, measures), per kind of
    identifier, and the measures by jurisdiction."""
    from banwatch.commands import registry_coverage as report

    report(settings(), sys.stdout)


@cli.command("import")
@click.argument("source", type=click.Choice(["ftm", "csl", "watchlist"]), metavar="SOURCE")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--name",
    metavar="NAME",
    help="Name of the source, used as the prefix of every id it gets (a slug such as us-csl). "
    "Importing again under the same name makes a new version. Defaults to us-csl for csl, "
    "else the file's name.",
)
@click.option(
    "--jurisdiction",
    metavar="CC",
    help="ISO 3166 code of where the imported measures apply. Required for a watchlist; "
    "for ftm, used when a Sanction gives no country.",
)
@click.option(
    "--source-url",
    metavar="URL",
    help="An http(s) page that shows the imported facts (the list's own page, or an "
    "intranet page for a watchlist), cited by every record that gives no source of its own.",
)
def import_(
    source: str, file: Path, name: str | None, jurisdiction: str | None, source_url: str | None
) -> None:
    """Import FILE as SOURCE (ftm, csl or watchlist) into the registry.

    Its entities and measures are screened against from then on. Records that
    cannot be used are reported on standard error and skipped.
    """
    from banwatch.commands import import_source
    from banwatch.requests import import_request

    request = import_request(source, file, name, jurisdiction, source_url)
    import_source(request, settings(), sys.stdout)


@cli.group(invoke_without_command=True)
@report_format("table", "jsonl")
@click.pass_context
def sources(ctx: click.Context, fmt: str) -> None:
    """List the imported sources with version, row counts, checksum and import time.

    `banwatch sources remove NAME` removes one.
    """
    if ctx.invoked_subcommand is None:
        from banwatch.commands import list_sources

        list_sources(fmt, settings(), sys.stdout)


@sources.command("remove")
@click.argument("name")
def sources_remove(name: str) -> None:
    """Remove the imported source NAME: its entities and measures are screened against no more."""
    from banwatch.commands import remove_source

    remove_source(name, settings(), sys.stdout)


@cli.command()
@click.option("--limit", default=20, show_default=True, help="How many runs to list, newest first.")
@report_format("table", "jsonl")
def runs(limit: int, fmt: str) -> None:
    """List saved screening runs."""
    from banwatch.commands import list_runs
    from banwatch.requests import RunsRequest

    list_runs(RunsRequest(limit, fmt), settings(), sys.stdout)


@cli.command()
@click.argument("run_a")
@click.argument("run_b")
@report_format("table", "jsonl")
def diff(run_a: str, run_b: str, fmt: str) -> None:
    """Show the records whose verdict or measure status changed from RUN_A to RUN_B, and why."""
    from banwatch.commands import diff_two_runs
    from banwatch.requests import DiffRequest

    diff_two_runs(DiffRequest(run_a, run_b, fmt), settings(), sys.stdout)
