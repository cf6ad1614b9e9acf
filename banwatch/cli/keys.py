"""`banwatch keys`: the keys banwatch signs with (and, with the server, the API keys)."""

from __future__ import annotations

import sys

from .group import cli, settings


@cli.group()
def keys() -> None:
    """Keys banwatch signs with."""


@keys.command("signing-public")
def keys_signing_public() -> None:
    """Print the public half of the local signing key (made on first use) as 64 hex digits."""
    from banwatch.evidence.commands import signing_public

    signing_public(settings(), sys.stdout)
