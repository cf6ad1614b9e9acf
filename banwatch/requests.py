"""What a command is asked to do, validated once at the edge (frozen request objects).

The CLI (and the server to come) builds a request from its options; the
commands in `commands` and `screen_command` take it whole, so that no
command re-checks or re-reads an option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from banwatch.errors import UsageError
from banwatch.model.profile import Profile
from banwatch.model.vocabulary import Act, Level, Sector
from banwatch.readers import ColumnChoices
from banwatch.readers.columns import NO_CHOICES

if TYPE_CHECKING:
    from banwatch.store import WatchSpec

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


@dataclass(frozen=True)
class MeasuresRequest:
    """`banwatch measures`: the measures the profile asks about, maybe only those on a target."""

    profile: Profile
    target: str | None  # an entity's name or id
    fmt: str


@dataclass(frozen=True)
class EntityRequest:
    """`banwatch entity`: who one entity is, and what reaches it on a date."""

    name_or_id: str
    as_of: date
    fmt: str


@dataclass(frozen=True)
class RunsRequest:
    """`banwatch runs`: the newest saved runs."""

    limit: int
    fmt: str


@dataclass(frozen=True)
class DiffRequest:
    """`banwatch diff`: what changed from one saved run to another."""

    run_a: str
    run_b: str
    fmt: str


@dataclass(frozen=True)
class ImportRequest:
    """`banwatch import`: a list file read as a new version of a named source."""

    kind: str  # ftm, csl or watchlist
    path: Path
    name: str  # a slug, the prefix of every id the source gets
    jurisdiction: str | None
    source_url: str | None


def import_request(
    kind: str, path: Path, name: str | None, jurisdiction: str | None, source_url: str | None
) -> ImportRequest:
    """The import the options describe: a slug name (by default from the kind and the file),
    a known jurisdiction, an http(s) source URL; the file is checked to exist."""
    from banwatch.importers import default_name
    from banwatch.importers.base import http_url
    from banwatch.jurisdictions import check_jurisdiction
    from banwatch.model.entities import SLUG
    from banwatch.readers.files import check_file

    check_file(path, str(path))
    name = name or default_name(kind, path)
    if not re.fullmatch(SLUG, name):
        raise UsageError(
            f"source name {name!r} is not a slug: use lower-case letters and digits joined "
            "by hyphens, e.g. us-csl",
            field="--name",
        )
    if jurisdiction:
        try:
            jurisdiction = check_jurisdiction(jurisdiction)
        except ValueError as e:
            raise UsageError(str(e), field="--jurisdiction") from None
    if source_url and http_url(source_url) is None:
        raise UsageError(f"expected an http(s) URL, got {source_url!r}", field="--source-url")
    return ImportRequest(kind, path, name, jurisdiction or None, source_url or None)


@dataclass(frozen=True)
class ImpactRequest:
    """`banwatch impact`: the files' records as the law stood on two dates, compared."""

    paths: tuple[Path, ...]
    profile: Profile  # as of the later date
    start: date
    fmt: str
    columns: ColumnChoices = NO_CHOICES

    @property
    def end(self) -> date:
        return self.profile.as_of


def impact_request(
    paths: tuple[Path, ...], profile: Profile, start: date, fmt: str, columns: ColumnChoices
) -> ImpactRequest:
    """An impact from `start` to the profile's date, which must come later."""
    if start >= profile.as_of:
        raise UsageError(
            f"--from {start.isoformat()} must come before --to {profile.as_of.isoformat()}",
            field="--from",
        )
    return ImpactRequest(paths, profile, start, fmt, columns)


@dataclass(frozen=True)
class UpcomingRequest:
    """`banwatch upcoming`: the measures' steps ahead, for a profile and maybe its inventories."""

    profile: Profile
    days: int
    fmt: str
    paths: tuple[Path, ...] = ()
    columns: ColumnChoices = NO_CHOICES


def watch_spec(
    name: str,
    paths: tuple[Path, ...],
    profile: Profile,
    columns: tuple[str, ...],
    webhook: str | None,
) -> WatchSpec:
    """A watch the options describe: a slug name, absolute paths, an http(s) webhook."""
    from banwatch.importers.base import http_url
    from banwatch.model.entities import SLUG
    from banwatch.store import RunProfile, WatchSpec

    if not re.fullmatch(SLUG, name):
        raise UsageError(
            f"watch name {name!r} is not a slug: use lower-case letters and digits joined by "
            "hyphens, e.g. cameras-hq",
            field="--name",
        )
    if webhook and http_url(webhook) is None:
        raise UsageError(f"expected an http(s) URL, got {webhook!r}", field="--webhook")
    ColumnChoices.parse(columns)  # checked now, kept as given
    asked = RunProfile.of(profile)
    files = [str(p.resolve()) for p in paths]
    return WatchSpec(name=name, files=files, profile=asked, columns=list(columns), webhook=webhook)
