"""Settings: one frozen object built at the entry point from `BANWATCH_*` variables.

| variable                | meaning                                                        |
|-------------------------|----------------------------------------------------------------|
| `BANWATCH_HOME`         | data directory: `banwatch.db`, imported `sources/` (default: user's) |
| `BANWATCH_DATABASE_URL` | SQLAlchemy URL of the run store (overrides `BANWATCH_HOME`)    |
| `BANWATCH_REGISTRY`     | registry folder to load instead of the bundled one             |
| `BANWATCH_WEBHOOK_SECRET` | key of the HMAC that signs watch webhooks (`X-Banwatch-Signature`) |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from banwatch.registry.loader import default_registry_dir
from banwatch.store.settings import data_dir, database_url

REGISTRY_VAR = "BANWATCH_REGISTRY"
WEBHOOK_SECRET_VAR = "BANWATCH_WEBHOOK_SECRET"


@dataclass(frozen=True)
class Settings:
    """Where banwatch reads its registry and keeps its runs."""

    database_url: str  # the run store
    registry_dir: Path  # the YAML registry folder
    home: Path  # the data directory: imported sources live in its `sources/` folder
    webhook_secret: str | None = None  # signs watch webhooks; none: webhooks are not sent


def settings_from(env: Mapping[str, str]) -> Settings:
    """Build settings from an environment mapping (the CLI passes `os.environ`)."""
    registry = env.get(REGISTRY_VAR, "").strip()
    return Settings(
        database_url=database_url(env),
        registry_dir=Path(registry) if registry else default_registry_dir(),
        home=data_dir(env),
        webhook_secret=env.get(WEBHOOK_SECRET_VAR) or None,
    )
