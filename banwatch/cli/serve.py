"""`banwatch serve`: the REST API (yente-compatible `/match`) on uvicorn."""

from __future__ import annotations

import click

from .group import cli, settings


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
def serve(host: str, port: int, workers: int) -> None:
    """Serve the REST API: screening, measures, entities, runs, and yente's /match.

    /healthz answers at once; /readyz answers 503 until the index is loaded.
    OpenAPI at /openapi.json, interactive docs at /docs.
    """
    import uvicorn

    if workers == 1:
        from banwatch.server import create_app

        uvicorn.run(create_app(settings()), host=host, port=port)
        return
    # Several processes need the app by import path; each builds its own from the environment.
    uvicorn.run(
        "banwatch.server.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
    )
