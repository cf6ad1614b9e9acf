"""Settings: one frozen object built at the entry point from `BANWATCH_*` variables.

| variable                | meaning                                                        |
|-------------------------|----------------------------------------------------------------|
| `BANWATCH_HOME`         | data directory: `banwatch.db`, imported `sources/` (default: user's) |
| `BANWATCH_DATABASE_URL` | SQLAlchemy URL of the run store (overrides `BANWATCH_HOME`)    |
| `BANWATCH_REGISTRY`     | registry folder to load instead of the pulled release or bundled one |
| `BANWATCH_REGISTRY_URL` | where `banwatch registry pull` finds `index.json` and the releases |
| `BANWATCH_TRUSTED_KEYS` | Ed25519 public keys (hex, comma-separated) trusted to sign releases |
| `BANWATCH_WEBHOOK_SECRET` | key of the HMAC that signs watch webhooks (`X-Banwatch-Signature`) |
| `BANWATCH_RATE_LIMIT`   | requests a minute one API key may make to the server (0: no limit) |
| `BANWATCH_WATCH_EVERY`  | how often `banwatch serve` checks the watched inventories (`1h`)   |
| `BANWATCH_PULL_EVERY`   | how often `banwatch serve` pulls the registry release (`6h`)       |
| `BANWATCH_MAX_UPLOAD_MB` | the largest request body the server takes on its screening paths (MB) |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from banwatch.errors import UsageError
from banwatch.registry.loader import default_registry_dir
from banwatch.store.settings import data_dir, database_url

REGISTRY_VAR = "BANWATCH_REGISTRY"
REGISTRY_URL_VAR = "BANWATCH_REGISTRY_URL"
TRUSTED_KEYS_VAR = "BANWATCH_TRUSTED_KEYS"
WEBHOOK_SECRET_VAR = "BANWATCH_WEBHOOK_SECRET"
RATE_LIMIT_VAR = "BANWATCH_RATE_LIMIT"
DEFAULT_RATE_LIMIT = 3000  # a minute per key: 50 a second, far beyond a person, still a brake
WATCH_EVERY_VAR = "BANWATCH_WATCH_EVERY"
PULL_EVERY_VAR = "BANWATCH_PULL_EVERY"
MAX_UPLOAD_VAR = "BANWATCH_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 200  # a few million inventory rows as CSV; far more than 10,000 records


@dataclass(frozen=True)
class Settings:
    """Where banwatch reads its registry and keeps its runs."""

    database_url: str  # the run store
    registry_dir: Path  # the YAML registry folder
    home: Path  # the data directory: imported sources live in its `sources/` folder
    webhook_secret: str | None = None  # signs watch webhooks; none: webhooks are not sent
    registry_url: str | None = None  # publishing folder `registry pull` reads by default
    trusted_keys: tuple[str, ...] = ()  # hex public keys trusted to sign releases, as well
    # as the one shipped with banwatch
    rate_limit: int = DEFAULT_RATE_LIMIT  # requests a minute per API key, per server process;
    # 0: no limit
    watch_every: float | None = None  # seconds between the server's watch checks; none: never
    pull_every: float | None = None  # seconds between the server's release pulls; none: never
    max_upload_mb: int = DEFAULT_MAX_UPLOAD_MB  # the largest body `/screen`, `/screen/upload`
    # and the web upload form take (MB, 10**6 bytes); more is 413


def settings_from(env: Mapping[str, str]) -> Settings:
    """Build settings from an environment mapping (the CLI passes `os.environ`)."""
    registry = env.get(REGISTRY_VAR, "").strip()
    home = data_dir(env)
    keys = env.get(TRUSTED_KEYS_VAR, "")
    return Settings(
        database_url=database_url(env),
        registry_dir=Path(registry) if registry else _registry_in_use(home),
        home=home,
        webhook_secret=env.get(WEBHOOK_SECRET_VAR) or None,
        registry_url=env.get(REGISTRY_URL_VAR, "").strip() or None,
        trusted_keys=tuple(k.strip() for k in keys.split(",") if k.strip()),
        rate_limit=_rate_limit(env.get(RATE_LIMIT_VAR, "")),
        watch_every=_period(env, WATCH_EVERY_VAR),
        pull_every=_period(env, PULL_EVERY_VAR),
        max_upload_mb=_max_upload_mb(env.get(MAX_UPLOAD_VAR, "")),
    )


def _max_upload_mb(given: str) -> int:
    """The upload limit a variable sets; UsageError unless it is a positive whole number."""
    if not given.strip():
        return DEFAULT_MAX_UPLOAD_MB
    try:
        mb = int(given)
    except ValueError:
        mb = 0
    if mb < 1:
        raise UsageError(
            f"{MAX_UPLOAD_VAR}={given!r}: expected a whole number of megabytes, 1 or more"
        )
    return mb


def _period(env: Mapping[str, str], name: str) -> float | None:
    """A period setting in seconds (`30m`, `1h`, `1d`), or None when it is not set."""
    from banwatch.durations import parse_duration

    text = env.get(name, "").strip()
    return parse_duration(text, field=name) if text else None


def _rate_limit(given: str) -> int:
    """The per-key rate limit a variable sets; UsageError unless it is a whole number >= 0."""
    if not given.strip():
        return DEFAULT_RATE_LIMIT
    try:
        limit = int(given)
    except ValueError:
        limit = -1
    if limit < 0:
        raise UsageError(
            f"{RATE_LIMIT_VAR}={given!r}: expected a whole number of requests a minute, "
            "or 0 for no limit"
        )
    return limit


def _registry_in_use(home: Path) -> Path:
    """The release pulled into `home` and in use, else the bundled registry."""
    from banwatch.releases.state import active_release_dir

    return active_release_dir(home) or default_registry_dir()
