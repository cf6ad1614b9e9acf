"""`banwatch serve --pull-every`: a running server pulls the newer release from a served folder,
screens with it from then on, names it in its answers, and checks its watches again.

Release 2 (`good/`) no longer has the Québec order reach Dahua, so a Québec
public body's Dahua camera, prohibited under release 1, is not under 2.
"""

from __future__ import annotations

import json
import time
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from banwatch.server import create_app
from banwatch.server.scheduler import ACTOR
from banwatch.settings import settings_from
from banwatch.signing import fingerprint, public_from_hex
from banwatch.store.api_keys import KeyStore
from tests.cli_support import jsonl, run
from tests.releases.conftest import Releases
from tests.releases.test_pull import DAHUA, QC_BODY, pull
from tests.server.server_support import served

PATIENCE = 600.0  # compiling release 2's index may take minutes on a loaded machine


def _ready(base: str, version: str) -> dict[str, Any]:
    """`/readyz` once it names `version`."""
    deadline = time.monotonic() + PATIENCE
    while True:
        answer = httpx.get(f"{base}/readyz", timeout=30)
        if answer.status_code == 200 and answer.json()["registry_version"] == version:
            body: dict[str, Any] = answer.json()
            return body
        assert time.monotonic() < deadline, answer.text
        time.sleep(0.5)


def test_a_running_server_pulls_switches_and_checks_its_watches(
    home: Path, releases: Releases, tmp_path: Path
) -> None:
    assert pull(home, releases, "first")[0] == 0
    cameras = tmp_path / "dahua.csv"
    cameras.write_text(DAHUA)
    assert run(["watch", "add", str(cameras), "--name", "qc", *QC_BODY], home).returncode == 0
    checked = run(["watch", "check", "--format", "jsonl"], home)
    assert jsonl(checked.stdout)[0]["verdicts"] == {"prohibited": 1}, checked.stderr
    trust = releases.trust.read_text().strip()
    env = {
        "BANWATCH_HOME": str(home),
        "BANWATCH_REGISTRY_URL": releases.at("good"),
        "BANWATCH_TRUSTED_KEYS": trust,
    }
    settings = replace(settings_from(env), pull_every=1.0)
    with KeyStore(settings.database_url) as keys:
        analyst = {"Authorization": f"ApiKey {keys.create('analyst', 'test')[1]}"}
    with served(create_app(settings)) as base:
        ready = _ready(base, releases.second)
        body = {"records": [{"supplier": "Dahua Technology"}], "jurisdictions": ["CA-QC"]}
        body |= {"sector": "government", "level": "regional"}
        screened = httpx.post(f"{base}/screen", json=body, headers=analyst, timeout=60).json()
        measures = httpx.get(f"{base}/measures", headers=analyst, timeout=30).json()
        changes = _rechecked(base, analyst)
        audit = httpx.get(f"{base}/audit", headers=analyst, timeout=30).text
    release = {
        "id": releases.second,
        "released": ready["release"]["released"],
        "key_id": fingerprint(public_from_hex(trust)),
        "sources": [],
    }
    assert ready["release"] == release and release["released"]
    assert screened["release"] == measures["release"] == release
    assert screened["registry_version"] == releases.second
    assert screened["findings"][0]["verdict"] != "prohibited"
    newest = changes[0]
    assert newest["release"] == release  # the check names the release it screened against
    assert newest["verdicts"] != {"prohibited": 1}
    [change] = newest["changes"]
    assert change["verdict_a"] == "prohibited" and change["verdict_b"] != "prohibited"
    pulls = [json.loads(line) for line in audit.splitlines() if "registry_pull" in line]
    assert [(p["actor"], p["details"]["version"]) for p in pulls][-1] == (ACTOR, releases.second)
    assert sum(p["actor"] == ACTOR for p in pulls) == 1  # later rounds found nothing newer
    assert f"signed by key: {release['key_id']}\n" in run(["registry", "status"], home).stdout
    _the_run_and_its_pack_name_the_release(home, screened["run_id"], release, tmp_path)


def _rechecked(base: str, auth: dict[str, str]) -> list[dict[str, Any]]:
    """The watch's checks, once the server has checked it again after the switch."""
    deadline = time.monotonic() + PATIENCE
    while True:
        checks = httpx.get(f"{base}/watches/qc/changes", headers=auth, timeout=30).json()["checks"]
        if len(checks) >= 2:
            found: list[dict[str, Any]] = checks
            return found
        assert time.monotonic() < deadline, checks
        time.sleep(0.5)


def _the_run_and_its_pack_name_the_release(
    home: Path, run_id: str, release: dict[str, Any], tmp_path: Path
) -> None:
    runs = jsonl(run(["runs", "--format", "jsonl"], home).stdout)
    [saved] = [r for r in runs if r["id"] == run_id]
    assert saved["release"] == release
    pack = tmp_path / "pack.zip"
    made = run(["evidence", run_id, "--output", str(pack)], home)
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(pack) as z:
        manifest = json.loads(z.read("manifest.json"))
        signed = json.loads(z.read("release/manifest.json"))
        names = set(z.namelist())
    assert manifest["release"] == release
    assert manifest["registry_files"].startswith("included")
    assert signed["registry_version"] == release["id"] and "release/manifest.sig" in names
