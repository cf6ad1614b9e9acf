"""`/measures` and `/entities`: what `banwatch measures` and `banwatch entity` say, over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ..cli_support import run

HIKVISION_BAN = "ca-federal-hikvision-procurement-use-ban-2025"


def test_measures_are_the_rows_the_cli_writes(client: TestClient, tmp_path: Path) -> None:
    asked = ["--jurisdiction", "CA", "--as-of", "2025-08-15", "--sector", "business"]
    cli = run(["measures", *asked, "--format", "json"], tmp_path)
    assert cli.returncode == 0, cli.stderr
    params = {"jurisdiction": "CA", "as_of": "2025-08-15", "sector": "business"}
    answer = client.get("/measures", params=params).json()
    assert answer["measures"] == json.loads(cli.stdout)
    assert answer["registry_version"] == client.get("/readyz").json()["registry_version"]


@pytest.mark.parametrize(
    ("as_of", "status"), [("2025-06-01", "not_yet"), ("2025-08-15", "in_force")]
)
def test_one_measure_as_of_a_date(client: TestClient, as_of: str, status: str) -> None:
    answer = client.get(f"/measures/{HIKVISION_BAN}", params={"as_of": as_of}).json()
    assert answer["measure_id"] == HIKVISION_BAN
    assert answer["status"] == status
    assert answer["as_of"] == as_of
    assert answer["events"] and all("summary" in e for e in answer["events"])
    assert answer["sources"] and all(s.startswith("http") for s in answer["sources"])


def test_an_entity_in_yente_shape_with_the_cli_view(client: TestClient, tmp_path: Path) -> None:
    cli = run(["entity", "hikvision", "--as-of", "2025-08-15", "--format", "json"], tmp_path)
    assert cli.returncode == 0, cli.stderr
    answer = client.get("/entities/hikvision", params={"as_of": "2025-08-15"}).json()
    view = json.loads(cli.stdout)
    assert {k: answer[k] for k in view} == view
    assert answer["caption"] == view["name"]
    assert answer["schema"] == "Organization"
    assert answer["target"] is True
    assert "Hikvision" in answer["properties"]["alias"]


def test_search_finds_the_entity_a_name_refers_to(client: TestClient) -> None:
    answer = client.get("/entities/search", params={"q": "EZVIZ"}).json()
    assert answer["matches"][0]["entity_id"] == "ezviz"
    assert answer["matches"][0]["via"] == ["ezviz", "hikvision"]
