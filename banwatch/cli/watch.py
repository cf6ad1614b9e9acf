"""`banwatch watch`: inventories screened again on every check, with what changed since."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from banwatch.model.vocabulary import VERDICT_RANK

from .group import cli, settings
from .options import ACT, AS_OF, COLUMN, JURISDICTION, LEVEL, SECTOR, report_format


@cli.group()
def watch() -> None:
    """Watch inventories: each check screens them again and says what changed since the last."""


@watch.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--name", required=True, metavar="NAME", help="The watch's name (a slug).")
@JURISDICTION
@SECTOR
@ACT
@LEVEL
@COLUMN
@click.option(
    "--webhook",
    metavar="URL",
    help="POST each check's changes here as JSON, signed in the header X-Banwatch-Signature "
    "(sha256=HMAC of the body keyed by BANWATCH_WEBHOOK_SECRET).",
)
def watch_add(
    files: tuple[Path, ...],
    name: str,
    jurisdictions: tuple[str, ...],
    sector: str | None,
    acts: tuple[str, ...],
    level: str | None,
    columns: tuple[str, ...],
    webhook: str | None,
) -> None:
    """Watch FILE... under NAME, for the profile given."""
    from banwatch.monitoring.watch_commands import add_watch
    from banwatch.requests import profile_from_options, watch_spec

    profile = profile_from_options(date.today(), jurisdictions, sector, acts, level)
    add_watch(watch_spec(name, files, profile, columns, webhook), settings(), sys.stdout)


@watch.command("list")
@report_format("table", "jsonl")
def watch_list(fmt: str) -> None:
    """List the watches: files, profile, webhook and last check."""
    from banwatch.monitoring.watch_commands import list_watches

    list_watches(fmt, settings(), sys.stdout)


@watch.command("remove")
@click.argument("name")
def watch_remove(name: str) -> None:
    """Stop watching NAME (its saved runs stay)."""
    from banwatch.monitoring.watch_commands import remove_watch

    remove_watch(name, settings(), sys.stdout)


@watch.command("check")
@AS_OF
@report_format("table", "jsonl")
@click.option(
    "--fail-on",
    type=click.Choice(("prohibited", "review")),
    help="Exit with status 1 when any watched record gets this verdict or a stronger one.",
)
def watch_check(as_of: date, fmt: str, fail_on: str | None) -> None:
    """Screen every watched inventory again and report what changed since its last check (new
    matches, verdict and status changes, new events) and the steps ahead; deliver webhooks."""
    from banwatch.monitoring.watch_commands import check_watches

    verdicts = check_watches(as_of, fmt, settings(), sys.stdout)
    if fail_on and any(VERDICT_RANK[v] >= VERDICT_RANK[fail_on] for v in verdicts):
        raise SystemExit(1)
