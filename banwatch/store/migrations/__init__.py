"""Alembic migrations of the run store, shipped inside the package.

Invariants:

- `upgrade` runs on the caller's connection and inside the caller's
  transaction (passed to `env.py` through `Config.attributes`): on PostgreSQL
  and SQLite alike the schema change and the version stamp commit together.
- Alembic's version table is created unqualified, so it lands in the first
  schema of the connection's `search_path`, next to the tables it describes.
- No `alembic.ini` is needed; for hand use, `alembic_config()` builds the same
  configuration `alembic` would read from one.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for these migrations, bound to `connection` if given."""
    config = Config()
    # Config values are %-interpolated: escape the path.
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Migrate the database behind `connection` up to `revision`."""
    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    """Migrate the database behind `connection` down to `revision` (`base` empties it)."""
    command.downgrade(alembic_config(connection), revision)


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def is_known_revision(revision: str) -> bool:
    """Whether `revision` is one of the migrations shipped with this version of banwatch."""
    script = ScriptDirectory.from_config(alembic_config())
    return any(known.revision == revision for known in script.walk_revisions())


def head_revision() -> str:
    """The newest revision shipped with this version of banwatch."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {SCRIPT_LOCATION}")
    return head
