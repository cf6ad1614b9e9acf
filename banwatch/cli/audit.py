"""`banwatch audit`: the audit log, and `banwatch audit verify`, which checks its chain."""

from __future__ import annotations

import sys

import click

from .group import cli, settings


@cli.group(invoke_without_command=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.pass_context
def audit(ctx: click.Context, fmt: str) -> None:
    """Write the audit log, oldest first: screenings, decisions and key changes."""
    if ctx.invoked_subcommand is not None:
        return
    from banwatch.reports.audit import write_entries
    from banwatch.store.audit import AuditLog

    with AuditLog(settings().database_url) as log:
        write_entries(log.entries(), fmt, sys.stdout)


@audit.command("verify")
def audit_verify() -> None:
    """Check that no entry was changed, removed or reordered: exit 0 if intact, 1 if not."""
    from banwatch.reports.audit import verdict
    from banwatch.store.audit import AuditLog

    with AuditLog(settings().database_url) as log:
        found = log.verify()
    click.echo(verdict(found))
    if found.broken_at is not None:
        sys.exit(1)
