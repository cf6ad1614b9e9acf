"""The alerts page: open alerts (or those of a status), and deciding them with a reason.

A decision names the alert's version it was made on; if someone decided the
alert meanwhile, the decision is refused with a message and the reason typed
is kept in the form, so nothing is lost.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from banwatch.errors import UsageError
from banwatch.store.alerts import ConflictError, Decided
from banwatch.store.api_keys import may

from .pages import _loaded, error_page, page, router, signed_in
from .sessions import same_token

STATUSES = ("open", "confirmed", "dismissed", "escalated")
DECISIONS = ("confirmed", "dismissed", "escalated")


def _alerts_page(
    request: Request, status: str, message: str = "", kept: dict[int, str] | None = None
) -> Response:
    if status not in STATUSES:
        raise UsageError(f"no alert status {status!r}; one of {', '.join(STATUSES)}")
    listed = _loaded(request).alerts().alerts(status, None, 500)
    session = request.state.session
    context: dict[str, Any] = {"alerts": listed, "status": status, "statuses": STATUSES}
    context |= {"message": message, "kept": kept or {}, "can_decide": may(session.role, "analyst")}
    return page(request, "alerts.html", "Alerts", **context)


@router.get("/alerts", response_class=HTMLResponse)
@signed_in()
def alerts(request: Request, status: str = "open") -> Response:
    return _alerts_page(request, status)


@router.post("/alerts/{alert_id}/decision")
@signed_in("analyst")
def decide(
    request: Request,
    alert_id: int,
    decision: Annotated[str, Form()],
    reason: Annotated[str, Form()],
    version: Annotated[int, Form()],
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Record the decision, or say why not, keeping what was typed."""
    session = request.state.session
    if not same_token(session, csrf):
        return error_page(request, "this form has expired: load the page again", 403)
    if decision not in DECISIONS or not reason.strip():
        raise UsageError("choose confirm, dismiss or escalate, and give a reason")
    loaded = _loaded(request)
    actor = next(
        (k.actor for k in loaded.keys().list() if k.id == session.key_id), f"key {session.key_id}"
    )
    try:
        loaded.alerts().decide(alert_id, cast(Decided, decision), reason.strip(), version, actor)
    except ConflictError as e:
        current, _ = loaded.alerts().get(alert_id)  # shown where it now is, with the reason typed
        response = _alerts_page(request, current.status, str(e), {alert_id: reason})
        response.status_code = 409
        return response
    return RedirectResponse("/ui/alerts", status_code=303)
