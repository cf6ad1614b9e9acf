"""`banwatch alerts` and `banwatch decide` as library functions: the same state as `/alerts`."""

from __future__ import annotations

import json
from typing import IO

from banwatch.settings import Settings
from banwatch.store.alerts import AlertStore, AlertView, Decided


def list_alerts(
    settings: Settings, status: str | None, run_id: str | None, fmt: str, out: IO[str]
) -> None:
    """Write the alerts (oldest first), maybe only those with a status or of one run."""
    with AlertStore(settings.database_url) as store:
        alerts = store.alerts(status, run_id)
    if fmt == "jsonl":
        out.writelines(
            json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n" for a in alerts
        )
        return
    for a in alerts:
        out.write(_line(a) + "\n")


def _line(a: AlertView) -> str:
    record = ", ".join(f"{k}={v}" for k, v in a.record.items() if v)
    said = f" — {a.reason}" if a.reason else (f" — {a.note}" if a.note else "")
    return f"{a.id:>6} v{a.version} {a.status:<9} {a.verdict:<10} {a.entity_id}: {record}{said}"


def decide_alert(
    settings: Settings,
    alert_id: int,
    status: Decided,
    reason: str,
    version: int,
    by: str,
    out: IO[str],
) -> None:
    """Record a decision on an alert at `version`; ConflictError if it was decided meanwhile."""
    with AlertStore(settings.database_url) as store:
        alert = store.decide(alert_id, status, reason, version, by)
    out.write(f"alert {alert.id}: {alert.status} (version {alert.version})\n")
