"""What a command is asked to do, validated once at the edge (frozen request objects).

The CLI (and the server to come) builds a request from its options; the
commands in `commands` and `screen_command` take it whole, so that no
command re-checks or re-reads an option.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, cast

from banwatch.errors import UsageError
from banwatch.model.profile import Profile
from banwatch.model.vocabulary import Act, Level, Sector
from banwatch.readers import ColumnChoices
from banwatch.readers.columns import NO_CHOICES

Engine = Literal["local", "spark"]


def profile_from_options(
    as_of: date,
    jurisdictions: tuple[str, ...],
    sector: str | None,
    acts: tuple[str, ...],
    level: str | None,
) -> Profile:
    """The profile the options describe; a level needs the government sector (or none)."""
    if level is not None and sector not in (None, "government"):
        raise UsageError(f"--level {level} is a level of government; it needs --sector government")
    return Profile(
        as_of=as_of,
        jurisdictions=jurisdictions,
        sector=cast(Sector | None, sector),
        acts=cast(tuple[Act, ...], acts),
        level=cast(Level | None, level),
    )


@dataclass(frozen=True)
class ScreenRequest:
    """One `banwatch screen`: the files, who asks, and where and how the findings go."""

    paths: tuple[Path, ...]
    profile: Profile
    fmt: str  # the output format, already chosen (`writers.output_format`)
    output: Path | None = None  # None: standard output
    save: bool = True
    color: bool = False
    strict: bool = False
    jobs: int = 1  # one process: handing findings back costs more than the work shared
    show_progress: bool = False
    engine: Engine = "local"
    spark_master: str = "local[*]"
    columns: ColumnChoices = NO_CHOICES
    all_measures: bool = False
    summary: bool = False
    explain: bool = False

    @property
    def local(self) -> bool:
        return self.engine != "spark"
