"""A run's findings downloaded as CSV, XLSX or JSON lines (the same writers as `screen`), and
the page of what changed between two runs."""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from banwatch.errors import UsageError
from banwatch.store import RunStore, RunSummary, diff_runs
from banwatch.writers import Summary, open_file_writer, open_writer

from .pages import _loaded, page, router, signed_in

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/runs/{run_id}/findings.{fmt}")
@signed_in()
def download(request: Request, run_id: str, fmt: str) -> Response:
    """The run's findings in `fmt`, as a file to save."""
    if fmt not in MEDIA:
        raise UsageError(f"no download as {fmt!r}; try csv, xlsx or jsonl")
    store = _loaded(request).store()
    run = store.get_run(run_id)
    body = findings_file(store, run, fmt)
    name = f"banwatch-{run.id}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=MEDIA[fmt], headers=headers)


def findings_file(store: RunStore, run: RunSummary, fmt: str) -> bytes:
    """The run's findings as a file in `fmt` (csv, xlsx or jsonl): the page's download, and the
    result of an upload job (`GET /jobs/{id}/result`)."""
    return _xlsx(store, run) if fmt == "xlsx" else _text(store, run, fmt)


def _summary(run: RunSummary) -> Summary:
    return Summary(
        run_id=run.id,
        as_of=run.as_of.isoformat(),
        registry_version=run.registry_version,
        matcher_version=run.matcher_version,
        release=run.release.id if run.release else "",
        verdicts=Counter(run.counts),
    )


def _text(store: RunStore, run: RunSummary, fmt: str) -> bytes:
    if fmt == "jsonl":
        return "".join(f"{line}\n" for line in store.lines(run.id)).encode("utf-8")
    out = io.StringIO()
    writer = open_writer(fmt, out)
    for finding in store.findings(run.id):
        writer.write(finding)
    writer.close(_summary(run))
    return out.getvalue().encode("utf-8")


def _xlsx(store: RunStore, run: RunSummary) -> bytes:
    with tempfile.TemporaryDirectory(prefix="banwatch-download-") as folder:
        path = Path(folder) / "findings.xlsx"
        writer = open_file_writer("xlsx", path)
        for finding in store.findings(run.id):
            writer.write(finding)
        writer.close(_summary(run))
        return path.read_bytes()


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
