"""Open a SQLAlchemy engine for the run store, on SQLite or PostgreSQL.

Invariants:

- A SQLite file's parent directory exists before the first connection.
- On SQLite, SQLAlchemy (not the sqlite3 driver) emits BEGIN, so SELECTs and
  DDL run inside real transactions; foreign keys are enforced; the journal is
  write-ahead (readers never block the writer, a killed writer leaves the last
  committed state whole).
- A connection with the execution option `sqlite_begin="IMMEDIATE"` takes the
  write lock at BEGIN: writers queue up instead of failing half-way. The option
  means nothing to PostgreSQL, whose row locks do that work.
- JSON is written as UTF-8 text (names in Chinese script stay readable).
- Errors never carry the statement's parameters (`hide_parameters`), so no
  record or key digest reaches a log through a failed statement.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from banwatch.errors import StoreError

# How long a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000


def parse_url(url: str) -> URL:
    """Parse a SQLAlchemy database URL, or raise `StoreError` saying what is wrong."""
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})") from exc


def open_engine(url: str) -> Engine:
    """Create the engine for `url`, preparing SQLite files and connections."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        _make_parent_dir(parsed)
    try:
        # hide_parameters: a failed statement's message (logged with a 500, printed by the CLI)
        # names no value it was writing: records, reasons and key digests stay out of logs.
        engine = create_engine(parsed, json_serializer=_dumps, hide_parameters=True)
    except (ArgumentError, ImportError) as exc:
        where = parsed.render_as_string(hide_password=True)
        raise StoreError(f"cannot use database {where}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _make_parent_dir(url: URL) -> None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    try:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the directory for {database}: {exc}") from exc


def _sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Hand transaction control to SQLAlchemy (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _use_wal(cursor)
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to write-ahead logging, once; it stays so for every later connection.

    The switch needs the file to itself and SQLite answers "database is locked"
    at once, without its busy handler, while another connection is opening the
    same fresh file: so it is retried for a while.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    if mode not in ("DEFERRED", "IMMEDIATE", "EXCLUSIVE"):
        raise StoreError(f"unknown SQLite BEGIN mode {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}")
