"""Admins manage keys (`/keys`) and import lists (`/imports`) over HTTP; each change is audited.

On the module's store (a SQLite file, then a PostgreSQL schema), through the
real app; the audit chain is verified after each case.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import Settings
from banwatch.store.audit import AuditLog, Entry

from ..cli_support import run
from ..importers.support import FIXTURES
from .conftest import make_keys, settings_for
from .server_support import wait_ready

WATCHLIST = FIXTURES / "watchlist-sample.csv"


def as_admin(keys: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"ApiKey {keys['admin']}"}


def entries(settings: Settings) -> list[Entry]:
    with AuditLog(settings.database_url) as log:
        assert log.verify().broken_at is None
        return list(log.entries())


def admin_actor(client: TestClient, keys: dict[str, str]) -> str:
    listed = client.get("/keys", headers=as_admin(keys)).json()["keys"]
    (admin,) = [k for k in listed if k["name"] == "test admin"]
    return f"key {admin['id']} (test admin)"


def test_an_admin_makes_lists_and_revokes_a_key(
    client: TestClient, keys: dict[str, str], settings: Settings
) -> None:
    made = client.post("/keys", json={"role": "analyst", "name": "intake"}, headers=as_admin(keys))
    assert made.status_code == 201, made.text
    key, key_id = made.json()["key"], made.json()["id"]
    assert key.startswith(f"bw_{key_id}_") and made.json()["role"] == "analyst"
    own = {"Authorization": f"ApiKey {key}"}
    assert client.get("/alerts", headers=own).status_code == 200

    listed = client.get("/keys", headers=as_admin(keys))
    assert key_id in [k["id"] for k in listed.json()["keys"]]
    assert key not in listed.text and all(k not in listed.text for k in keys.values())

    revoked = client.delete(f"/keys/{key_id}", headers=as_admin(keys))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert client.get("/alerts", headers=own).status_code == 401
    assert client.delete(f"/keys/{key_id}", headers=as_admin(keys)).status_code == 404

    actor = admin_actor(client, keys)
    log = [(e.kind, e.actor, e.subject) for e in entries(settings)]
    assert ("key_created", actor, f"key {key_id}") in log
    assert ("key_revoked", actor, f"key {key_id}") in log
    assert all(key not in str(e) for e in entries(settings))


def test_bad_key_requests(client: TestClient, keys: dict[str, str]) -> None:
    bad = client.post("/keys", json={"role": "root"}, headers=as_admin(keys))
    assert bad.status_code == 422 and bad.json()["field"] == "body.role"
    assert client.delete("/keys/0000000000000000", headers=as_admin(keys)).status_code == 404


def post_import(client: TestClient, keys: dict[str, str], **form: str) -> Any:
    with WATCHLIST.open("rb") as f:
        files = {"file": (WATCHLIST.name, f, "text/csv")}
        return client.post("/imports", data=form, files=files, headers=as_admin(keys))


def test_an_admin_imports_a_list_as_banwatch_import_does(
    client: TestClient, keys: dict[str, str], settings: Settings
) -> None:
    form = {"source": "watchlist", "name": "api-list", "jurisdiction": "CA"}
    done = post_import(client, keys, **form)
    assert done.status_code == 201, done.text
    answer = done.json()
    source = answer["source"]
    assert (source["name"], source["kind"], source["version"]) == ("api-list", "watchlist", 1)
    assert (source["entities"], source["measures"], source["targets"]) == (2, 1, 2)
    assert answer["saved"] is True and len(answer["problems"]) == 6
    # Problems name the uploaded file, not where the server kept it while reading.
    assert all(p.startswith(f"{WATCHLIST.name}: line ") for p in answer["problems"])
    digest = hashlib.sha256(WATCHLIST.read_bytes()).hexdigest()
    assert source["sha256"] == digest

    again = post_import(client, keys, **form)
    assert again.status_code == 200 and again.json()["saved"] is False

    [entry] = [
        e for e in entries(settings) if e.kind == "import" and e.subject == "source api-list"
    ]
    assert entry.actor == admin_actor(client, keys)
    assert entry.details["input_sha256"] == digest
    assert entry.details["input"] == f"upload {WATCHLIST.name}"
    assert (entry.details["version"], entry.details["entities"]) == (1, 2)
    if settings.database_url.startswith("sqlite"):  # the CLI reads the same home and log
        listed = run(["sources", "--format", "jsonl"], settings.home)
        assert '"name": "api-list"' in listed.stdout or '"name":"api-list"' in listed.stdout
        assert run(["audit", "verify"], settings.home).returncode == 0


def test_bad_imports(client: TestClient, keys: dict[str, str]) -> None:
    wrong_kind = post_import(client, keys, source="xml")
    assert wrong_kind.status_code == 422
    bad_name = post_import(client, keys, source="watchlist", name="Not A Slug")
    assert bad_name.status_code == 400 and bad_name.json()["field"] == "--name"
    no_file = client.post("/imports", data={"source": "csl"}, headers=as_admin(keys))
    assert no_file.status_code == 422


def test_an_import_larger_than_the_upload_limit_is_413(tmp_path: Path, matcher: Matcher) -> None:
    settings = replace(settings_for(tmp_path), max_upload_mb=1)
    keys = make_keys(settings)
    big = b"name,country\n" + b"Some Supplier Ltd,CN\n" * 60_000  # 1.26 MB
    with TestClient(create_app(settings, load=lambda _s: matcher)) as client:
        wait_ready(client)
        files = {"file": ("big.csv", big, "text/csv")}
        form = {"source": "watchlist", "jurisdiction": "CA"}
        refused = client.post("/imports", data=form, files=files, headers=as_admin(keys))
        assert refused.status_code == 413 and refused.json()["type"] == "TooLargeError"
    assert [e.kind for e in entries(settings)].count("import") == 0


def test_an_imported_list_is_screened_against_at_once(tmp_path: Path) -> None:
    # The app loads its index as `banwatch serve` does (compiled from the home's registry and
    # sources), so the import's reload is the real one.
    settings = settings_for(tmp_path)
    keys = make_keys(settings)
    record = {"records": [{"supplier": "Globex Surveillance Ltd"}], "jurisdictions": ["CA"]}
    record |= {"as_of": "2025-06-01", "save": False}
    with TestClient(create_app(settings)) as client:
        wait_ready(client)
        analyst = {"Authorization": f"ApiKey {keys['analyst']}"}
        before = client.post("/screen", json=record, headers=analyst).json()
        assert before["findings"][0]["verdict"] == "clear"
        form = {"source": "watchlist", "name": "mylist", "jurisdiction": "CA"}
        with WATCHLIST.open("rb") as f:
            files = {"file": (WATCHLIST.name, f, "text/csv")}
            done = client.post("/imports", data=form, files=files, headers=as_admin(keys))
        assert done.status_code == 201 and done.json()["notes"] == []
        assert done.json()["registry_version"] != before["registry_version"]
        after = client.post("/screen", json=record, headers=analyst).json()
        assert after["registry_version"] == done.json()["registry_version"]
        assert after["findings"][0]["verdict"] == "prohibited"
        [match] = after["findings"][0]["matches"]
        assert match["entity_id"] == "mylist-globex-surveillance-ltd"


def test_an_upload_named_oddly_or_holding_nothing(client: TestClient, keys: dict[str, str]) -> None:
    form = {"source": "watchlist", "name": "odd", "jurisdiction": "CA"}
    for given in ("..", "../../etc/passwd", "."):
        files = {"file": (given, b"name,country\n", "text/csv")}
        refused = client.post("/imports", data=form, files=files, headers=as_admin(keys))
        assert refused.status_code == 400, refused.text
        assert refused.json()["type"] == "InputError"
        assert "banwatch-import-" not in refused.text  # the server's folder is not named
