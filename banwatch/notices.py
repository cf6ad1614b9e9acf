"""What a command tells its user on standard error as it works: warnings, and `--strict`."""

from __future__ import annotations

import sys

from banwatch.errors import InputError


def warn(message: str) -> None:
    """One warning line on standard error; the work goes on."""
    sys.stderr.write(f"banwatch: warning: {message}\n")


def stop(message: str) -> None:
    """With `--strict`, what would have been a warning stops the command (exit 2)."""
    raise InputError(f"{message} (stopped: --strict)")
