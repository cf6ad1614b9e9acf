"""Screening an uploaded file from the start page, through the API's upload job.

Every upload is a job (`banwatch.server.jobs`), whatever its size: one path
for the API and the page, so a file screened here is saved, its alerts
opened and audited exactly as through `POST /screen/upload`, and the
browser never waits minutes on one request. The form's answer waits up to
`WAIT` seconds for the job: a small file goes straight to its run, a large
one to `/ui/jobs/{id}`, a page that refreshes itself every `REFRESH`
seconds (no script) until the run is saved, then sends the browser there;
until the run is being saved, a button there cancels the job (as `POST
/jobs/{id}/cancel` does).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from banwatch.errors import BanwatchError, UsageError
from banwatch.server.routes.jobs import cancel, jobs_of, start_job, visible
from banwatch.server.schemas import ProfileBody
from banwatch.store.jobs import JobView

from .pages import _loaded, error_page, home, page, router, signed_in
from .sessions import same_token

WAIT = 5.0  # seconds the form's answer waits for its job to finish (a small file does)
REFRESH = 2  # seconds between two looks of the progress page


@router.post("/screen")
@signed_in("analyst")
def screen_upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    csrf: Annotated[str, Form()] = "",
    jurisdiction: Annotated[str, Form()] = "",
    sector: Annotated[str, Form()] = "",
    level: Annotated[str, Form()] = "",
    as_of: Annotated[str, Form()] = "",
) -> Response:
    """Start the file's job for the profile given, and follow it (or show the form again,
    saying what was wrong)."""
    if not same_token(request.state.session, csrf):
        return error_page(request, "this form has expired: load the page again", 403)
    try:
        body = _profile(jurisdiction, sector, level, as_of)
        job = start_job(jobs_of(request), file, body, [], date.today(), _who(request))
    except BanwatchError as e:
        response = home(request, error=str(e))
        response.status_code = 400
        return response
    return RedirectResponse(_next(jobs_of(request).wait(job.id, WAIT)), status_code=303)


def _profile(jurisdiction: str, sector: str, level: str, as_of: str) -> ProfileBody:
    """The form's profile; UsageError saying which field is wrong."""
    try:
        return ProfileBody.model_validate(
            {
                "jurisdictions": [j.strip() for j in jurisdiction.split(",") if j.strip()],
                "sector": sector or None,
                "level": level or None,
                "as_of": as_of or None,
            }
        )
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"{field}: {first['msg']}", field=field) from None


def _who(request: Request) -> tuple[str, str]:
    """The signed-in key's id, and how the audit log names it (as the API does)."""
    key_id = request.state.session.key_id
    keys = _loaded(request).keys().list()
    return key_id, next((k.actor for k in keys if k.id == key_id), f"key {key_id}")


def _next(job: JobView) -> str:
    """Where the browser goes: the run once saved, else the job's progress."""
    return f"/ui/runs/{job.run_id}" if job.status == "done" else f"/ui/jobs/{job.id}"


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
@signed_in("analyst")
def job_page(request: Request, job_id: str) -> Response:
    """A job's progress, refreshing itself; the run's page once it is saved."""
    session = request.state.session
    job = visible(jobs_of(request), job_id, session.key_id, session.role == "admin")
    if job.status == "done":
        return RedirectResponse(_next(job), status_code=303)
    title = f"Screening {job.file_name}" if not job.finished else f"{job.file_name} {job.status}"
    return page(request, "job.html", title, job=job, refresh=REFRESH)


@router.post("/jobs/{job_id}/cancel")
@signed_in("analyst")
def cancel_upload(request: Request, job_id: str, csrf: Annotated[str, Form()] = "") -> Response:
    """Cancel the job and show its page, now saying so (a page saying why not, with 409)."""
    session = request.state.session
    if not same_token(session, csrf):
        return error_page(request, "this form has expired: load the page again", 403)
    admin = session.role == "admin"
    job = cancel(jobs_of(request), job_id, session.key_id, admin, _who(request)[1])
    return RedirectResponse(f"/ui/jobs/{job.id}", status_code=303)
