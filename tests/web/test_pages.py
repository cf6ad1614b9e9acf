"""The pages, rendered over the real registry and a real SQLite store."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from .conftest import BROWSER, Site, csrf_of, new_key, sign_in

CAMERAS = b"Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis Communications,P3265-LVE\n"


def test_a_browser_gets_pages_and_other_clients_the_api(client: TestClient) -> None:
    page = client.get("/measures", headers=BROWSER)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<title>Measures · banwatch</title>" in page.text
    assert "(release embedded) · matcher banwatch-match-" in page.text  # the footer
    api = client.get("/measures")
    assert api.headers["content-type"].startswith("application/json")


def test_a_measure_page_draws_its_legal_life(client: TestClient) -> None:
    page = client.get("/measures/ca-ica-hikvision-canada-2025", headers=BROWSER)
    assert page.status_code == 200
    assert '<svg class="timeline"' in page.text and "today " in page.text
    assert "Who it binds" in page.text and "Sources" in page.text
    assert 'href="/ui/entities/hikvision' in page.text or "/ui/entities/" in page.text


def test_an_entity_page_shows_every_measure_reaching_it_across_jurisdictions(
    client: TestClient,
) -> None:
    page = client.get("/entities/hikvision", headers=BROWSER)
    assert page.status_code == 200
    jurisdictions = set(re.findall(r"<small>([A-Z]{2}(?:-[A-Z]{2})?) · via", page.text))
    assert {"CA", "US"} <= jurisdictions
    assert page.text.count('<svg class="timeline"') >= 3


def test_an_unknown_id_is_a_page_not_a_traceback(client: TestClient) -> None:
    page = client.get("/measures/no-such-measure", headers=BROWSER)
    assert page.status_code == 404 and "no measure 'no-such-measure'" in html.unescape(page.text)
    assert "Traceback" not in page.text


def _form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf": csrf_of(client.get("/", headers=BROWSER).text), **fields}


def test_a_file_screened_from_the_start_page_becomes_a_run_page(client: TestClient) -> None:
    form = _form(client, jurisdiction="CA", sector="government", as_of="2025-08-15")
    sent = client.post(
        "/ui/screen",
        files={"file": ("cameras.csv", CAMERAS, "text/csv")},
        data=form,
        follow_redirects=False,
    )
    assert sent.status_code == 303
    run_page = client.get(sent.headers["location"], headers=BROWSER)
    assert run_page.status_code == 200
    assert 'aria-label="Findings by verdict: 1 prohibited, 1 clear"' in run_page.text
    prohibited = client.get(sent.headers["location"] + "?verdict=prohibited", headers=BROWSER)
    assert "Hikvision" in prohibited.text and "Axis Communications" not in prohibited.text
    row = client.get(sent.headers["location"] + "/rows/0", headers=BROWSER)
    assert "ca-federal-hikvision-procurement-use-ban-2025" in row.text


def test_a_file_banwatch_cannot_read_says_so_on_the_form(client: TestClient) -> None:
    sent = client.post(
        "/ui/screen",
        files={"file": ("scan.pdf", b"%PDF-1.7", "application/pdf")},
        data=_form(client),
    )
    assert sent.status_code == 400
    assert "scan.pdf: not a file type banwatch reads" in html.unescape(sent.text)


def test_a_run_downloads_as_csv_xlsx_and_json_lines_and_compares_with_another(
    client: TestClient,
) -> None:
    runs = []
    for day in ("2025-07-01", "2025-08-15"):
        form = _form(client, jurisdiction="CA", as_of=day)
        sent = client.post(
            "/ui/screen",
            files={"file": ("cameras.csv", CAMERAS, "text/csv")},
            data=form,
            follow_redirects=False,
        )
        runs.append(sent.headers["location"].rsplit("/", 1)[1])
    first, second = runs
    lines = client.get(f"/ui/runs/{second}/findings.jsonl").text.splitlines()
    assert len(lines) == 2 and '"Hikvision"' in lines[0]
    table = client.get(f"/ui/runs/{second}/findings.csv")
    assert table.headers["content-disposition"] == f'attachment; filename="banwatch-{second}.csv"'
    assert table.text.splitlines()[0].startswith("row,")
    assert client.get(f"/ui/runs/{second}/findings.xlsx").content[:2] == b"PK"
    assert client.get(f"/ui/runs/{second}/findings.pdf", headers=BROWSER).status_code == 400
    compared = client.get(f"/ui/runs/{second}/diff?other={first}", headers=BROWSER)
    assert compared.status_code == 200
    assert "in_force → suspended" in html.unescape(compared.text)
    assert (
        client.get(f"/runs/{first}/diff/{second}")
        .headers["content-type"]
        .startswith("application/json")
    )


def test_without_a_session_a_page_sends_the_browser_to_sign_in(site: Site) -> None:
    anonymous = TestClient(site.app)
    sent = anonymous.get("/measures?as_of=2025-08-15", headers=BROWSER, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/ui/login?next=/ui/measures%3Fas_of%3D2025-08-15"
    refused = anonymous.post("/ui/login", data={"key": "bw_nothing"})
    assert refused.status_code == 401 and "not known or was revoked" in refused.text
    _, key = new_key(site.settings, "viewer")
    signed = anonymous.post(
        "/ui/login", data={"key": key, "next": "/ui/measures"}, follow_redirects=False
    )
    cookie = signed.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and key.lower() not in cookie
    assert signed.headers["location"] == "/ui/measures"
    assert anonymous.get("/measures", headers=BROWSER).status_code == 200


def test_a_viewer_may_look_but_not_screen_and_a_form_needs_its_token(site: Site) -> None:
    viewer = TestClient(site.app)
    key_id, key = new_key(site.settings, "viewer")
    sign_in(viewer, key)
    cameras = {"file": ("cameras.csv", CAMERAS, "text/csv")}
    token = csrf_of(viewer.get("/", headers=BROWSER).text)
    assert viewer.post("/ui/screen", files=cameras, data={"csrf": token}).status_code == 403
    analyst = site.client
    assert analyst.post("/ui/screen", files=cameras, data={"csrf": "forged"}).status_code == 403
    from banwatch.store.api_keys import KeyStore

    with KeyStore(site.settings.database_url) as keys:
        keys.revoke(key_id)
    ended = viewer.get("/measures", headers=BROWSER, follow_redirects=False)
    assert ended.status_code == 303 and ended.headers["location"].startswith("/ui/login")


def test_signing_out_ends_the_session(site: Site) -> None:
    other = TestClient(site.app)
    sign_in(other, new_key(site.settings, "viewer")[1])
    assert other.get("/runs", headers=BROWSER).status_code == 200
    other.get("/logout", headers=BROWSER)
    assert other.get("/runs", headers=BROWSER, follow_redirects=False).status_code == 303


def test_alerts_are_decided_with_a_reason_and_a_stale_decision_is_refused_not_lost(
    site: Site,
) -> None:
    analyst = site.client
    form = _form(analyst, jurisdiction="CA", sector="government", as_of="2025-08-15")
    analyst.post("/ui/screen", files={"file": ("cameras.csv", CAMERAS, "text/csv")}, data=form)
    page = analyst.get("/alerts", headers=BROWSER)
    assert page.status_code == 200 and "<title>Alerts · banwatch</title>" in page.text
    alert_id, version = re.findall(
        r'action="/ui/alerts/(\d+)/decision".*?name="version" value="(\d+)"', page.text, re.S
    )[-1]
    token = csrf_of(page.text)
    first = {"csrf": token, "version": version, "decision": "dismissed", "reason": "test camera"}
    done = analyst.post(f"/ui/alerts/{alert_id}/decision", data=first, follow_redirects=False)
    assert done.status_code == 303
    stale = {**first, "decision": "escalated", "reason": "seen on site B"}
    refused = analyst.post(f"/ui/alerts/{alert_id}/decision", data=stale)
    assert refused.status_code == 409
    said = html.unescape(refused.text)
    assert f"alert {alert_id} is at version" in said and "seen on site B" in said
    dismissed = analyst.get("/alerts?status=dismissed", headers=BROWSER).text
    assert "test camera" in dismissed
    viewer = TestClient(site.app)
    sign_in(viewer, new_key(site.settings, "viewer")[1])
    assert 'action="/ui/alerts/' not in viewer.get("/alerts", headers=BROWSER).text
    refused_viewer = viewer.post(f"/ui/alerts/{alert_id}/decision", data=first)
    assert refused_viewer.status_code == 403
