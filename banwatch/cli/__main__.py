"""`python -m banwatch.cli`."""

from banwatch.cli import _run

_run()
