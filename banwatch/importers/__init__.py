"""Source importers: lists published by others (and a user's own) to entities and measures.

Each importer reads one file and returns an `Imported`: the entities and
measures it could validate with banwatch's models, and a `Problem` for every
record it had to skip. Saving them is `banwatch.registry.sources`' job;
merging them into the registry is the loader's.

| kind        | file                                                         |
|-------------|--------------------------------------------------------------|
| `ftm`       | FollowTheMoney entities as JSON lines (OpenSanctions exports) |
| `csl`       | the US Consolidated Screening List, CSV or JSON (trade.gov)   |
| `watchlist` | a user's own CSV: name, aliases, country, identifiers, ...    |
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from banwatch.errors import UsageError
from banwatch.importers.base import Imported, ImportOptions, Problem, slug

__all__ = ["KINDS", "ImportOptions", "Imported", "Problem", "default_name", "read_source"]

KINDS = ("ftm", "csl", "watchlist")
DEFAULT_NAMES = {"csl": "us-csl"}  # other kinds are named after their file
Reader = Callable[[Path, str, ImportOptions], Imported]


def _reader(kind: str) -> Reader:
    # Imported lazily: followthemoney loads its whole schema model on import.
    if kind == "ftm":
        from banwatch.importers.ftm import read_ftm

        return read_ftm
    if kind == "csl":
        from banwatch.importers.csl import read_csl

        return read_csl
    if kind == "watchlist":
        from banwatch.importers.watchlist import read_watchlist

        return read_watchlist
    raise UsageError(f"unknown source kind {kind!r}; expected one of {', '.join(KINDS)}")


def default_name(kind: str, path: Path) -> str:
    """The source name used when none is given: `us-csl`, else the file's name as a slug."""
    return DEFAULT_NAMES.get(kind) or slug(path.name.split(".")[0])


def read_source(kind: str, path: Path, options: ImportOptions) -> Imported:
    """Read `path` as a source of `kind`; InputError if the file cannot be read at all."""
    from banwatch.registry.sources import paused_gc

    reader = _reader(kind)
    with paused_gc():
        return reader(path, str(path), options)
