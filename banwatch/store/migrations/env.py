"""Alembic environment: run the store's migrations on a given connection.

Invariant: when the caller passes a connection in
`config.attributes["connection"]` (as `RunStore` does), migrations run on it
and in its transaction; otherwise the `sqlalchemy.url` option is used (for a
developer running Alembic by hand). Offline mode prints the SQL instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from banwatch.store.tables import Base


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite can only change a table by copying it: let autogenerate say so.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if isinstance(connection, Connection):
        _configure(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("pass a connection in config.attributes or set sqlalchemy.url")
    engine = create_engine(url)
    try:
        with engine.connect() as owned:
            _configure(owned)
    finally:
        engine.dispose()


def _run_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=Base.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _run_offline()
else:
    _run_online()
