"""A running server with no schedule of its own follows the release a `banwatch registry pull`
or `rollback` beside it switched to: within a second plus the time to load the index, every
answer names the release now in use (`server.follow`)."""

from __future__ import annotations

from pathlib import Path

from banwatch.server import create_app
from banwatch.settings import settings_from
from tests.cli_support import run
from tests.releases.conftest import Releases
from tests.releases.test_pull import pull
from tests.releases.test_server_pull import _ready
from tests.server.server_support import served


def test_a_server_follows_a_pull_and_a_rollback_made_beside_it(
    home: Path, releases: Releases
) -> None:
    assert pull(home, releases, "first")[0] == 0
    settings = settings_from({"BANWATCH_HOME": str(home)})
    assert settings.pull_every is None  # nothing scheduled: it follows what the CLI did
    with served(create_app(settings)) as base:
        assert _ready(base, releases.first)["release"]["id"] == releases.first
        code, _, err = pull(home, releases, "good")
        assert code == 0, err
        assert _ready(base, releases.second)["release"]["id"] == releases.second
        rolled = run(["registry", "rollback"], home)
        assert rolled.returncode == 0, rolled.stderr
        assert _ready(base, releases.first)["release"]["id"] == releases.first
