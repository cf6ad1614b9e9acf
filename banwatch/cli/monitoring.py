"""The monitoring commands: impact (what changed between two dates), upcoming (what is coming)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .group import cli, settings
from .options import ACT, AS_OF, COLUMN, JURISDICTION, LEVEL, SECTOR, a_date, report_format


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@a_date("from", "start", "The earlier date (YYYY-MM-DD).")
@a_date("to", "end", "The later date (YYYY-MM-DD).")
@JURISDICTION
@SECTOR
@ACT
@LEVEL
@COLUMN
@report_format("table", "jsonl", "csv")
def impact(
    files: tuple[Path, ...],
    start: date,
    end: date,
    jurisdictions: tuple[str, ...],
    sector: str | None,
    acts: tuple[str, ...],
    level: str | None,
    columns: tuple[str, ...],
    fmt: str,
) -> None:
    """Show the records of FILE... whose verdict, or any measure's status for them, differs
    between --from and --to, with the events in between that explain it. Records with no change
    are counted, not listed."""
    from banwatch.monitoring.commands import impact as run
    from banwatch.readers import ColumnChoices
    from banwatch.requests import impact_request, profile_from_options

    profile = profile_from_options(end, jurisdictions, sector, acts, level)
    chosen = ColumnChoices.parse(columns)
    run(impact_request(files, profile, start, fmt, chosen), settings(), sys.stdout)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=90,
    show_default=True,
    help="How far ahead to look, in days from --as-of.",
)
@AS_OF
@JURISDICTION
@SECTOR
@ACT
@LEVEL
@COLUMN
@report_format("table", "jsonl", "csv")
def upcoming(
    files: tuple[Path, ...],
    days: int,
    as_of: date,
    jurisdictions: tuple[str, ...],
    sector: str | None,
    acts: tuple[str, ...],
    level: str | None,
    columns: tuple[str, ...],
    fmt: str,
) -> None:
    """List the deadlines and scheduled steps (effective dates, listings, removal dates) of the
    measures in your jurisdictions within --days, soonest first; with FILE..., only of the
    measures that reach their records, with how many records each reaches."""
    from banwatch.monitoring.commands import upcoming_steps
    from banwatch.readers import ColumnChoices
    from banwatch.requests import UpcomingRequest, profile_from_options

    profile = profile_from_options(as_of, jurisdictions, sector, acts, level)
    request = UpcomingRequest(profile, days, fmt, files, ColumnChoices.parse(columns))
    upcoming_steps(request, settings(), sys.stdout)
