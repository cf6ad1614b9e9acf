"""Every server process on one home and store follows another's import within the bound.

Real `banwatch serve` processes on 127.0.0.1: two servers on one home and
one store (a SQLite file, then a PostgreSQL schema), a list imported through
one (`POST /imports`) and screened against by the other; and the workers of
`banwatch serve --workers 2` following a `banwatch import` made beside them.
Until the new index is in place a server answers from the old one, and every
answer names the registry version it was screened with: no answer pairs the
new version with the old verdict or the other way round, and `/readyz` stays
200 throughout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from banwatch.registry.loader import default_registry_dir
from banwatch.server.follow import FOLLOW_SECONDS
from banwatch.settings import Settings

from ..cli_support import BANWATCH, run
from ..importers.support import FIXTURES
from .conftest import make_keys, settings_for
from .server_support import PATIENCE, free_port, wait_served

WATCHLIST = FIXTURES / "watchlist-sample.csv"
RECORD = {"records": [{"supplier": "Globex Surveillance Ltd"}], "jurisdictions": ["CA"]}
RECORD |= {"as_of": "2025-06-01", "save": False}
LOAD_BOUND = 30.0
"""Seconds a server may take to load the new index once it has seen the change (a fresh
compile of the registry with the new source on a busy machine; a few seconds when quiet)."""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled registry, so that the servers of a test start on the same one
    while the checkout's `data/` may change (others work in it)."""
    copy = tmp_path_factory.mktemp("registry") / "data"
    shutil.copytree(default_registry_dir(), copy)
    return copy


@contextmanager
def serving(settings: Settings, registry: Path, *options: str) -> Iterator[str]:
    """`banwatch serve OPTIONS` on the settings' home and store and on `registry`, ready; its
    base URL."""
    env = {**os.environ, "BANWATCH_HOME": str(settings.home), "BANWATCH_REGISTRY": str(registry)}
    env["BANWATCH_DATABASE_URL"] = settings.database_url
    port = free_port()
    server = subprocess.Popen(
        [str(BANWATCH), "serve", "--port", str(port), "--no-access-log", *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_served(base, server, 4 * PATIENCE)  # the first start compiles the index
        every_worker_ready(base)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=PATIENCE)


def every_worker_ready(base: str, times: int = 30) -> None:
    """Wait until `/readyz` answers 200 `times` in a row (whichever worker takes each)."""
    deadline, row = time.monotonic() + PATIENCE, 0
    while row < times:
        row = row + 1 if httpx.get(f"{base}/readyz").status_code == 200 else 0
        assert time.monotonic() < deadline, "not every worker became ready"
        time.sleep(0.01)


def screened(base: str, key: str) -> tuple[str, str]:
    """The registry version and Globex's verdict, as the server at `base` answers now."""
    answer = httpx.post(f"{base}/screen", json=RECORD, headers={"Authorization": f"ApiKey {key}"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return body["registry_version"], body["findings"][0]["verdict"]


def followed(base: str, key: str, old: str) -> tuple[str, float]:
    """The version `base` screens with once it is another than `old`, and the seconds until
    then; meanwhile every answer is the old version's with the old verdict, and the server
    stays ready."""
    began = time.monotonic()
    while True:
        version, verdict = screened(base, key)
        if version != old:
            assert verdict == "prohibited"
            return version, time.monotonic() - began
        assert (version, verdict) == (old, "clear")
        assert httpx.get(f"{base}/readyz").status_code == 200
        assert time.monotonic() - began < FOLLOW_SECONDS + LOAD_BOUND, "the change was not seen"
        time.sleep(0.05)


def test_a_list_imported_through_one_server_is_screened_by_the_other(
    settings: Settings, registry: Path
) -> None:
    keys = make_keys(settings)
    with serving(settings, registry) as first, serving(settings, registry) as second:
        old, verdict = screened(second, keys["analyst"])
        assert verdict == "clear" and screened(first, keys["analyst"])[0] == old
        form = {"source": "watchlist", "name": "followed", "jurisdiction": "CA"}
        with WATCHLIST.open("rb") as f:
            done = httpx.post(
                f"{first}/imports",
                data=form,
                files={"file": (WATCHLIST.name, f, "text/csv")},
                headers={"Authorization": f"ApiKey {keys['admin']}"},
                timeout=PATIENCE,
            )
        assert done.status_code == 201, done.text
        new = done.json()["registry_version"]
        assert new != old and screened(first, keys["analyst"]) == (new, "prohibited")
        seen, took = followed(second, keys["analyst"], old)
        assert seen == new
        print(f"the other server screened with the import after {took:.2f} s")
        assert httpx.get(f"{second}/readyz").json()["registry_version"] == new


def test_every_worker_follows_an_import_made_beside_them(tmp_path: Path, registry: Path) -> None:
    home = tmp_path / "home"
    settings = settings_for(home)
    keys = make_keys(settings)
    with serving(settings, registry, "--workers", "2") as base:
        old, verdict = screened(base, keys["analyst"])
        assert verdict == "clear"
        made = run(
            ["import", "watchlist", str(WATCHLIST), "--jurisdiction", "CA"],
            home,
            BANWATCH_REGISTRY=str(registry),
        )
        assert made.returncode == 0, made.stderr
        began = time.monotonic()
        new, took = followed(base, keys["analyst"], old)
        print(f"a worker screened with the import after {took:.2f} s")
        # Each request goes to whichever worker takes it: within the bound, 40 answers in a
        # row are the new index's (both workers have it); any before is wholly the old one's.
        row = 0
        while row < 40:
            answer = screened(base, keys["analyst"])
            assert answer in ((new, "prohibited"), (old, "clear"))
            row = row + 1 if answer == (new, "prohibited") else 0
            assert time.monotonic() - began < FOLLOW_SECONDS + LOAD_BOUND, "a worker lagged"
        print(f"every worker screened with it after {time.monotonic() - began:.2f} s")
