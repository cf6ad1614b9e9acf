"""`banwatch registry publish|pull|status|rollback|signing-public`: signed registry releases."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .group import settings
from .reports import registry


@registry.command("publish")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--key",
    "key_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Sign with the Ed25519 private key in this PEM file instead of the local signing "
    "key (kept in BANWATCH_HOME/keys, made on first use).",
)
def registry_publish(out_dir: Path, key_file: Path | None) -> None:
    """Publish the registry in use as a signed release in OUT_DIR, with its delta from the
    previous release there and an updated index.json."""
    from banwatch.releases.commands import publish_release

    publish_release(settings(), out_dir, key_file, sys.stdout)


@registry.command("pull")
@click.argument("url", required=False)
@click.option(
    "--trust",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    multiple=True,
    help="Also trust the Ed25519 public keys (hex, one a line) in this file. Repeatable.",
)
def registry_pull(url: str | None, trust: tuple[Path, ...]) -> None:
    """Download the newest release listed at URL (default: BANWATCH_REGISTRY_URL), check its
    signature and every digest, and switch to it; a release that fails a check changes
    nothing."""
    from banwatch.releases.commands import pull_release

    pull_release(settings(), url, trust, sys.stdout)


@registry.command("status")
def registry_status() -> None:
    """Say which release is in use, since when, and whether a newer one is known."""
    from banwatch.releases.commands import release_status

    release_status(settings(), sys.stdout)


@registry.command("rollback")
def registry_rollback() -> None:
    """Return to the release in use before the current one."""
    from banwatch.releases.commands import rollback_release

    rollback_release(settings(), sys.stdout)


@registry.command("signing-public")
def registry_signing_public() -> None:
    """Print the public half of the local signing key (made on first use) as 64 hex digits:
    what a team pulling your releases passes to --trust or BANWATCH_TRUSTED_KEYS."""
    from banwatch.evidence.commands import signing_public

    signing_public(settings(), sys.stdout)
