"""`banwatch alerts` and `banwatch decide`: the alerts of saved runs, as the server shows them."""

from __future__ import annotations

import getpass
import sys
from typing import cast

import click

from .group import cli, settings


@cli.command()
@click.option(
    "--status",
    type=click.Choice(["open", "confirmed", "dismissed", "escalated"]),
    default=None,
    help="Only alerts with this status.",
)
@click.option("--run", "run_id", default=None, help="Only the alerts of this run (its id).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def alerts(status: str | None, run_id: str | None, fmt: str) -> None:
    """List alerts, oldest first: each entity matched by a non-clear finding of a saved run."""
    from banwatch.alerts.commands import list_alerts

    list_alerts(settings(), status, run_id, fmt, sys.stdout)


@cli.command()
@click.argument("alert_id", type=int)
@click.option(
    "--status",
    type=click.Choice(["confirmed", "dismissed", "escalated"]),
    required=True,
    help="The decision: confirmed (a real match), dismissed (a false positive) or escalated.",
)
@click.option("--reason", required=True, help="Why, in words an auditor will read.")
@click.option(
    "--version",
    type=click.IntRange(1),
    required=True,
    help="The alert's version you decided on (as `banwatch alerts` shows it, v2 is 2): "
    "if it was decided since, nothing is written and the command exits 2.",
)
def decide(alert_id: int, status: str, reason: str, version: int) -> None:
    """Decide alert ALERT_ID, recording who (your login name), when and why."""
    from banwatch.alerts.commands import decide_alert
    from banwatch.store.alerts import Decided

    by = f"cli {getpass.getuser()}"
    decide_alert(settings(), alert_id, cast(Decided, status), reason, version, by, sys.stdout)
