"""Checking every watch and sending its webhooks: what `banwatch watch check` and the server's
schedule both run.

Each check is kept (`store.watch_checks`) as soon as it is made, so a
webhook that hangs or fails never loses it, and its run is a screening in
the audit log, as every saved run is. Its run opens no alerts: the check
reports what changed instead, and a schedule would open the same alerts again
with every check. Each delivery (or a webhook not sent for want of a
secret) is then written beside the check and appended to the audit log with
the receiver's host, the HTTP status, the tries and the SHA-256 of the body
sent — never the URL's path or query (they may hold a token) and never the
secret.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from banwatch.alerts.saved_runs import audit_screening
from banwatch.errors import NotFoundError
from banwatch.matching.matcher import Matcher
from banwatch.store import RunStore, WatchState
from banwatch.store.audit import AuditLog
from banwatch.store.watch_checks import WatchChecks

from .watching import WatchReport, check_watch
from .webhooks import Delivery, deliver

NO_SECRET = "not sent: BANWATCH_WEBHOOK_SECRET is not set"


@dataclass(frozen=True)
class Checked:
    """One watch checked: the watch as it was, what the check found, and the kept check's id."""

    watch: WatchState
    report: WatchReport
    check_id: int


def check_every_watch(
    matcher: Matcher,
    store: RunStore,
    checks: WatchChecks,
    as_of: date,
    audited: tuple[AuditLog, str],
    saving: AbstractContextManager[Any] | None = None,
) -> list[Checked]:
    """Check every watch on `as_of` and keep each check; each run saved is a screening in the
    audit log (`audited`: the log, and who checks); `saving` is held while a watch's run is
    screened and saved (the server serialises its saves with it)."""
    audit, actor = audited
    done = []
    for watch in store.watches():
        with saving if saving is not None else nullcontext():
            report = check_watch(watch, matcher, store, as_of)
        if report.run_id is not None:
            audit_screening(audit, store.get_run(report.run_id), actor)
        try:
            check_id = checks.record(
                watch.name, report.as_of, report.run_id, watch.last_run_id, report.json()
            )
        except NotFoundError:
            continue  # removed while it was being checked: nothing left to report to
        done.append(Checked(watch, report, check_id))
    return done


def webhook_body(report: WatchReport) -> bytes:
    """The exact bytes POSTed (and signed) for a report."""
    return json.dumps(report.json(), ensure_ascii=False, sort_keys=True).encode("utf-8")


def host_of(url: str) -> str:
    """The host (and port) of a webhook URL, without credentials, path or query."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{host}:{parts.port}" if parts.port else host


def send_webhooks(
    checked: Iterable[Checked],
    secret: str | None,
    checks: WatchChecks,
    audit: AuditLog,
    actor: str,
) -> None:
    """POST each changed report to its watch's webhook, signed; keep and audit every outcome.

    Sets each report's `delivery` to what happened (for the command's output)."""
    for c in checked:
        url = c.watch.webhook
        if not url or not c.report.changed:
            continue
        if not secret:
            c.report.delivery = NO_SECRET
            checks.delivered(c.check_id, NO_SECRET)
            continue
        body = webhook_body(c.report)
        outcome = deliver(url, body, secret)
        c.report.delivery = outcome.describe()
        checks.delivered(c.check_id, said_of(outcome, host_of(url)))
        audit.record("webhook", actor, f"watch {c.watch.name}", details_of(c, outcome, body))


def said_of(outcome: Delivery, host: str) -> str:
    """A delivery in words, naming only the receiver's host."""
    if outcome.delivered:
        return f"delivered to {host} (HTTP {outcome.status}, try {outcome.attempts})"
    return f"not delivered to {host} after {outcome.attempts} tries: {outcome.error}"


def details_of(c: Checked, outcome: Delivery, body: bytes) -> dict[str, Any]:
    """What the audit log keeps of a delivery."""
    return {
        "host": host_of(c.watch.webhook or ""),
        "delivered": outcome.delivered,
        "status": outcome.status,
        "attempts": outcome.attempts,
        "error": outcome.error,
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "check": c.check_id,
        "run_id": c.report.run_id,
    }
