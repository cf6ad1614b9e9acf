"""Screening an uploaded file from the start page: saved as a run, then shown."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from banwatch.errors import BanwatchError, UsageError
from banwatch.jurisdictions import check_jurisdiction
from banwatch.pipeline import run_screening
from banwatch.readers import READERS, open_inputs
from banwatch.requests import profile_from_options
from banwatch.server.screening import open_alerts
from banwatch.writers import open_writer

from .pages import _loaded, error_page, home, router, signed_in
from .sessions import same_token


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
    """Screen the file for the profile given, save the run, and show it (or the form again,
    saying what was wrong)."""
    if not same_token(request.state.session, csrf):
        return error_page(request, "this form has expired: load the page again", 403)
    try:
        run_id = _screened(request, file, jurisdiction, sector, level, as_of)
    except BanwatchError as e:
        response = home(request, error=str(e))
        response.status_code = 400
        return response
    return RedirectResponse(f"/ui/runs/{run_id}", status_code=303)


def _screened(
    request: Request, upload: UploadFile, jurisdiction: str, sector: str, level: str, as_of: str
) -> str:
    name = Path(upload.filename or "upload").name
    if Path(name).suffix.lower() not in READERS:
        raise UsageError(f"{name}: not a file type banwatch reads ({', '.join(READERS)})")
    try:
        places = tuple(check_jurisdiction(j) for j in jurisdiction.split(",") if j.strip())
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError as e:
        raise UsageError(str(e)) from None
    profile = profile_from_options(day, places, sector or None, (), level or None)
    loaded = _loaded(request)
    matcher = loaded.matcher()
    with tempfile.TemporaryDirectory(prefix="banwatch-upload-") as folder:
        path = Path(folder) / name
        with path.open("wb") as saved:
            shutil.copyfileobj(upload.file, saved)
        inputs = open_inputs([path])
        with open(os.devnull, "w", encoding="utf-8") as sink, loaded.saving:
            outcome = run_screening(
                inputs,
                profile,
                matcher.registry,
                matcher,
                open_writer("jsonl", sink),
                loaded.store(),
                lambda _message: None,
            )
    if outcome.run_id is None:
        raise UsageError("the run could not be saved")
    lines = [line.encode() for line in loaded.store().lines(outcome.run_id)]
    open_alerts(loaded, outcome.run_id, lines)  # as a run saved through the API
    return outcome.run_id
