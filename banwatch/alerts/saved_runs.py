"""What follows a saved run, however it was made (`banwatch screen`, the API, the web page):
its alerts are opened and its audit entry is written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from banwatch.model.findings import Finding
from banwatch.model.registry import Registry
from banwatch.store import RunSummary, shared
from banwatch.store.alerts import AlertStore
from banwatch.store.audit import AuditLog

from .basis import alert_seeds


def open_run_alerts(
    alerts: AlertStore, registry: Registry, run_id: str, findings: Iterable[Finding]
) -> int:
    """Open an alert for each entity matched by each finding of the run that is not clear."""
    seeds = alert_seeds(registry, (f for f in findings if f.verdict != "clear"))
    return alerts.open_for_run(run_id, seeds)


_CLEAR = ',"verdict":"clear"'


def not_clear(lines: Iterable[str]) -> Iterator[Finding]:
    """The findings of saved lines that are not clear, parsing only those (most lines are clear:
    a line's verdict is read where its record ends, `store.shared.split`)."""
    for line in lines:
        at = shared.split(line)
        if at is not None and line.startswith(_CLEAR, at[0]):
            continue
        finding = Finding.model_validate_json(line)
        if finding.verdict != "clear":
            yield finding


def screening_details(run: RunSummary) -> dict[str, Any]:
    """What the audit log keeps of a saved run: what was screened (its digest), for whom, on
    what."""
    return {
        "input_digest": run.input_digest,
        "records": run.record_count,
        "as_of": run.as_of.isoformat(),
        "profile": run.profile.model_dump(mode="json"),
        "registry_version": run.registry_version,
        "matcher": run.matcher_version,
        "verdicts": run.counts,
    }


def audit_screening(log: AuditLog, run: RunSummary, actor: str) -> int:
    """Write the audit entry of a saved run; return its number."""
    return log.record("screening", actor, f"run {run.id}", screening_details(run))
