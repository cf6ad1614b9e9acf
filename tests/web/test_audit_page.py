"""The audit page over a real SQLite store: filters, pages, exports equal to `GET /audit`, and
the chain's check, tampering included."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from banwatch.store.api_keys import KeyStore

from .conftest import BROWSER, Site, new_key, sign_in

RECORDS = [{"Supplier": "Hikvision", "Model": "DS-2CD2143G2-I"}]


def _seqs(page: str) -> list[int]:
    """The entry numbers a page lists, in its order."""
    return [int(n) for n in re.findall(r'<span class="seq">(\d+)</span>', page)]


def _kinds_and_actors(page: str) -> list[tuple[str, str]]:
    """The kind and the actor of each entry a page lists."""
    return re.findall(r'<span class="seq">\d+</span> ([a-z ]+)<br>.*?</td>\s*<td>(.*?)</td>', page)


@pytest.fixture(scope="module")
def screened(site: Site) -> str:
    """A run saved through `POST /screen` (a screening entry) and a decision on its alert, by an
    analyst's key; the API key of a viewer."""
    api = TestClient(
        site.app, headers={"authorization": f"ApiKey {new_key(site.settings, 'analyst')[1]}"}
    )
    body = {"records": RECORDS, "jurisdictions": ["CA"], "as_of": "2025-08-15"}
    assert api.post("/screen", json=body).json()["run_id"]
    [alert, *_] = api.get("/alerts").json()["alerts"]
    decision = {"status": "confirmed", "reason": "ours, on the roof", "version": 1}
    assert api.post(f"/alerts/{alert['id']}/decision", json=decision).status_code == 200
    return new_key(site.settings, "viewer")[1]


def test_a_viewer_sees_the_log_newest_first_with_the_chain_verified(
    site: Site, screened: str
) -> None:
    viewer = TestClient(site.app)
    sign_in(viewer, screened)
    page = viewer.get("/audit", headers=BROWSER)  # a browser's /audit is the page
    assert page.status_code == 200 and "<title>Audit log · banwatch</title>" in page.text
    assert '<a href="/ui/audit">Audit log</a>' in page.text  # in the site's navigation
    seqs = _seqs(page.text)
    assert seqs == sorted(seqs, reverse=True) and seqs[-1] == 1
    assert f"The hash chain verifies: all {len(seqs)} entries are intact." in page.text
    assert {"screening", "decision", "key created"} <= {k for k, _ in _kinds_and_actors(page.text)}
    assert re.search(r'<a href="/ui/runs/[^"]+">run [^<]+</a>', page.text)
    assert re.search(r"input_digest: [0-9a-f]{12}…;", page.text)  # the export has it whole


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("kind=screening", lambda k, a: k == "screening"),
        ("kind=key_created", lambda k, a: k == "key created"),
        ("kind=decision", lambda k, a: k == "decision"),
        ("actor=ANALYST+for", lambda k, a: "analyst for" in a),
        ("kind=screening&actor=nobody-at-all", lambda k, a: False),
    ],
)
def test_the_filters_keep_the_entries_asked_for(
    client: TestClient, screened: str, query: str, kept: Callable[[str, str], bool]
) -> None:
    page = client.get(f"/ui/audit?{query}", headers=BROWSER).text
    rows = _kinds_and_actors(page)
    everything = _seqs(client.get("/ui/audit").text)
    assert len(rows) < len(everything) or query.startswith("actor")
    assert all(kept(kind, html.unescape(actor)) for kind, actor in rows)
    assert bool(rows) == (query != "kind=screening&actor=nobody-at-all")


def test_a_date_range_is_of_utc_days_both_included(client: TestClient, screened: str) -> None:
    today = datetime.now(UTC).date()
    everything = _seqs(client.get("/ui/audit").text)
    same = client.get(f"/ui/audit?since={today}&until={today}").text
    assert _seqs(same) == everything  # every entry was written today (UTC)
    later = client.get(f"/ui/audit?since={today + timedelta(days=1)}").text
    assert _seqs(later) == [] and "No entry matches these filters." in later
    earlier = client.get(f"/ui/audit?until={today - timedelta(days=1)}").text
    assert _seqs(earlier) == []


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("since=2025-13-01", "since: '2025-13-01' is not a date (YYYY-MM-DD)"),
        ("since=2025-09-02&until=2025-09-01", "the first day comes after the last"),
        ("page=0", "page '0': a page is a number from 1"),
        ("page=two", "page 'two': a page is a number from 1"),
    ],
)
def test_a_filter_that_is_no_filter_is_a_page_saying_so(
    client: TestClient, query: str, says: str
) -> None:
    page = client.get(f"/ui/audit?{query}", headers=BROWSER)
    assert page.status_code == 400 and says in html.unescape(page.text)
    assert "Traceback" not in page.text


def test_the_exports_are_what_the_api_gives(site: Site, client: TestClient, screened: str) -> None:
    api = TestClient(site.app)
    key = {"authorization": f"ApiKey {screened}"}
    for fmt in ("csv", "jsonl"):
        exported = client.get(f"/ui/audit/entries.{fmt}")
        assert exported.status_code == 200
        assert exported.text == api.get(f"/audit?format={fmt}", headers=key).text
        assert (
            exported.headers["content-disposition"]
            == f'attachment; filename="banwatch-audit.{fmt}"'
        )
    only = client.get("/ui/audit/entries.jsonl?kind=screening").text.splitlines()
    assert only and all('"kind": "screening"' in line for line in only)
    page = client.get("/ui/audit?kind=screening").text
    assert 'href="/ui/audit/entries.csv?kind=screening"' in page
    assert client.get("/ui/audit/entries.pdf", headers=BROWSER).status_code == 400


def test_a_long_log_comes_a_page_at_a_time(site: Site, client: TestClient) -> None:
    with KeyStore(site.settings.database_url) as keys:
        for n in range(60):
            keys.create("viewer", f"paging {n}", by="the paging test")
    first = client.get("/ui/audit?actor=paging+test").text
    assert _seqs(first) == sorted(_seqs(first), reverse=True) and len(_seqs(first)) == 50
    assert "page 1 of 2" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert 'href="/ui/audit?actor=paging+test&amp;page=2"' in first
    second = client.get("/ui/audit?actor=paging+test&page=2").text
    assert len(_seqs(second)) == 10 and max(_seqs(second)) < min(_seqs(first))
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_a_changed_entry_is_named_on_the_page(site: Site, client: TestClient) -> None:
    engine = create_engine(site.settings.database_url)
    with engine.begin() as conn:
        was = conn.execute(text("SELECT actor FROM audit_log WHERE seq = 2")).scalar_one()
        conn.execute(text("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2"))
    try:
        page = client.get("/ui/audit").text
        assert "The hash chain does not verify: entry 2 breaks it" in page
        assert "its contents do not match its hash" in page and 'role="alert"' in page
        assert "the 1 entries before it are intact" in page
    finally:
        with engine.begin() as conn:  # the chain as it was, for the tests that follow
            conn.execute(text("UPDATE audit_log SET actor = :was WHERE seq = 2"), {"was": was})
        engine.dispose()
    assert "The hash chain verifies" in client.get("/ui/audit").text


def test_without_a_session_the_page_sends_the_browser_to_sign_in(site: Site) -> None:
    sent = TestClient(site.app).get("/ui/audit?kind=decision", follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/ui/login?next=/ui/audit%3Fkind%3Ddecision"
