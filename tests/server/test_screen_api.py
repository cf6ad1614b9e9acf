"""`POST /screen` and `/runs`: the CLI's findings over HTTP, saved and read back, on both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ..cli_support import jsonl, screen_jsonl

RECORDS = [
    {"supplier": "EZVIZ Inc.", "model": "CS-C6N"},
    {"supplier": "Hikvision", "notes": "lobby cameras"},
    {"supplier": "Acme Office Supplies"},
    {"vendor": "Huawei Technologies Co., Ltd.", "country": "CN"},
]
PROFILE = {"jurisdictions": ["CA"], "as_of": "2025-08-15", "sector": "government"}


def screen(client: TestClient, **body: object) -> dict[str, object]:
    response = client.post("/screen", json={"records": RECORDS, **PROFILE, **body})
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def test_findings_are_the_lines_the_cli_writes(client: TestClient, tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    cli = screen_jsonl(
        path,
        tmp_path / "home",
        "--jurisdiction",
        "CA",
        "--as-of",
        "2025-08-15",
        "--sector",
        "government",
    )
    assert cli.returncode == 0, cli.stderr
    answer = screen(client, save=False)
    findings = answer["findings"]
    assert isinstance(findings, list)
    # The one difference: a finding names its input, here the request instead of a file.
    assert {f.pop("file") for f in findings} == {"request"}
    assert findings == [{k: v for k, v in f.items() if k != "file"} for f in jsonl(cli.stdout)]
    assert [f["verdict"] for f in jsonl(cli.stdout)][:3] == ["prohibited", "prohibited", "clear"]


def test_the_answer_names_its_registry_matcher_and_date(client: TestClient) -> None:
    answer = screen(client, save=False)
    ready = client.get("/readyz").json()
    assert answer["registry_version"] == ready["registry_version"]
    assert answer["matcher"] == ready["matcher"]
    assert answer["as_of"] == "2025-08-15"
    assert answer["run_id"] is None
    assert answer["verdicts"] == {"prohibited": 2, "clear": 2}


def test_a_saved_run_is_listed_and_read_back_line_for_line(client: TestClient) -> None:
    answer = screen(client)
    run_id = answer["run_id"]
    assert isinstance(run_id, str)
    listed = client.get("/runs").json()["runs"]
    assert run_id in [r["id"] for r in listed]
    read = client.get(f"/runs/{run_id}").json()
    assert read["run"]["id"] == run_id
    assert read["run"]["registry_version"] == answer["registry_version"]
    assert read["findings"] == answer["findings"]


def test_an_unsaved_run_is_not_listed(client: TestClient) -> None:
    before = {r["id"] for r in client.get("/runs").json()["runs"]}
    screen(client, save=False)
    assert {r["id"] for r in client.get("/runs").json()["runs"]} == before


def test_diff_of_two_runs_names_the_changed_record(client: TestClient) -> None:
    first = screen(client)["run_id"]
    second = client.post(
        "/screen", json={"records": [*RECORDS[:2], {"supplier": "Dahua Technology"}], **PROFILE}
    ).json()["run_id"]
    diff = client.get(f"/runs/{first}/diff/{second}").json()
    assert diff["a"]["id"] == first and diff["b"]["id"] == second
    assert diff["changes"], diff
    assert client.get(f"/runs/{first}/diff/{first}").json()["changes"] == []


@pytest.mark.parametrize(
    ("columns", "verdict"),
    [([], "prohibited"), (["ignore=supplier", "name=notes"], "clear")],
)
def test_column_roles_are_chosen_as_with_the_cli(
    client: TestClient, columns: list[str], verdict: str
) -> None:
    body = {"records": [{"supplier": "Hikvision", "notes": "lobby"}], "columns": columns}
    answer = client.post("/screen", json={**body, **PROFILE, "save": False}).json()
    assert answer["findings"][0]["verdict"] == verdict
