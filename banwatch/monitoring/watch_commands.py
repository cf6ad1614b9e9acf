"""`banwatch watch add|list|remove|check`: a request and the settings in, a report out."""

from __future__ import annotations

import getpass
import json
from collections import Counter
from datetime import date
from typing import IO

from rich.console import Console
from rich.table import Table

from banwatch.loading import compiled_matcher
from banwatch.notices import warn
from banwatch.readers import ColumnChoices, open_inputs
from banwatch.settings import Settings
from banwatch.store import RunStore, WatchSpec
from banwatch.store.audit import AuditLog
from banwatch.store.watch_checks import WatchChecks

from .checking import check_every_watch, send_webhooks
from .watching import WatchReport, strongest


def add_watch(spec: WatchSpec, settings: Settings, out: IO[str]) -> None:
    """Remember a watch, once its files and their columns are read and checked."""
    from pathlib import Path

    open_inputs([Path(f) for f in spec.files], ColumnChoices.parse(spec.columns))
    if spec.webhook and not settings.webhook_secret:
        warn(
            "BANWATCH_WEBHOOK_SECRET is not set: this watch's webhook will not be sent until it is"
        )
    with RunStore(settings.database_url) as store:
        store.add_watch(spec)
    out.write(f"watching {spec.name}: {len(spec.files)} file(s)\n")


def list_watches(fmt: str, settings: Settings, out: IO[str]) -> None:
    """Write every watch: its files, profile, webhook and last check."""
    with RunStore(settings.database_url) as store:
        watches = store.watches()
    if fmt == "jsonl":
        for w in watches:
            out.write(w.model_dump_json() + "\n")
        return
    table = Table(title="watched inventories")
    for column in ("name", "files", "profile", "webhook", "last check"):
        table.add_column(column, overflow="fold")
    for w in watches:
        p = w.profile
        who = f"{p.sector or 'any sector'} in {', '.join(p.jurisdictions) or 'all jurisdictions'}"
        last = f"{w.checked_as_of} (run {w.last_run_id})" if w.checked_as_of else "never"
        table.add_row(w.name, "\n".join(w.files), who, w.webhook or "—", last)
    Console(file=out, width=120, no_color=True, markup=False, highlight=False).print(table)
    out.write(f"{len(watches)} watches\n")


def remove_watch(name: str, settings: Settings, out: IO[str]) -> None:
    """Forget a watch; its saved runs stay."""
    with RunStore(settings.database_url) as store:
        store.remove_watch(name)
    out.write(f"no longer watching {name}\n")


def check_watches(
    as_of: date, fmt: str, settings: Settings, out: IO[str], actor: str | None = None
) -> Counter[str]:
    """Check every watch on `as_of`, write what changed, deliver webhooks (each delivery in the
    audit log as done by `actor`, by default `cli <login>`); return the verdicts."""
    actor = actor or f"cli {getpass.getuser()}"
    matcher = compiled_matcher(settings)
    url = settings.database_url
    with RunStore(url) as store, WatchChecks(url) as checks, AuditLog(url) as audit:
        checked = check_every_watch(matcher, store, checks, as_of, (audit, actor))
        send_webhooks(checked, settings.webhook_secret, checks, audit, actor)
    reports = [c.report for c in checked]
    _write_reports(reports, fmt, out)
    for r in reports:
        if r.error:
            warn(f"watch {r.watch}: not checked: {r.error}")
        if r.delivery and not r.delivery.startswith("delivered"):
            warn(f"watch {r.watch}: webhook {r.delivery}")
    return strongest(reports)


def _write_reports(reports: list[WatchReport], fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        for r in reports:
            out.write(json.dumps(r.json(), ensure_ascii=False) + "\n")
        return
    for r in reports:
        out.write(f"watch {r.watch}, as of {r.as_of}: {_said(r)}\n")
        for c in r.changes:
            row = c["row_b"] if c["row_b"] is not None else c["row_a"]
            out.write(f"  row {row}: {c['verdict_a']} → {c['verdict_b']}: {'; '.join(c['why'])}\n")
        for e in r.events:
            out.write(f"  {e['date']} {e['measure_id']}: {e['summary']}\n")
        for u in r.upcoming:
            out.write(
                f"  ahead, {u['date']} ({u['days_left']} d) {u['measure_id']}: {u['summary']}\n"
            )


def _said(r: WatchReport) -> str:
    if r.error:
        return f"not checked ({r.error})"
    counts = ", ".join(f"{n} {v}" for v, n in sorted(r.verdicts.items()))
    if r.previous_run_id is None:
        return f"first check, run {r.run_id}: {counts}"
    changed = f"{len(r.changes)} records changed, {len(r.events)} new events"
    since = f"since {r.previous_as_of} (run {r.previous_run_id})"
    delivered = f"; webhook {r.delivery}" if r.delivery else ""
    return f"{changed} {since}; run {r.run_id}: {counts}{delivered}"
