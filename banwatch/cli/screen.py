"""`banwatch screen`: its options, and the one call that runs it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from banwatch.model.vocabulary import VERDICT_RANK
from banwatch.writers.base import FORMATS

from .group import cli, settings
from .options import ACT, AS_OF, COLUMN, JURISDICTION, LEVEL, SECTOR

FAIL_ON = ("prohibited", "review")


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
@COLUMN
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
    from banwatch.readers import ColumnChoices
    from banwatch.requests import ScreenRequest, profile_from_options
    from banwatch.screen_command import screen_files
    from banwatch.writers import output_format

    request = ScreenRequest(
        paths=files,
        profile=profile_from_options(as_of, jurisdictions, sector, acts, level),
        fmt=output_format(fmt, output, terminal=sys.stdout.isatty()),
        output=output,
        save=not no_save,
        color=output is None and sys.stdout.isatty(),
        strict=strict,
        jobs=jobs or 1,
        show_progress=not quiet and sys.stderr.isatty(),
        engine="spark" if engine == "spark" else "local",
        spark_master=spark_master,
        columns=ColumnChoices.parse(columns),
        all_measures=all_measures,
        summary=summary,
        explain=explain,
    )
    verdicts = screen_files(request, settings())
    if fail_on and any(VERDICT_RANK[v] >= VERDICT_RANK[fail_on] for v in verdicts):
        raise SystemExit(1)
