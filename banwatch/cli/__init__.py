"""The `banwatch` command: thin wrappers that parse options and call one library function.

Exit status: 0 when the command completed; 1 when `--fail-on` was given and
met; 2 for bad usage, unreadable input, an invalid registry or output that
cannot be written (a bad path, a full disk); 141, quietly, when the reader of
the output went away (`| head -1`), as for any command stopped by SIGPIPE; 3
only for an internal error. No traceback reaches the user unless `--debug`
is given.
"""

from __future__ import annotations

from . import alerts, audit, evidence, keys, monitoring, releases, reports, screen, serve, watch  # noqa: F401  (registers the commands on the group)
from .group import _run, cli, main

__all__ = ["_run", "cli", "main"]
