"""`banwatch keys`: the keys banwatch signs with, and the server's API keys."""

from __future__ import annotations

import getpass
import sys
from typing import cast

import click

from .group import cli, settings


@cli.group()
def keys() -> None:
    """Keys banwatch signs with, and the API keys of `banwatch serve`."""


@keys.command("signing-public")
def keys_signing_public() -> None:
    """Print the public half of the local signing key (made on first use) as 64 hex digits."""
    from banwatch.evidence.commands import signing_public

    signing_public(settings(), sys.stdout)


@keys.command("create")
@click.option(
    "--role",
    type=click.Choice(["viewer", "analyst", "admin"]),
    required=True,
    help="What the key may do: a viewer reads; an analyst also screens; an admin also "
    "manages keys.",
)
@click.option("--name", default=None, help="A name to tell the key by in `banwatch keys list`.")
def keys_create(role: str, name: str | None) -> None:
    """Make an API key for the server and print it, once: only its hash is kept."""
    from banwatch.key_commands import create_key
    from banwatch.store.api_keys import KeyRole

    by = f"cli {getpass.getuser()}"
    create_key(settings(), cast(KeyRole, role), name, by, sys.stdout, sys.stderr)


@keys.command("list")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def keys_list(fmt: str) -> None:
    """List the API keys: id, role, when made, whether revoked, name (never the keys)."""
    from banwatch.key_commands import list_keys

    list_keys(settings(), fmt, sys.stdout)


@keys.command("revoke")
@click.argument("key_id")
def keys_revoke(key_id: str) -> None:
    """Revoke the API key KEY_ID (as `banwatch keys list` shows it): refused from now on
    (by a running server within 5 seconds: it keeps a key in use that long)."""
    from banwatch.key_commands import revoke_key

    revoke_key(settings(), key_id, f"cli {getpass.getuser()}", sys.stdout)
