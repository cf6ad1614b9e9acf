"""A run's findings downloaded as CSV, XLSX or JSON lines (the same writers as `screen`,
streamed: `server.results`), and the page of what changed between two runs."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from banwatch.errors import UsageError
from banwatch.server.results import MEDIA, findings_stream
from banwatch.store import diff_runs

from .pages import _loaded, page, router, signed_in


@router.get("/runs/{run_id}/findings.{fmt}")
@signed_in()
def download(request: Request, run_id: str, fmt: str) -> Response:
    """The run's findings in `fmt`, as a file to save."""
    if fmt not in MEDIA:
        raise UsageError(f"no download as {fmt!r}; try csv, xlsx or jsonl")
    store = _loaded(request).store()
    run = store.get_run(run_id)
    name = f"banwatch-{run.id}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    chunks = findings_stream(store, run, fmt)
    return StreamingResponse(chunks, media_type=MEDIA[fmt], headers=headers)


@router.get("/runs/{run_a}/diff/{run_b}", response_class=HTMLResponse)
@signed_in()
def diff_page(request: Request, run_a: str, run_b: str) -> Response:
    """The records whose verdict or measures changed from run `a` to run `b`, and why."""
    store = _loaded(request).store()
    a, b = store.get_run(run_a), store.get_run(run_b)
    changes = diff_runs(store.findings(a.id), store.findings(b.id))
    return page(request, "diff.html", f"From run {a.id} to run {b.id}", a=a, b=b, changes=changes)


@router.get("/runs/{run_id}/diff")
@signed_in()
def compare(request: Request, run_id: str, other: str = "") -> Response:
    """The compare form's answer: what changed from the other (earlier) run to this one."""
    if not other:
        raise UsageError("choose a run to compare with")
    return RedirectResponse(f"/ui/runs/{other}/diff/{run_id}", status_code=303)
