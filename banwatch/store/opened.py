"""What every store in the run store's database shares: opening it (migrated) and closing it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Self

from banwatch.store.engine import open_engine
from banwatch.store.runs import RunStore, utc_now


class OpenedStore:
    """A part of the run store's database (SQLite or PostgreSQL) with its own engine.

    Opening one creates or migrates the schema first, with the run store's
    locking; writes take SQLite's write lock at BEGIN, as the run store's do.
    """

    def __init__(self, url: str, *, clock: Callable[[], datetime] = utc_now) -> None:
        RunStore(url).close()  # creates or migrates the schema, with its locking
        self._engine = open_engine(url)
        self._writer = self._engine.execution_options(sqlite_begin="IMMEDIATE")
        self._clock = clock

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
