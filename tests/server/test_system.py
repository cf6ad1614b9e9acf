"""`/healthz`, `/readyz` while the index loads, and `banwatch serve` started as a user does."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import Settings

from ..cli_support import BANWATCH, run
from .conftest import make_keys, settings_for
from .server_support import PATIENCE, free_port, wait_ready, wait_served


def test_ready_only_once_the_index_is_loaded(tmp_path: Path, matcher: Matcher) -> None:
    release = threading.Event()

    def load(_settings: Settings) -> Matcher:
        release.wait(PATIENCE)
        return matcher

    settings = settings_for(tmp_path)
    viewer = {"Authorization": f"ApiKey {make_keys(settings)['viewer']}"}
    with TestClient(create_app(settings, load=load), headers=viewer) as client:
        assert client.get("/healthz").json()["status"] == "ok"
        loading = client.get("/readyz")
        assert loading.status_code == 503 and loading.json()["status"] == "loading"
        early = client.get("/measures")
        assert early.status_code == 503 and early.json()["type"] == "NotReadyError"
        release.set()
        wait_ready(client)
        ready = client.get("/readyz").json()
        assert ready["registry_version"] == matcher.registry.version
        assert ready["matcher"] == matcher.version
        assert client.get("/measures").status_code == 200


def test_a_failed_load_is_told_by_readyz(tmp_path: Path) -> None:
    def load(_settings: Settings) -> Matcher:
        raise OSError("index file unreadable")

    settings = settings_for(tmp_path)
    viewer = {"Authorization": f"ApiKey {make_keys(settings)['viewer']}"}
    with TestClient(create_app(settings, load=load), headers=viewer) as client:
        deadline = time.monotonic() + PATIENCE
        while client.get("/readyz").json()["status"] == "loading":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        failed = client.get("/readyz")
        assert failed.status_code == 503
        assert failed.json() == {
            "status": "failed",
            "registry_version": None,
            "matcher": None,
            "detail": "OSError: index file unreadable",
        }
        assert client.get("/measures").status_code == 503


def test_banwatch_serve_answers_on_the_port_given(tmp_path: Path) -> None:
    port = free_port()
    home = tmp_path / "home"
    made = run(["keys", "create", "--role", "analyst", "--name", "ci"], home)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    env.pop("BANWATCH_DATABASE_URL", None)
    server = subprocess.Popen(
        [str(BANWATCH), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_served(base, server)
        one = {"records": [{"supplier": "Hikvision"}], "save": False}
        bearer = {"Authorization": f"Bearer {key}"}
        assert httpx.post(f"{base}/screen", json=one).status_code == 401
        answer = httpx.post(f"{base}/screen", json=one, headers=bearer).json()
        assert answer["findings"][0]["matches"][0]["entity_id"] == "hikvision"
    finally:
        server.terminate()
        server.wait(timeout=PATIENCE)


def test_serve_help_names_its_options(tmp_path: Path) -> None:
    result = run(["serve", "--help"], tmp_path)
    assert result.returncode == 0
    for option in ("--host", "--port", "--workers", "127.0.0.1"):
        assert option in result.stdout
