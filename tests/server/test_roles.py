"""Every role against every endpoint: viewers read, analysts also screen; no key is 401."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

ONE = {"records": [{"supplier": "Hikvision"}], "save": False}
DECISION = {"status": "confirmed", "reason": "checked", "version": 1}
MATCH = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}}

# (method, path, body, the least role that may call it; None: anyone)
ENDPOINTS: list[tuple[str, str, dict[str, Any] | None, str | None]] = [
    ("get", "/healthz", None, None),
    ("get", "/readyz", None, None),
    ("get", "/openapi.json", None, None),
    ("get", "/measures", None, "viewer"),
    ("get", "/measures/ca-federal-hikvision-procurement-use-ban-2025", None, "viewer"),
    ("get", "/entities/hikvision", None, "viewer"),
    ("get", "/entities/search?q=EZVIZ", None, "viewer"),
    ("get", "/runs", None, "viewer"),
    ("get", "/runs/no-such-run", None, "viewer"),
    ("get", "/runs/no-such-run/diff/other", None, "viewer"),
    ("post", "/match/default", MATCH, "viewer"),
    ("get", "/search/default?q=EZVIZ", None, "viewer"),
    ("get", "/catalog", None, "viewer"),
    ("get", "/algorithms", None, "viewer"),
    ("get", "/alerts", None, "viewer"),
    ("get", "/audit", None, "viewer"),
    ("get", "/audit?format=csv", None, "viewer"),
    ("get", "/alerts/999999999", None, "viewer"),
    ("post", "/alerts/999999999/decision", DECISION, "analyst"),
    ("post", "/screen", ONE, "analyst"),
    ("post", "/screen/upload", None, "analyst"),
    ("get", "/jobs/0000000000000000", None, "analyst"),
    ("get", "/jobs/0000000000000000/result", None, "analyst"),
]
ROLES = ["viewer", "analyst", "admin"]
CALLERS = [None, "revoked", *ROLES]


def expected(caller: str | None, needed: str | None) -> str:
    """What a caller gets: `ok` (the endpoint answers), `401` or `403`."""
    if needed is None:
        return "ok"
    if caller is None or caller == "revoked":
        return "401"
    return "ok" if ROLES.index(caller) >= ROLES.index(needed) else "403"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path", "body", "needed"), ENDPOINTS)
def test_role_against_endpoint(
    client: TestClient,
    keys: dict[str, str],
    caller: str | None,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    needed: str | None,
) -> None:
    plain = TestClient(client.app)  # the same loaded app, without the analyst's key
    headers = {"Authorization": f"ApiKey {keys[caller]}"} if caller else {}
    response = plain.request(method, path, json=body, headers=headers)
    got = {401: "401", 403: "403"}.get(response.status_code, "ok")
    assert got == expected(caller, needed), response.text
    if got != "ok":
        assert response.json()["type"] in ("UnauthorizedError", "ForbiddenError")
        assert keys.get(caller or "", "-") not in response.text
    if got == "401":
        assert response.headers["WWW-Authenticate"] == "ApiKey"


@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("Bearer {key}", 200),
        ("apikey {key}", 200),
        ("ApiKey  {key} ", 200),
        ("Basic {key}", 401),
        ("ApiKey", 401),
        ("ApiKey bw_0000000000000000_not-a-key", 401),
    ],
)
def test_authorization_schemes(
    client: TestClient, keys: dict[str, str], header: str, status: int
) -> None:
    plain = TestClient(client.app)
    authorization = header.format(key=keys["viewer"])
    assert plain.get("/catalog", headers={"Authorization": authorization}).status_code == status
