"""Conversions between the store's pydantic models and its table rows.

Invariant: `finding_from_row` reads a `findings` row of the layout before
revision 0004 (runs saved since keep their findings' JSON lines, `batches.py`)
back into the finding it was written from, nested models included.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from banwatch.errors import StoreError
from banwatch.model.findings import Finding
from banwatch.model.registry import RegistryRelease
from banwatch.store.meta import InputColumns, RunMeta, RunProfile, RunSummary
from banwatch.store.tables import RUNNING, FindingRow, Run


def run_values(meta: RunMeta, now: datetime) -> dict[str, Any]:
    """The `runs` columns of a run starting now (all but its id)."""
    return {
        "created_at": now,
        "updated_at": now,
        "finished_at": None,
        "status": RUNNING,
        "input_digest": meta.input_digest,
        "input_files": list(meta.input_files),
        "as_of": meta.as_of.isoformat(),
        "profile": meta.profile.model_dump(mode="json"),
        "registry_version": meta.registry_version,
        "matcher_version": meta.matcher_version,
        "banwatch_version": meta.banwatch_version,
        "record_count": 0,
        "counts": {},
        "columns": [c.model_dump(mode="json") for c in meta.columns],
        # Only when known, so a run without one can still be written under revisions before 0010.
        **({"release": meta.release.model_dump(mode="json")} if meta.release else {}),
    }


def finding_from_row(row: FindingRow) -> Finding:
    """The finding stored in an old-layout `findings` row."""
    return Finding.model_validate(
        {
            "row": row.row,
            "record": row.record,
            "verdict": row.verdict,
            "matches": row.matches,
            "warnings": row.warnings,
            "file": row.file,
            "nearest": row.nearest,
        }
    )


def summary_from_run(run: Run) -> RunSummary:
    """The summary of a complete run."""
    if run.finished_at is None:
        raise StoreError("a complete run has no finish time", record_id=run.id)
    return RunSummary(
        id=run.id,
        created_at=run.created_at,
        finished_at=run.finished_at,
        input_files=list(run.input_files),
        input_digest=run.input_digest,
        as_of=date.fromisoformat(run.as_of),
        profile=RunProfile.model_validate(run.profile),
        registry_version=run.registry_version,
        matcher_version=run.matcher_version,
        banwatch_version=run.banwatch_version,
        record_count=run.record_count,
        counts=dict(run.counts),
        columns=[InputColumns.model_validate(c) for c in run.columns or []],
        release=RegistryRelease.model_validate(run.release) if run.release else None,
    )
