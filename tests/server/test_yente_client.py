"""yente's API as the `yente-client` package from PyPI speaks it, against a real uvicorn server."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
import yente_client
from yente_client import Client, Company, LegalEntity, Person

from banwatch.matching.config import DEFAULT_CONFIG
from banwatch.matching.matcher import Matcher
from banwatch.server import create_app
from banwatch.settings import Settings

from .conftest import make_keys, settings_for
from .server_support import PATIENCE, served


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return settings_for(tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="module")
def keys(settings: Settings) -> dict[str, str]:
    return make_keys(settings)


@pytest.fixture(scope="module")
def base_url(matcher: Matcher, settings: Settings) -> Iterator[str]:
    app = create_app(settings, load=lambda _s: matcher)
    with served(app) as url:
        deadline = time.monotonic() + PATIENCE
        while httpx.get(f"{url}/readyz").status_code != 200:
            assert time.monotonic() < deadline, "not ready"
            time.sleep(0.02)
        yield url


@pytest.fixture
def client(base_url: str, keys: dict[str, str]) -> Iterator[Client]:
    with Client(base_url=base_url, app_name="banwatch-tests", api_key=keys["viewer"]) as opened:
        yield opened


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        (Company(name=["Hikvision"]), "hikvision"),
        (Company(name=["Hangzhou EZVIZ Network Co., Ltd."], country=["cn"]), "ezviz"),
        (LegalEntity(name=["Huawei Technologies Co., Ltd."]), "huawei"),
    ],
)
def test_match_finds_the_listed_entity(client: Client, entity: Company, expected: str) -> None:
    answer = client.match(entity)
    assert answer.top is not None
    assert answer.top.id == expected
    assert answer.top.match is True
    assert answer.top.explanations  # each feature that fired, with its sentence
    assert answer.total.value >= 1


def test_match_threshold_cutoff_limit_and_exclusions(client: Client) -> None:
    query = Company(name=["EZVIZ"])
    top = client.match(query).top
    assert top is not None
    assert client.match(query, threshold=1.0).top.match is (top.score >= 1.0)  # type: ignore[union-attr]
    assert client.match(query, cutoff=1.0).results == [r for r in [top] if r.score >= 1.0]
    assert len(client.match(query, limit=1).results) == 1
    assert all(r.id != top.id for r in client.match(query, exclude_entities=[top.id]).results)
    assert client.match(query, algorithm="best").top == top
    assert client.match(query, algorithm=DEFAULT_CONFIG.name).top == top


def test_nothing_matches_a_name_banwatch_does_not_list(client: Client) -> None:
    answer = client.match(Company(name=["Acme Office Supplies"]))
    assert answer.results == [] and answer.total.value == 0


def test_a_person_query_is_accepted(client: Client) -> None:
    assert client.match(Person(name=["Ada Lovelace"])).results == []


def test_errors_reach_the_client_as_its_exceptions(client: Client) -> None:
    with pytest.raises(yente_client.BadRequestError):
        client.match(Company(name=["Hikvision"]), algorithm="logic-v2")
    with pytest.raises(yente_client.NotFoundError):
        client.match(Company(name=["Hikvision"]), datasets=["sanctions"])
    with pytest.raises(yente_client.NotFoundError):
        client.fetch("no-such-entity")


def test_search_fetch_catalog_algorithms_health(client: Client) -> None:
    found = client.search("Hikvision")
    assert found.results[0].id == "hikvision"
    assert found.total.value >= 1
    entity = client.fetch("hikvision")
    assert entity.caption == "Hangzhou Hikvision Digital Technology Co., Ltd."
    assert "cn" in entity.properties["country"]
    catalog = client.datasets()
    assert [d.name for d in catalog.datasets if d.load] == ["banwatch", "default"]
    algorithms = client.algorithms()
    assert algorithms.best == algorithms.default == DEFAULT_CONFIG.name
    assert client.healthz().status == client.readyz().status == "ok"


def test_without_a_key_the_client_gets_its_authentication_error(base_url: str) -> None:
    with (
        Client(base_url=base_url, app_name="banwatch-tests") as anonymous,
        pytest.raises(yente_client.AuthenticationError),
    ):
        anonymous.match(Company(name=["Hikvision"]))


def test_the_wire_carries_measures_and_the_registry_version(
    base_url: str, keys: dict[str, str]
) -> None:
    auth = {"Authorization": f"ApiKey {keys['viewer']}"}
    body = {"queries": {"a": {"schema": "Company", "properties": {"name": ["EZVIZ"]}}}}
    answer = httpx.post(
        f"{base_url}/match/default", json=body, params={"as_of": "2025-08-15"}, headers=auth
    )
    data = answer.json()
    version = httpx.get(f"{base_url}/readyz").json()["registry_version"]
    assert data["registry_version"] == version
    result = data["responses"]["a"]["results"][0]
    assert result["via"] == ["ezviz", "hikvision"]
    ban = {m["measure_id"]: m for m in result["measures"]}
    assert ban["ca-federal-hikvision-procurement-use-ban-2025"]["status"] == "in_force"
    assert all(m["sources"] for m in result["measures"])
    for path in ("/catalog", "/search/default?q=EZVIZ", "/entities/ezviz"):
        assert httpx.get(f"{base_url}{path}", headers=auth).json()["registry_version"] == version
