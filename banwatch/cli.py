"""The `banwatch` command: thin wrappers that parse options and call one library function.

Exit status: 0 when the command completed; 1 when `--fail-on` was given and
met; 2 for bad usage, unreadable input, an invalid registry or output that
cannot be written (a bad path, a full disk); 141, quietly, when the reader of
the output went away (`| head -1`), as for any command stopped by SIGPIPE; 3
only for an internal error. No traceback reaches the user unless `--debug`
is given.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from banwatch import __version__
from banwatch.errors import BanwatchError, OutputClosedError, OutputError
from banwatch.model.vocabulary import ACTS, LEVELS, SECTORS, VERDICT_RANK
from banwatch.writers.base import FORMATS

FAIL_ON = ("prohibited", "review")
PIPE_CLOSED = 128 + 13  # as for a command stopped by SIGPIPE: `... | head -1` is no error
F = TypeVar("F", bound=Callable[..., Any])


class _State:
    debug = False


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="banwatch")
@click.option("--debug", is_flag=True, help="Show a full traceback when something fails.")
def cli(debug: bool) -> None:
    """Screen suppliers, purchases and devices against government restrictions on
    technology vendors, as the law stands on any date."""
    _State.debug = debug


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@AS_OF
@JURISDICTION
@SECTOR
@ACT
@LEVEL
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format. Without it, the extension of --output says (.csv, .json, .jsonl, "
    ".ndjson, .xlsx, .parquet); without --output, a table on a terminal and JSON lines "
    "otherwise. xlsx and parquet are files: they need --output.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="Write findings to this file instead of standard output; it is written beside and "
    "renamed into place when the run succeeds, so a failed run leaves the earlier file whole. "
    "xlsx: a sheet of findings and one per verdict, each with a filter. parquet: the columns "
    "row, verdict and finding (the JSON of each finding); with --engine spark, a Parquet "
    "dataset (a directory, which may also be given as PATH).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="Where screening runs: on this machine (local), or in Apache Spark tasks (spark; "
    "install banwatch[spark]).",
)
@click.option(
    "--spark-master",
    metavar="URL",
    default="local[*]",
    show_default=True,
    help="With --engine spark, the Spark master to run on: local[N] for N cores here, "
    "or spark://HOST:7077 for a cluster.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit with status 1 when any record gets this verdict or a stronger one.",
)
@click.option("--no-save", is_flag=True, help="Do not save this run in the run store.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="How many processes screen at once (default 1). Findings keep input order.",
)
@click.option(
    "--quiet",
    is_flag=True,
    help="Show no progress bar (it is shown only on a terminal anyway).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first unreadable row or unusable cell (exit 2, nothing saved or "
    "written, standard output included) instead of reporting it and going on.",
)
@click.option(
    "--all-measures",
    is_flag=True,
    help="In the table, list every measure reaching a match, not only those that bind you or "
    "decide the verdict (the others are counted in one line).",
)
@click.option(
    "--summary",
    is_flag=True,
    help="Add one line per matched entity: its rows, their verdicts, the measures binding you. "
    "After the table; with another format, on standard output when --output takes the "
    "findings, else on standard error, so the findings stay machine-readable.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="ROLE=HEADER",
    help="Read the column HEADER as ROLE, whatever its header suggests; repeat for several. "
    "Roles: name, model, mac, domain, fcc_id, country, kind, date, text, or ignore (pass it "
    "through unread). Once a role is given to a column, columns only guessed to hold that "
    "role are passed through.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="For a record that matches nothing, say which listed name came nearest, how near "
    "(its score) and how near a match must be (the threshold): field nearest, and in the "
    "table and CSV.",
)
def screen(
    files: tuple[Path, ...],
    as_of: date,
    jurisdictions: tuple[str, ...],
    sector: str | None,
    acts: tuple[str, ...],
    level: str | None,
    fmt: str | None,
    output: Path | None,
    engine: str,
    spark_master: str,
    fail_on: str | None,
    no_save: bool,
    jobs: int | None,
    quiet: bool,
    strict: bool,
    columns: tuple[str, ...],
    all_measures: bool,
    summary: bool,
    explain: bool,
) -> None:
    """Screen the records of FILE... (CSV, XLSX, JSON lines, Parquet, nmap XML): a verdict per
    record."""
    from banwatch.commands import screen_files
    from banwatch.writers import output_format

    fmt = output_format(fmt, output, terminal=sys.stdout.isatty())
    verdicts = screen_files(
        list(files),
        as_of,
        jurisdictions,
        sector,
        acts,
        fmt,
        output,
        save=not no_save,
        strict=strict,
        jobs=jobs,
        show_progress=not quiet and sys.stderr.isatty(),
        color=output is None and sys.stdout.isatty(),
        engine=engine,
        spark_master=spark_master,
        level=level,
        columns=columns,
        all_measures=all_measures,
        summary=summary,
        explain=explain,
    )
    if fail_on and any(VERDICT_RANK[v] >= VERDICT_RANK[fail_on] for v in verdicts):
        raise SystemExit(1)


@cli.command()
@JURISDICTION
@click.option(
    "--target", metavar="ENTITY", help="Only measures that target this entity (name or id)."
)
@AS_OF
@SECTOR
@LEVEL
@ACT
@report_format("table", "json", "jsonl")
def measures(
    jurisdictions: tuple[str, ...],
    target: str | None,
    as_of: date,
    sector: str | None,
    level: str | None,
    acts: tuple[str, ...],
    fmt: str,
) -> None:
    """List measures with their status on a date, and whether each binds you (the profile)."""
    from banwatch.commands import list_measures

    list_measures(jurisdictions, target, as_of, fmt, sys.stdout, sector, level, acts)


@cli.command()
@click.argument("name_or_id")
@AS_OF
@report_format("table", "json")
def entity(name_or_id: str, as_of: date, fmt: str) -> None:
    """Show who NAME_OR_ID is: names, identifiers, family, measures and their timelines."""
    from banwatch.commands import show_entity

    show_entity(name_or_id, as_of, fmt, sys.stdout)


@cli.group()
def registry() -> None:
    """Work with the registry of entities and measures."""


@registry.command("validate")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def registry_validate(path: Path | None) -> None:
    """Load and check the registry (the bundled one, or the folder PATH)."""
    from banwatch.commands import validate_registry

    validate_registry(path, sys.stdout)


@registry.command("coverage")
def registry_coverage() -> None:
    """Print what the registry covers, as Markdown: per family (entities, names, domains, MAC
    registrants and blocks, FCC grantee codes, model patterns, measures), per kind of
    identifier, and the measures by jurisdiction."""
    from banwatch.commands import registry_coverage as report

    report(sys.stdout)


@cli.command("import")
@click.argument("source", type=click.Choice(["ftm", "csl", "watchlist"]), metavar="SOURCE")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--name",
    metavar="NAME",
    help="Name of the source, used as the prefix of every id it gets (a slug such as us-csl). "
    "Importing again under the same name makes a new version. Defaults to us-csl for csl, "
    "else the file's name.",
)
@click.option(
    "--jurisdiction",
    metavar="CC",
    help="ISO 3166 code of where the imported measures apply. Required for a watchlist; "
    "for ftm, used when a Sanction gives no country.",
)
@click.option(
    "--source-url",
    metavar="URL",
    help="An http(s) page that shows the imported facts (the list's own page, or an "
    "intranet page for a watchlist), cited by every record that gives no source of its own.",
)
def import_(
    source: str, file: Path, name: str | None, jurisdiction: str | None, source_url: str | None
) -> None:
    """Import FILE as SOURCE (ftm, csl or watchlist) into the registry.

    Its entities and measures are screened against from then on. Records that
    cannot be used are reported on standard error and skipped.
    """
    from banwatch.commands import import_source

    import_source(source, file, name, jurisdiction, source_url, sys.stdout)


@cli.group(invoke_without_command=True)
@report_format("table", "jsonl")
@click.pass_context
def sources(ctx: click.Context, fmt: str) -> None:
    """List the imported sources with version, row counts, checksum and import time.

    `banwatch sources remove NAME` removes one.
    """
    if ctx.invoked_subcommand is None:
        from banwatch.commands import list_sources

        list_sources(fmt, sys.stdout)


@sources.command("remove")
@click.argument("name")
def sources_remove(name: str) -> None:
    """Remove the imported source NAME: its entities and measures are screened against no more."""
    from banwatch.commands import remove_source

    remove_source(name, sys.stdout)


@cli.command()
@click.option("--limit", default=20, show_default=True, help="How many runs to list, newest first.")
@report_format("table", "jsonl")
def runs(limit: int, fmt: str) -> None:
    """List saved screening runs."""
    from banwatch.commands import list_runs

    list_runs(limit, fmt, sys.stdout)


@cli.command()
@click.argument("run_a")
@click.argument("run_b")
@report_format("table", "jsonl")
def diff(run_a: str, run_b: str, fmt: str) -> None:
    """Show the records whose verdict or measure status changed from RUN_A to RUN_B, and why."""
    from banwatch.commands import diff_two_runs

    diff_two_runs(run_a, run_b, fmt, sys.stdout)


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


if __name__ == "__main__":
    _run()
