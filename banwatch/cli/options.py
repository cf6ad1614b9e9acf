"""Options shared by several commands, and their checks (click callbacks)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import click

from banwatch.model.vocabulary import ACTS, LEVELS, SECTORS

F = TypeVar("F", bound=Callable[..., Any])


def _today() -> date:
    return date.today()


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    if value is None:
        return _today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _jurisdictions(
    _ctx: click.Context, _param: click.Parameter, values: Sequence[str]
) -> tuple[str, ...]:
    from banwatch.jurisdictions import check_jurisdiction

    out = []
    for v in values:
        try:
            out.append(check_jurisdiction(v))
        except ValueError as e:
            raise click.BadParameter(str(e)) from None
    return tuple(out)


AS_OF = click.option(
    "--as-of",
    "as_of",
    callback=_as_of,
    metavar="DATE",
    help="Screen as the law stood on this date (YYYY-MM-DD). Defaults to today.",
)
JURISDICTION = click.option(
    "--jurisdiction",
    "jurisdictions",
    multiple=True,
    callback=_jurisdictions,
    metavar="CC",
    help="ISO 3166 code of a jurisdiction you are in (CA, US, CA-QC, EU); repeat for several. "
    "Without it, every jurisdiction is asked.",
)

SECTOR = click.option(
    "--sector",
    type=click.Choice(SECTORS),
    help="Who you are. Without it the worst case is assumed: "
    "a measure binding any sector binds you.",
)
ACT = click.option(
    "--act",
    "acts",
    multiple=True,
    type=click.Choice(ACTS),
    help="What you do with the items (buy, use, sell, export-to, ...); repeat for several. "
    "Without it: buying, using and installing (and operating, for telecom or no sector). "
    "A measure restricting only other acts gives review, not prohibited.",
)
LEVEL = click.option(
    "--level",
    type=click.Choice(LEVELS),
    help="With --sector government: national, regional or local. A measure binds the "
    "levels it names; without it every level is assumed (the worst case).",
)

COLUMN = click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="ROLE=HEADER",
    help="Read the column HEADER as ROLE, whatever its header suggests; repeat for several. "
    "Roles: name, model, mac, domain, fcc_id, country, kind, date, text, or ignore (pass it "
    "through unread). Once a role is given to a column, columns only guessed to hold that "
    "role are passed through.",
)


def a_date(flag: str, dest: str, help_text: str) -> Callable[[F], F]:
    """A required date option `--flag` (YYYY-MM-DD), passed as the parameter `dest`."""
    return click.option(
        f"--{flag}",
        dest,
        required=True,
        callback=_as_of,
        metavar="DATE",
        help=help_text,
    )


def report_format(*choices: str) -> Callable[[F], F]:
    """The `--format` option of a report command: a table by default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help=f"Output format: {', '.join(choices)}.",
    )
