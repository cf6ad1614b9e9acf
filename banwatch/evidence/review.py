"""What an evidence pack holds of the review of a run: its alerts with every decision, and
the audit entries about it.

`decisions.jsonl` is one line per alert of the run, `{"alert": ..., "decisions":
[...]}`, decisions in the order taken. `audit.jsonl` is every audit entry
about the run, in order and whole (number, time, hashes), so an auditor can
match each against the server's chain (`banwatch audit verify`): the run's
screening, the decisions on its alerts, and the webhook deliveries of the
watch checks that saved it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from banwatch.store.alerts import AlertStore
from banwatch.store.audit import AuditLog, Entry

MAX_ALERTS = 10_000_000  # every alert of the run: the store's listing wants a bound


def review_files(url: str, run_id: str) -> tuple[list[tuple[str, bytes]], dict[str, int]]:
    """The run's `decisions.jsonl` and `audit.jsonl`, and how many alerts, decisions and audit
    entries they hold."""
    with AlertStore(url) as store:
        alerts = [store.get(a.id) for a in store.alerts(None, run_id, MAX_ALERTS)]
    lines = [
        {
            "alert": alert.model_dump(mode="json"),
            "decisions": [d.model_dump(mode="json") for d in decisions],
        }
        for alert, decisions in alerts
    ]
    with AuditLog(url) as log:
        entries = list(about_run(log.entries(), run_id, {a.id for a, _ in alerts}))
    counts = {
        "alerts": len(alerts),
        "decisions": sum(len(d) for _, d in alerts),
        "audit_entries": len(entries),
    }
    files = [
        ("decisions.jsonl", _jsonl(lines)),
        ("audit.jsonl", _jsonl(e.model_dump(mode="json") for e in entries)),
    ]
    return files, counts


def about_run(entries: Iterable[Entry], run_id: str, alert_ids: set[int]) -> Iterable[Entry]:
    """The entries about the run: its own, its alerts', and those naming it in their details."""
    subjects = {f"run {run_id}", *(f"alert {i}" for i in alert_ids)}
    for e in entries:
        if e.subject in subjects or e.details.get("run_id") == run_id:
            yield e


def _jsonl(items: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items).encode("utf-8")
