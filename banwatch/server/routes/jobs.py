"""Upload jobs: `POST /screen/upload` a file, `GET /jobs/{id}` its progress, then its result;
`GET /jobs` lists them, `POST /jobs/{id}/cancel` cancels one.

A job is seen, listed and cancelled by the key that started it and by
admins; to any other key it does not exist (404). Viewers screen nothing, so
every route needs an analyst's key.
"""

from __future__ import annotations

import errno
import shutil
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response, StreamingResponse

from banwatch.errors import NotFoundError, UsageError
from banwatch.model.vocabulary import Act, Level, Sector
from banwatch.readers import READERS, ColumnChoices
from banwatch.store.alerts import ConflictError
from banwatch.store.api_keys import KeyInfo
from banwatch.store.jobs import JobStatus, JobView

from ..auth import requires
from ..deps import Today
from ..jobs import Jobs, Upload
from ..results import MEDIA, findings_stream
from ..schemas import ProfileBody
from ..screening import profile_of

router = APIRouter(tags=["jobs"])
Analyst = Annotated[KeyInfo, Depends(requires("analyst"))]
Format = Literal["csv", "xlsx", "jsonl"]


def jobs_of(request: Request) -> Jobs:
    """The app's jobs."""
    jobs: Jobs = request.app.state.jobs
    return jobs


def start_job(
    jobs: Jobs,
    file: UploadFile,
    body: ProfileBody,
    columns: list[str],
    today: date,
    who: tuple[str | None, str],
) -> JobView:
    """Keep an uploaded file and queue its job for the profile of `body`; UsageError (400)
    for a file type banwatch does not read, a bad jurisdiction or column role. `who` is the
    key's id and how the audit log names it."""
    name = Path(file.filename or "upload").name
    if Path(name).suffix.lower() not in READERS:
        raise UsageError(
            f"{name}: not a file type banwatch reads ({', '.join(READERS)})", field="file"
        )
    profile, choices = profile_of(body, today), ColumnChoices.parse(columns)
    job_id, folder = jobs.receive()
    try:
        _keep(file, folder / name)
        return jobs.submit(job_id, Upload(folder / name, name, profile, choices), *who)
    except BaseException:
        jobs.discard(job_id)
        raise


def _keep(file: UploadFile, path: Path) -> None:
    """Copy the upload to `path`; UsageError if its name cannot be a file's here."""
    try:
        with path.open("wb") as kept:
            shutil.copyfileobj(file.file, kept)
    except ValueError as e:  # a NUL in the name
        raise UsageError(f"cannot keep an upload named {path.name!r}", field="file") from e
    except OSError as e:
        if e.errno not in (errno.ENAMETOOLONG, errno.EINVAL, errno.EILSEQ):
            raise  # the server's trouble (a full disk), not the name's: 500
        raise UsageError(f"cannot keep an upload named {path.name!r}: {e}", field="file") from e


def _split(values: list[str]) -> list[str]:
    """Repeated fields, each maybe a comma-separated list (as the web form's field is)."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def links(job_id: str) -> dict[str, Any]:
    """Where to follow a job, and where its result will be."""
    result = {f: f"/jobs/{job_id}/result?format={f}" for f in ("csv", "xlsx", "jsonl")}
    return {"self": f"/jobs/{job_id}", "result": result}


def job_json(job: JobView) -> dict[str, Any]:
    """`GET /jobs/{id}`: status, progress, and once done the run and its counts."""
    done = job.status == "done"
    progress = {"phase": job.phase, "rows_total": job.rows_total}
    answer: dict[str, Any] = {
        "job_id": job.id,
        "status": job.status,
        "file": job.file_name,
        "started_by": job.actor,
        "profile": job.profile,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "progress": progress | {"rows_screened": job.rows_screened},
        "run_id": job.run_id if done else None,
        "verdicts": job.counts,
        "problems": job.problems,
        "warnings": job.warnings,
        "error": job.error,
        "links": links(job.id),
    }
    if done:
        answer["links"]["run"] = f"/runs/{job.run_id}"
    return answer


def visible(jobs: Jobs, job_id: str, key_id: str, admin: bool) -> JobView:
    """The job if this key may see it: it started the job, or is an admin's; else 404."""
    job = jobs.get(job_id)
    if not admin and job.key_id != key_id:
        raise NotFoundError(f"no job has the id {job_id!r}", record_id=job_id)
    return job


@router.post("/screen/upload", status_code=202)
def upload(
    request: Request,
    file: Annotated[UploadFile, File(description="CSV, TSV, XLSX, JSON lines, Parquet, nmap XML")],
    today: Today,
    who: Analyst,
    as_of: Annotated[date | None, Form(description="The date asked; default today.")] = None,
    jurisdictions: Annotated[list[str], Form(description="CA, US, CA-QC…; none: all")] = [],  # noqa: B006  (FastAPI copies defaults)
    sector: Annotated[Sector | None, Form()] = None,
    level: Annotated[Level | None, Form()] = None,
    acts: Annotated[list[Act], Form()] = [],  # noqa: B006
    columns: Annotated[list[str], Form(description='Column roles: "ROLE=HEADER"')] = [],  # noqa: B006
) -> JSONResponse:
    """Screen a file in the background: `{job_id, status, links}` at once (202); follow
    `GET /jobs/{job_id}`. The run is saved, its alerts opened and audited as `POST /screen`'s."""
    body = ProfileBody(
        as_of=as_of, jurisdictions=_split(jurisdictions), sector=sector, level=level, acts=acts
    )
    job = start_job(jobs_of(request), file, body, columns, today, (who.id, who.actor))
    answer = {"job_id": job.id, "status": job.status, "links": links(job.id)}
    return JSONResponse(answer, status_code=202, headers={"Location": f"/jobs/{job.id}"})


@router.get("/jobs")
def list_jobs(
    request: Request,
    who: Analyst,
    status: Annotated[JobStatus | None, Query(description="Only jobs in this status")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """The caller's jobs, newest first (an admin's: every key's), each as `GET /jobs/{id}`
    gives it."""
    mine = None if who.role == "admin" else who.id
    return {"jobs": [job_json(j) for j in jobs_of(request).listed(mine, status, limit)]}


@router.post("/jobs/{job_id}/cancel")
def cancel_job(request: Request, job_id: str, who: Analyst) -> dict[str, Any]:
    """Cancel a queued or running job before its run is saved: it is `cancelled` at once and
    nothing of it is kept; 409 once it is done, failed, cancelled or saving its run's alerts."""
    return job_json(cancel(jobs_of(request), job_id, who.id, who.role == "admin", who.actor))


def cancel(jobs: Jobs, job_id: str, key_id: str, admin: bool, actor: str) -> JobView:
    """Cancel the job if this key may see it (else 404); the job, now cancelled, or
    ConflictError (409) when it is finished or saving its run. The page's cancel too."""
    job = visible(jobs, job_id, key_id, admin)
    if not jobs.cancel(job.id, actor):
        job = jobs.get(job.id)
        why = "saving its run" if not job.finished else job.status
        raise ConflictError(
            f"job {job.id} is {why}; only a job queued or screening can be cancelled",
            record_id=job.id,
        )
    return jobs.get(job.id)


@router.get("/jobs/{job_id}")
def get_job(request: Request, job_id: str, who: Analyst) -> dict[str, Any]:
    """The job's status (`queued`, `running`, `done`, `failed`), its progress (phase, rows
    counted in the file, rows screened so far) and, once done, its run and counts by verdict."""
    return job_json(visible(jobs_of(request), job_id, who.id, who.role == "admin"))


@router.get("/jobs/{job_id}/result", response_class=Response)
def job_result(
    request: Request, job_id: str, who: Analyst, format: Annotated[Format, Query()] = "jsonl"
) -> Response:
    """The findings of a done job's run, as CSV, XLSX or JSON lines (409 until it is done)."""
    job = visible(jobs_of(request), job_id, who.id, who.role == "admin")
    if job.status != "done" or job.run_id is None:
        why = f": {job.error}" if job.error else "; try again when it is done"
        raise ConflictError(f"job {job.id} is {job.status}{why}", record_id=job.id)
    store = jobs_of(request).loaded.store()
    run = store.get_run(job.run_id)
    headers = {"Content-Disposition": f'attachment; filename="banwatch-{run.id}.{format}"'}
    # Streamed: a large run's findings are never all in memory (`results`).
    chunks = findings_stream(store, run, format)
    return StreamingResponse(chunks, media_type=MEDIA[format], headers=headers)
