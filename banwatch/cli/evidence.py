"""`banwatch evidence`: make an evidence pack of a saved run, or verify one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .group import cli, settings


class _RunIdOrCommand(click.Group):
    """A group whose first argument, when it names no subcommand, is a run id for `make`."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "make", self.commands["make"], args
        return super().resolve_command(ctx, args)


@cli.group(cls=_RunIdOrCommand)
def evidence() -> None:
    """Make an evidence pack of a saved run (`banwatch evidence RUN_ID --output pack.zip`), or
    check one (`banwatch evidence verify pack.zip`).

    A pack holds the run (inputs' digest, profile, date, registry and matcher versions), its
    findings as saved, every source they cite, and the registry files it was judged on when
    they are still in use, with a manifest of SHA-256 digests signed by the local Ed25519 key
    (`banwatch keys signing-public` prints its public half)."""


@evidence.command("make")
@click.argument("run_id")
@click.option(
    "--output", required=True, type=click.Path(path_type=Path), help="The pack to write (a zip)."
)
def evidence_make(run_id: str, output: Path) -> None:
    """Write the evidence pack of RUN_ID (a saved run's id or unique prefix)."""
    from banwatch.evidence.commands import make_pack

    make_pack(run_id, output, settings(), sys.stdout)


@evidence.command("verify")
@click.argument("pack", type=click.Path(path_type=Path))
@click.option(
    "--trust",
    multiple=True,
    metavar="HEX",
    help="A public key (64 hex digits, as `banwatch keys signing-public` prints) that must have "
    "signed the pack; repeat for several. Without it, the pack's own key is used: that proves "
    "no byte changed, not who made it.",
)
def evidence_verify(pack: Path, trust: tuple[str, ...]) -> None:
    """Check every byte of PACK against its signed manifest: exit 0 if intact, 1 naming the
    file that is not."""
    from banwatch.evidence.commands import verify_pack

    checked = verify_pack(pack, list(trust), sys.stdout)
    if not checked.intact:
        click.echo(f"banwatch: {pack}: {checked.where}: {checked.why}", err=True)
        raise SystemExit(1)
