"""Every error answers in one JSON shape, with the status its domain error maps to."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from banwatch.errors import InputError, NotFoundError, StoreError, UsageError
from banwatch.server.errors import NotReadyError, TooLargeError, status_of
from banwatch.server.schemas import MAX_RECORDS

SHAPE = {"detail", "type", "status", "file", "row", "column", "field"}
ONE = [{"supplier": "Hikvision"}]

CASES: list[tuple[str, str, dict[str, Any] | None, int, str]] = [
    ("post", "/screen", {"records": ONE, "jurisdictions": ["XX"]}, 400, "UsageError"),
    ("post", "/screen", {"records": ONE, "columns": ["colour=supplier"]}, 400, "UsageError"),
    ("post", "/screen", {"records": [{"price": "3"}]}, 400, "InputError"),
    ("post", "/screen", {"records": ONE, "sector": "pirates"}, 422, "ValidationError"),
    ("post", "/screen", {"records": ONE * (MAX_RECORDS + 1)}, 413, "TooLargeError"),
    ("get", "/measures/no-such-measure", None, 404, "NotFoundError"),
    ("get", "/entities/no-such-entity", None, 404, "NotFoundError"),
    ("get", "/runs/no-such-run", None, 404, "NotFoundError"),
    ("get", "/measures?jurisdiction=XX", None, 400, "UsageError"),
    ("post", "/match/other", {"queries": {}}, 404, "NotFoundError"),
    ("get", "/no-such-path", None, 404, "HTTPError"),
]


@pytest.mark.parametrize(("method", "path", "body", "status", "kind"), CASES)
def test_error_shape(
    client: TestClient, method: str, path: str, body: dict[str, Any] | None, status: int, kind: str
) -> None:
    response = client.request(method, path, json=body)
    assert response.status_code == status, response.text
    answer = response.json()
    assert set(answer) == SHAPE
    assert answer["status"] == status and answer["type"] == kind and answer["detail"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (UsageError("x"), 400),
        (InputError("x"), 400),
        (NotFoundError("x"), 404),
        (TooLargeError("x"), 413),
        (NotReadyError("x"), 503),
        (StoreError("x"), 500),
    ],
)
def test_one_table_maps_domain_errors(error: Exception, status: int) -> None:
    assert status_of(error) == status  # type: ignore[arg-type]
