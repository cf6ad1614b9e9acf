"""`banwatch keys create|list|revoke` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from banwatch.settings import settings_from
from banwatch.store.api_keys import KeyStore

from ..cli_support import run


def test_create_prints_only_the_key_then_list_and_revoke(tmp_path: Path) -> None:
    made = run(["keys", "create", "--role", "viewer", "--name", "dashboard"], tmp_path)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    assert made.stdout == key + "\n" and key.startswith("bw_")
    key_id = key.split("_")[1]
    assert key_id in made.stderr and key not in made.stderr

    listed = run(["keys", "list", "--format", "json"], tmp_path)
    [entry] = json.loads(listed.stdout)
    assert entry["id"] == key_id and entry["role"] == "viewer" and entry["name"] == "dashboard"
    assert entry["revoked_at"] is None
    table = run(["keys", "list"], tmp_path).stdout
    assert key_id in table and "in use" in table and key not in table

    with KeyStore(settings_from({"BANWATCH_HOME": str(tmp_path)}).database_url) as keys:
        assert keys.authenticate(key) is not None
    revoked = run(["keys", "revoke", key_id], tmp_path)
    assert revoked.returncode == 0 and key_id in revoked.stdout
    with KeyStore(settings_from({"BANWATCH_HOME": str(tmp_path)}).database_url) as keys:
        assert keys.authenticate(key) is None
    assert "revoked" in run(["keys", "list"], tmp_path).stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(["keys", "create", "--role", "owner"], tmp_path).returncode == 2
    assert run(["keys", "create"], tmp_path).returncode == 2
    missing = run(["keys", "revoke", "0000000000000000"], tmp_path)
    assert missing.returncode == 2 and "no key in use" in missing.stderr
