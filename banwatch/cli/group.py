"""The `banwatch` command group, and turning what fails into one line and an exit status."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from banwatch import __version__
from banwatch.errors import BanwatchError, OutputClosedError, OutputError
from banwatch.settings import Settings, settings_from

PIPE_CLOSED = 128 + 13  # as for a command stopped by SIGPIPE: `... | head -1` is no error


class _State:
    debug = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="banwatch")
@click.option("--debug", is_flag=True, help="Show a full traceback when something fails.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Screen suppliers, purchases and devices against government restrictions on
    technology vendors, as the law stands on any date."""
    _State.debug = debug
    ctx.obj = settings_from(os.environ)


def settings() -> Settings:
    """The settings the command group built from the environment, once per invocation."""
    found = click.get_current_context().find_root().obj
    if not isinstance(found, Settings):
        raise RuntimeError("a banwatch command ran outside the banwatch command group")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; translate errors into one line on standard error and an exit status."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="banwatch",
            standalone_mode=False,
        )
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.UsageError as e:
        where = f"banwatch {e.ctx.command_path.removeprefix('banwatch ')}" if e.ctx else "banwatch"
        click.echo(f"{where}: error: {e.format_message()} (see --help)", err=True)
        return 2
    except click.Abort:
        click.echo("banwatch: aborted", err=True)
        return 130
    except OutputClosedError:
        _drop_stdout()
        return PIPE_CLOSED
    except OutputError as e:
        _drop_stdout()
        if _State.debug:
            raise
        click.echo(f"banwatch: error: {e}", err=True)
        return 2
    except BanwatchError as e:
        if _State.debug:
            raise
        click.echo(f"banwatch: error: {e}", err=True)
        return 2
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 0
    except BrokenPipeError:
        return 0
    except Exception as e:  # the last line of defence: no traceback for users
        if _State.debug:
            raise
        click.echo(
            f"banwatch: internal error: {type(e).__name__}: {e} (run with --debug)", err=True
        )
        return 3
    return 0


def _drop_stdout() -> None:
    """After standard output failed, send what it still buffers nowhere, so that exiting
    (which flushes it) does not fail a second time and print a traceback."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _run() -> Any:
    sys.exit(main())
