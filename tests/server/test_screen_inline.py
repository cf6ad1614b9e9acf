"""`POST /screen` of a few unsaved records answers byte for byte as the temporary file's way.

A small unsaved body is read from memory (`readers.jsonlines.read_objects`)
and screened by the profile's kept `Screening` on the event loop
(`server.screening.screen_kept`); anything else is written to a JSON lines
file and screened as `banwatch screen` does (`screen_body`). Both are called
here on the same loaded app, for bodies with numbers, nested values, nulls,
empty objects, keys only some records have and column choices.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from banwatch.server.schemas import ScreenBody
from banwatch.server.screening import inline, screen_body, screen_kept
from banwatch.server.screenings import INLINE, release_json

RECORDS: list[dict[str, Any]] = [
    {"supplier": "EZVIZ Inc.", "model": "CS-C6N", "qty": 3, "price": 1.5},
    {"vendor": "Hikvision", "tags": ["a", "b"], "meta": {"k": None}},
    {},
    {"supplier": "Acme Office Supplies", "notes": None, "ok": True},
    {"supplier": "Huawei Technologies Co., Ltd.", "country": "CN", "ordered": "not a date"},
    {"supplier": "Dahua Technology", "mac": "zz:zz"},
]
BODIES = [
    {"records": RECORDS},
    {"records": RECORDS, "columns": ["name=vendor"], "jurisdictions": ["CA"]},
    {"records": RECORDS[:1], "as_of": "2025-08-15", "sector": "government", "acts": ["buy"]},
    {"records": RECORDS * (INLINE // len(RECORDS))},
]


@pytest.mark.parametrize("given", BODIES, ids=["plain", "columns", "one", "most"])
def test_the_short_way_answers_as_the_file_does(client: TestClient, given: dict[str, Any]) -> None:
    loaded = client.app.state.loaded  # type: ignore[attr-defined]
    body = ScreenBody.model_validate({**given, "save": False})
    assert inline(body)
    today = date(2025, 9, 1)
    short = screen_kept(body, loaded, today)
    assert short is not None
    assert short == screen_body(body, loaded, today, "test")
    assert screen_kept(body, loaded, today) == short  # again, from the kept screening


def test_records_without_any_key_are_refused_as_before(client: TestClient) -> None:
    body = ScreenBody.model_validate({"records": [{}, {}], "save": False})
    assert screen_kept(body, client.app.state.loaded, date(2025, 9, 1)) is None  # type: ignore[attr-defined]
    refused = client.post("/screen", json={"records": [{}, {}], "save": False})
    assert refused.status_code == 400 and "JSON object" in refused.json()["detail"]


def test_saved_or_larger_bodies_go_the_file_s_way() -> None:
    assert not inline(ScreenBody.model_validate({"records": RECORDS, "save": True}))
    assert not inline(ScreenBody.model_validate({"records": [{"a": "b"}] * (INLINE + 1)}))
    assert not inline(ScreenBody.model_validate({"records": [], "save": False}))


def test_columns_refused_are_refused_every_time(client: TestClient) -> None:
    # The columns of records with the same keys are kept between requests; a refusal is not.
    for body in ({"records": [{"colour": "red"}]}, {"records": RECORDS, "columns": ["name=x"]}):
        for _ in range(2):
            refused = client.post("/screen", json={**body, "save": False})
            assert refused.status_code == 400, refused.text
    answered = client.post(
        "/screen", json={"records": [{"colour": "red", "supplier": "ZTE"}], "save": False}
    )
    assert answered.status_code == 200 and answered.json()["verdicts"]


def test_the_release_is_dumped_once_for_the_registry_in_use(client: TestClient) -> None:
    registry = client.app.state.loaded.registry()  # type: ignore[attr-defined]
    first = release_json(registry)
    assert first == registry.named_release().model_dump(mode="json")
    assert release_json(registry) is first
    pulled = replace(registry, release=registry.release.model_copy(update={"id": "2026-01-01"}))
    assert release_json(pulled)["id"] == "2026-01-01"
    assert release_json(registry) == first
