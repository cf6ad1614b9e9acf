"""The start page's uploads go through upload jobs: a small file straight to its run, a large one
to a progress page that refreshes itself (no script) until the run is saved."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from banwatch.matching.matcher import Matcher
from banwatch.server.app import create_app
from banwatch.server.jobs import Jobs
from banwatch.settings import Settings, settings_from
from banwatch.store.runs import RunStore
from banwatch.web import uploads

from .conftest import BROWSER, Site, csrf_of, new_key, sign_in

CAMERAS = b"Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis Communications,P3265-LVE\n"
PATIENCE = 120.0  # seconds a large file may take to screen on a loaded machine


def _form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf": csrf_of(client.get("/", headers=BROWSER).text), **fields}


def _send(client: TestClient, name: str, body: bytes) -> str:
    sent = client.post(
        "/ui/screen",
        files={"file": (name, body, "text/csv")},
        data=_form(client, jurisdiction="CA", as_of="2025-08-15"),
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    return sent.headers["location"]


def _jobs(site: Site) -> Jobs:
    jobs: Jobs = site.app.state.jobs
    return jobs


def test_a_small_file_goes_straight_to_its_run(client: TestClient) -> None:
    where = _send(client, "cameras.csv", CAMERAS)
    assert re.fullmatch(r"/ui/runs/[0-9T]+-[0-9a-f]+", where), where
    run = client.get(where, headers=BROWSER)
    assert 'aria-label="Findings by verdict: 1 prohibited, 1 clear"' in run.text


def test_a_large_file_is_followed_on_its_progress_page_to_its_run(client: TestClient) -> None:
    rows = b"".join(b"Acme Office Supplies %d,Model %d\n" % (n, n) for n in range(60_000))
    where = _send(client, "ledger.csv", b"Supplier,Model\n" + rows + b"Hikvision,DS-2CD\n")
    deadline = time.monotonic() + PATIENCE
    while where.startswith("/ui/jobs/"):
        shown = client.get(where, headers=BROWSER, follow_redirects=False)
        if shown.status_code == 303:
            where = shown.headers["location"]
            break
        assert shown.status_code == 200, shown.text
        assert '<meta http-equiv="refresh" content="2">' in shown.text
        assert (
            '<label for="job-progress">' in shown.text
            and '<progress id="job-progress"' in shown.text
        )
        assert "<title>Screening ledger.csv · banwatch</title>" in shown.text
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.5)
    assert where.startswith("/ui/runs/"), where
    run = client.get(where, headers=BROWSER)
    assert "1 prohibited, 60,000 clear" in run.text or "1 prohibited, 60000 clear" in run.text


def test_a_job_is_cancelled_from_its_progress_page(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "WAIT", 0.0)  # straight to the progress page
    rows = b"".join(b"Acme Office Supplies %d,Model %d\n" % (n, n) for n in range(300_000))
    where = _send(client, "ledger.csv", b"Supplier,Model\n" + rows)
    shown = client.get(where, headers=BROWSER, follow_redirects=False)
    assert f'<form method="post" action="{where}/cancel">' in shown.text
    assert '<button type="submit">Cancel this screening</button>' in shown.text
    sent = {"csrf": csrf_of(shown.text)}
    cancelled = client.post(f"{where}/cancel", data=sent, follow_redirects=False)
    assert cancelled.status_code == 303 and cancelled.headers["location"] == where
    page = client.get(where, headers=BROWSER)
    assert "<title>ledger.csv cancelled · banwatch</title>" in page.text
    assert 'role="alert">cancelled by key ' in page.text and "nothing was saved" in page.text
    assert 'http-equiv="refresh"' not in page.text and "Cancel this screening" not in page.text
    again = client.post(f"{where}/cancel", data=sent, follow_redirects=False)
    assert again.status_code == 409 and "only a job queued or screening" in again.text
    stale = client.post(f"{where}/cancel", data={"csrf": "stale"}, follow_redirects=False)
    assert stale.status_code == 403


def test_the_progress_page_shows_rows_screened_then_the_run(site: Site) -> None:
    """A job row as a server process writes it (its store, its process's name), read by the page."""
    client = site.client
    key_id = _signed_in_key(site)
    store = _jobs(site).store()
    profile = {"as_of": "2025-08-15", "jurisdictions": ["CA"]}
    job = store.create("feedc0de00000001", key_id, "test", "big.csv", profile, _jobs(site).worker)
    queued = client.get(f"/ui/jobs/{job.id}", headers=BROWSER)
    assert "Waiting for the job before it" in queued.text and "<progress" in queued.text
    # The API's path, asked for by a browser, is the page too; other clients get the JSON.
    assert client.get(f"/jobs/{job.id}", headers=BROWSER).text == queued.text
    api = client.get(f"/jobs/{job.id}")  # the API wants its key, not the page's session
    assert api.status_code == 401 and api.headers["content-type"] == "application/json"
    store.progress(job.id, status="running", phase="screening", rows_total=1000, rows_screened=250)
    running = client.get(f"/ui/jobs/{job.id}", headers=BROWSER)
    assert '<progress id="job-progress" max="1000" value="250">' in running.text
    assert "Screening: 250 of about 1,000 rows." in running.text
    with RunStore(site.settings.database_url) as runs:
        run_id = runs.list_runs(1)[0].id
    store.done(job.id, run_id, {"clear": 1000}, (0, []))
    done = client.get(f"/ui/jobs/{job.id}", headers=BROWSER, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/ui/runs/{run_id}"


def test_a_failed_job_says_why_and_stops_refreshing(site: Site) -> None:
    store = _jobs(site).store()
    profile = {"as_of": "2025-08-15"}
    job = store.create(
        "feedc0de00000002", _signed_in_key(site), "t", "x.csv", profile, _jobs(site).worker
    )
    store.failed(job.id, "x.csv: the file is empty")
    failed = site.client.get(f"/ui/jobs/{job.id}", headers=BROWSER)
    assert failed.status_code == 200 and "x.csv: the file is empty" in html.unescape(failed.text)
    assert (
        'http-equiv="refresh"' not in failed.text
        and "<title>x.csv failed · banwatch" in failed.text
    )


def test_another_keys_job_is_not_found_and_a_viewer_may_not_look(site: Site) -> None:
    store = _jobs(site).store()
    job = store.create("feedc0de00000003", "someone", "t", "x.csv", {}, _jobs(site).worker)
    assert site.client.get(f"/ui/jobs/{job.id}", headers=BROWSER).status_code == 404
    viewer = TestClient(site.app)
    sign_in(viewer, new_key(site.settings, "viewer")[1])
    assert viewer.get(f"/ui/jobs/{job.id}", headers=BROWSER).status_code == 403


def _signed_in_key(site: Site) -> str:
    """The key id of the analyst the site's client signed in with."""
    return next(
        k.id for k in site.app.state.loaded.keys().list() if k.name == "analyst for the tests"
    )


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, matcher: Matcher) -> Iterator[TestClient]:
    """A site taking bodies of at most 1 MB, signed in as an analyst."""
    home = tmp_path_factory.mktemp("small")
    settings: Settings = settings_from({"BANWATCH_HOME": str(home), "BANWATCH_MAX_UPLOAD_MB": "1"})
    app = create_app(settings, load=lambda _settings: matcher)
    with TestClient(app) as client:
        while client.get("/readyz").status_code != 200:
            time.sleep(0.05)
        sign_in(client, new_key(settings, "analyst")[1])
        yield client


def test_a_file_over_the_limit_is_an_error_page(small: TestClient) -> None:
    row = b"Acme Office Supplies,a row to fill the file up\n"
    body = b"Supplier,Notes\n" + row * (1_100_000 // len(row))
    sent = small.post(
        "/ui/screen", files={"file": ("big.csv", body, "text/csv")}, data=_form(small)
    )
    assert sent.status_code == 413 and sent.headers["content-type"].startswith("text/html")
    assert "larger than 1 MB" in html.unescape(sent.text) and "<title>" in sent.text
