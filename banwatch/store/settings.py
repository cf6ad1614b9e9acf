"""Where the run store lives, decided from `BANWATCH_*` variables.

Invariant: this module reads no environment of its own; the entry point
passes its environment (`os.environ`) in, so tests and servers can pass any
mapping. (`platformdirs` still consults the XDG variables for the default.)

| variable                | meaning                                                  |
|-------------------------|----------------------------------------------------------|
| `BANWATCH_DATABASE_URL` | any SQLAlchemy URL, e.g. `postgresql+psycopg://u@host/db` |
| `BANWATCH_HOME`         | directory holding `banwatch.db` when no URL is given      |
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from banwatch.errors import UsageError

DATABASE_URL_VAR = "BANWATCH_DATABASE_URL"
HOME_VAR = "BANWATCH_HOME"
DATABASE_FILE = "banwatch.db"


def data_dir(env: Mapping[str, str]) -> Path:
    """The user's banwatch data directory: `BANWATCH_HOME`, else the platform's default."""
    home = env.get(HOME_VAR, "").strip()
    return Path(home) if home else Path(platformdirs.user_data_dir("banwatch"))


def database_url(env: Mapping[str, str]) -> str:
    """The store's SQLAlchemy URL: `BANWATCH_DATABASE_URL`, else SQLite in the data directory.

    Raises `UsageError` when `BANWATCH_DATABASE_URL` is set but is not a URL.
    """
    url = env.get(DATABASE_URL_VAR, "").strip()
    if url:
        try:
            make_url(url)
        except ArgumentError as exc:
            raise UsageError(
                f"expected a database URL such as postgresql+psycopg://user@host/db, got {url!r}",
                field=DATABASE_URL_VAR,
            ) from exc
        return url
    path = data_dir(env) / DATABASE_FILE
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)
