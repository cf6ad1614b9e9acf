"""Every role against every route the app serves: the API by key, the pages by session.

The routes are read from the app itself (`app.routes`), so a route added
without a declared expectation fails `test_every_route_has_an_expectation`:
declare it in `API` (called with `Authorization: ApiKey`) or `PAGES` (called
with a session cookie), with the least role that may call it (None: anyone)
and a request that reaches it. Callers: no key, a revoked key, and a key of
each role. A caller let through may still get 404 or 409 (the ids are made
up); never a 5xx. A caller refused gets 401 or 403 in the one error shape
(pages: the sign-in redirect or a 403 page), no key in the answer, and
nothing written to the audit log.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from banwatch.server import create_app
from banwatch.settings import Settings
from banwatch.store.api_keys import KeyStore
from banwatch.store.audit import AuditLog
from banwatch.web.sessions import COOKIE, read, session_secret

from ..importers.support import FIXTURES

ROLES = ["viewer", "analyst", "admin"]
CALLERS = [None, "revoked", *ROLES]
MEASURE = "ca-federal-hikvision-procurement-use-ban-2025"
CSV = ("inventory.csv", b"supplier\nHikvision\n", "text/csv")
WATCHLIST = ("roles-list.csv", (FIXTURES / "watchlist-sample.csv").read_bytes(), "text/csv")


@dataclass(frozen=True)
class Call:
    """How to reach a route, and the least role that may (None: anyone)."""

    needed: str | None
    path: str
    json: Any = None
    data: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)


MATCH = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}}
DECISION = {"status": "confirmed", "reason": "checked", "version": 1}

API: dict[tuple[str, str], Call] = {
    ("GET", "/openapi.json"): Call(None, "/openapi.json"),
    ("GET", "/docs"): Call(None, "/docs"),
    ("GET", "/docs/oauth2-redirect"): Call(None, "/docs/oauth2-redirect"),
    ("GET", "/redoc"): Call(None, "/redoc"),
    ("GET", "/healthz"): Call(None, "/healthz"),
    ("GET", "/readyz"): Call(None, "/readyz"),
    ("GET", "/measures"): Call("viewer", "/measures"),
    ("GET", "/measures/{measure_id}"): Call("viewer", f"/measures/{MEASURE}"),
    ("GET", "/entities/search"): Call("viewer", "/entities/search?q=EZVIZ"),
    ("GET", "/entities/{entity_id}"): Call("viewer", "/entities/hikvision"),
    ("GET", "/runs"): Call("viewer", "/runs"),
    ("GET", "/runs/{run_id}"): Call("viewer", "/runs/no-such-run"),
    ("GET", "/runs/{run_a}/diff/{run_b}"): Call("viewer", "/runs/no-such-run/diff/other"),
    ("GET", "/alerts"): Call("viewer", "/alerts"),
    ("GET", "/alerts/{alert_id}"): Call("viewer", "/alerts/999999999"),
    ("GET", "/audit"): Call("viewer", "/audit?format=csv"),
    ("GET", "/watches"): Call("viewer", "/watches"),
    ("GET", "/watches/{name}/changes"): Call("viewer", "/watches/no-such-watch/changes"),
    ("POST", "/match/{dataset}"): Call("viewer", "/match/default", json=MATCH),
    ("GET", "/search/{dataset}"): Call("viewer", "/search/default?q=EZVIZ"),
    ("GET", "/catalog"): Call("viewer", "/catalog"),
    ("GET", "/algorithms"): Call("viewer", "/algorithms"),
    ("POST", "/screen"): Call(
        "analyst", "/screen", json={"records": [{"supplier": "Hikvision"}], "save": False}
    ),
    ("POST", "/alerts/{alert_id}/decision"): Call(
        "analyst", "/alerts/999999999/decision", json=DECISION
    ),
    ("POST", "/screen/upload"): Call("analyst", "/screen/upload", files={"file": CSV}),
    ("GET", "/jobs"): Call("analyst", "/jobs?status=done&limit=5"),
    ("GET", "/jobs/{job_id}"): Call("analyst", "/jobs/no-such-job"),
    ("POST", "/jobs/{job_id}/cancel"): Call("analyst", "/jobs/no-such-job/cancel"),
    ("GET", "/jobs/{job_id}/result"): Call("analyst", "/jobs/no-such-job/result"),
    ("GET", "/keys"): Call("admin", "/keys"),
    ("POST", "/keys"): Call("admin", "/keys", json={"role": "viewer", "name": "roles test"}),
    ("DELETE", "/keys/{key_id}"): Call("admin", "/keys/0000000000000000"),
    ("POST", "/imports"): Call(
        "admin",
        "/imports",
        data={"source": "watchlist", "jurisdiction": "CA"},
        files={"file": WATCHLIST},
    ),
}

PAGES: dict[tuple[str, str], Call] = {
    ("MOUNT", "/ui/static"): Call(None, "/ui/static/site.css"),
    ("GET", "/ui/login"): Call(None, "/ui/login"),
    ("POST", "/ui/login"): Call(None, "/ui/login", data={"key": "bw_0_none", "next": "/ui/"}),
    ("GET", "/ui/logout"): Call(None, "/ui/logout"),
    ("GET", "/ui/"): Call("viewer", "/ui/"),
    ("GET", "/ui/measures"): Call("viewer", "/ui/measures"),
    ("GET", "/ui/measures/{measure_id}"): Call("viewer", f"/ui/measures/{MEASURE}"),
    ("GET", "/ui/entities/{entity_id}"): Call("viewer", "/ui/entities/hikvision"),
    ("GET", "/ui/runs"): Call("viewer", "/ui/runs"),
    ("GET", "/ui/runs/{run_id}"): Call("viewer", "/ui/runs/no-such-run"),
    ("GET", "/ui/runs/{run_id}/rows/{row}"): Call("viewer", "/ui/runs/no-such-run/rows/0"),
    ("GET", "/ui/runs/{run_id}/findings.{fmt}"): Call(
        "viewer", "/ui/runs/no-such-run/findings.csv"
    ),
    ("GET", "/ui/runs/{run_a}/diff/{run_b}"): Call("viewer", "/ui/runs/no-such-run/diff/other"),
    ("GET", "/ui/runs/{run_id}/diff"): Call("viewer", "/ui/runs/no-such-run/diff?other=x"),
    ("GET", "/ui/alerts"): Call("viewer", "/ui/alerts"),
    ("GET", "/ui/audit"): Call("viewer", "/ui/audit"),
    ("GET", "/ui/audit/entries.{fmt}"): Call("viewer", "/ui/audit/entries.csv"),
    ("POST", "/ui/alerts/{alert_id}/decision"): Call(
        "analyst",
        "/ui/alerts/999999999/decision",
        data={"decision": "confirmed", "reason": "checked", "version": "1"},
    ),
    ("POST", "/ui/screen"): Call("analyst", "/ui/screen", files={"file": CSV}),
    ("GET", "/ui/jobs/{job_id}"): Call("analyst", "/ui/jobs/no-such-job"),
    ("POST", "/ui/jobs/{job_id}/cancel"): Call("analyst", "/ui/jobs/no-such-job/cancel"),
}


def served(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves; a mount is ("MOUNT", its path)."""
    try:  # FastAPI >= 0.16x keeps included routers whole; this walks into them
        from fastapi.routing import iter_route_contexts

        routes: list[Any] = list(iter_route_contexts(app.routes))
    except ImportError:
        routes = list(app.routes)
    found = set()
    for route in routes:
        methods = getattr(route, "methods", None) or {"MOUNT"}
        found |= {(method, route.path) for method in methods if method != "HEAD"}
    return found


def undeclared(app: FastAPI) -> list[str]:
    """The routes `app` serves that neither table declares."""
    return sorted(f"{m} {p}" for m, p in served(app) - API.keys() - PAGES.keys())


def test_every_route_has_an_expectation(client: TestClient) -> None:
    missing = undeclared(client.app)  # type: ignore[arg-type]
    assert not missing, (
        "these routes are served but tests/server/test_roles.py declares no expectation for "
        "them: add each to API (key) or PAGES (session) with the least role that may call it "
        "(None: anyone) and a request that reaches it: " + ", ".join(missing)
    )


def test_a_new_route_without_an_expectation_is_named(settings: Settings) -> None:
    app = create_app(settings)  # not started: only its routes are read
    app.get("/something-new")(lambda: {})
    assert undeclared(app) == ["GET /something-new"]


def expected(caller: str | None, needed: str | None) -> str:
    """What a caller gets: `ok` (let through), `401` (who are you?) or `403` (not you)."""
    if needed is None:
        return "ok"
    if caller is None or caller == "revoked":
        return "401"
    return "ok" if ROLES.index(caller) >= ROLES.index(needed) else "403"


@pytest.fixture(scope="module")
def audit(settings: Settings) -> Iterator[AuditLog]:
    with AuditLog(settings.database_url) as log:
        yield log


def written_by(audit: AuditLog, before: int, caller: str | None) -> list[str]:
    """The entries after the `before`-th that name the caller's key (`make_keys` names it
    `test <role>`). Only these: an upload job another test started may finish meanwhile."""
    mine = f"(test {caller})" if caller else "(no key)"
    return [e.actor for e in audit.entries() if e.seq > before and e.actor.endswith(mine)]


def settle(client: TestClient) -> None:
    """Wait until no upload job of the app is queued or running: one another test started
    writes its audit entry when it ends, which must not land while a refusal is watched."""
    store = client.app.state.jobs.store()  # type: ignore[attr-defined]
    deadline = time.monotonic() + 300
    while store.unfinished():
        assert time.monotonic() < deadline, "an upload job did not end"
        time.sleep(0.05)


def reach(
    client: TestClient, method: str, call: Call, headers: dict[str, str], csrf: str | None = None
) -> Any:
    data = {**call.data, "csrf": csrf} if csrf is not None else call.data
    return client.request(
        method,
        call.path,
        json=call.json,
        data=data or None,
        files=call.files or None,
        headers=headers,
        follow_redirects=False,
    )


def route_ids(table: dict[tuple[str, str], Call]) -> list[str]:
    return [f"{method} {path}" for method, path in table]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("route", "call"), list(API.items()), ids=route_ids(API))
def test_role_against_api(
    client: TestClient,
    keys: dict[str, str],
    audit: AuditLog,
    caller: str | None,
    route: tuple[str, str],
    call: Call,
) -> None:
    if route not in served(client.app):  # type: ignore[arg-type]
        pytest.skip(f"{route} is declared but not served (yet)")
    plain = TestClient(client.app)  # the same loaded app, without the analyst's key
    headers = {"Authorization": f"ApiKey {keys[caller]}"} if caller else {}
    settle(client)
    before = audit.count()
    response = reach(plain, route[0], call, headers)
    got = {401: "401", 403: "403"}.get(response.status_code, "ok")
    assert got == expected(caller, call.needed), response.text
    assert response.status_code < 500, response.text
    if got != "ok":
        assert response.json()["type"] in ("UnauthorizedError", "ForbiddenError")
        assert not written_by(audit, before, caller), "a refused request wrote to the audit log"
    if got == "401":
        assert response.headers["WWW-Authenticate"] == "ApiKey"
    assert all(key not in response.text for key in keys.values())


@pytest.fixture(scope="module")
def sessions(client: TestClient, keys: dict[str, str], settings: Settings) -> dict[str, str]:
    """A session cookie for each role, and one whose key was revoked after signing in."""
    with KeyStore(settings.database_url) as store:
        info, later_revoked = store.create("admin", "test revoked")  # revoked once signed in
    cookies = {}
    for caller, key in [*((role, keys[role]) for role in ROLES), ("revoked", later_revoked)]:
        signer = TestClient(client.app)
        signed = signer.post("/ui/login", data={"key": key}, follow_redirects=False)
        assert signed.status_code == 303, signed.text
        cookies[caller] = signed.cookies[COOKIE]
    with KeyStore(settings.database_url) as store:
        store.revoke(info.id)
    return cookies


def unquoted(cookie: str) -> str:
    """A cookie's value as the server reads it (set_cookie quotes one holding `=`)."""
    jar: SimpleCookie = SimpleCookie()
    jar.load(f"{COOKIE}={cookie}")
    return jar[COOKIE].value


def page_outcome(response: Any) -> str:
    """`login` (sent to sign in), `403`, or `ok`."""
    if response.status_code == 303 and "/ui/login?next=" in response.headers["location"]:
        return "login"
    return "403" if response.status_code == 403 else "ok"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("route", "call"), list(PAGES.items()), ids=route_ids(PAGES))
def test_role_against_page(
    client: TestClient,
    sessions: dict[str, str],
    settings: Settings,
    audit: AuditLog,
    caller: str | None,
    route: tuple[str, str],
    call: Call,
) -> None:
    if route not in served(client.app):  # type: ignore[arg-type]
        pytest.skip(f"{route} is declared but not served (yet)")
    plain = TestClient(client.app)
    cookie = sessions.get(caller or "")
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    # A form carries the session's CSRF token, so a refusal here can only be the role's.
    session = read(unquoted(cookie), session_secret(settings.home)) if cookie else None
    csrf = session.csrf if session and route[0] == "POST" and call.needed else None
    settle(client)
    before = audit.count()
    response = reach(plain, "GET" if route[0] == "MOUNT" else route[0], call, headers, csrf)
    want = {"401": "login"}.get(expected(caller, call.needed), expected(caller, call.needed))
    said = response.text.partition("<main")[2][:600] or response.text[:600]
    assert page_outcome(response) == want, said
    assert response.status_code < 500, said
    if want != "ok":
        assert not written_by(audit, before, caller), "a refused request wrote to the audit log"


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
