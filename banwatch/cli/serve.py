"""`banwatch serve`: the REST API (yente-compatible `/match`) on uvicorn."""

from __future__ import annotations

import os
from dataclasses import replace

import click

from banwatch.settings import PULL_EVERY_VAR, WATCH_EVERY_VAR

from .group import cli, settings


def _period(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check a period (`30m`, `1h`, `6h`, `1d`) when the option is read."""
    from banwatch.durations import parse_duration
    from banwatch.errors import UsageError

    if value is None:
        return None
    try:
        parse_duration(value)
    except UsageError as e:
        raise click.BadParameter(str(e), param=param) from None
    return value


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. The default answers only this machine; give 0.0.0.0 to "
    "answer every network this machine is on.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes; each loads its own copy of the index.",
)
@click.option(
    "--watch-every",
    metavar="PERIOD",
    callback=_period,
    help="Check every watched inventory on this period (30m, 1h, 6h, 1d), as `banwatch watch "
    "check` does, and send their webhooks. Default: BANWATCH_WATCH_EVERY, else never.",
)
@click.option(
    "--pull-every",
    metavar="PERIOD",
    callback=_period,
    help="Pull the newest registry release from BANWATCH_REGISTRY_URL on this period, as "
    "`banwatch registry pull` does; after a switch, load it and check the watched "
    "inventories again. Default: BANWATCH_PULL_EVERY, else never.",
)
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Write each request's line (client, method, path, status) to standard output; "
    "without it a small request costs a few percent less CPU.",
)
def serve(
    host: str,
    port: int,
    workers: int,
    watch_every: str | None,
    pull_every: str | None,
    access_log: bool,
) -> None:
    """Serve the REST API: screening, measures, entities, runs, watches, and yente's /match.

    /healthz answers at once; /readyz answers 503 until the index is loaded.
    OpenAPI at /openapi.json, interactive docs at /docs. With several workers,
    one of them (the holder of a lock on BANWATCH_HOME/scheduler.lock) runs
    the scheduled checks and pulls.
    """
    import uvicorn

    from banwatch.access_log import log_config
    from banwatch.durations import parse_duration

    if workers == 1:
        from banwatch.server import create_app

        chosen = settings()
        if watch_every:
            chosen = replace(chosen, watch_every=parse_duration(watch_every))
        if pull_every:
            chosen = replace(chosen, pull_every=parse_duration(pull_every))
        uvicorn.run(
            create_app(chosen, freeze=True),
            host=host,
            port=port,
            access_log=access_log,
            log_config=log_config(),  # uvicorn's lines, written for less (`access_log`)
        )
        return
    # Several processes need the app by import path; each builds its own from the environment.
    for name, given in ((WATCH_EVERY_VAR, watch_every), (PULL_EVERY_VAR, pull_every)):
        if given:
            os.environ[name] = given
    uvicorn.run(
        "banwatch.server.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_config=log_config(),
    )
