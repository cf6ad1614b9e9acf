"""`/alerts`: the alerts of saved runs, one alert's history, and decisions on them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from banwatch.store.alerts import AlertStatus, Decided
from banwatch.store.api_keys import KeyInfo

from ..auth import requires
from ..deps import State

router = APIRouter(tags=["alerts"], dependencies=[Depends(requires("viewer"))])


class DecisionBody(BaseModel):
    """`POST /alerts/{id}/decision`: what was decided, why, and on which version of the alert."""

    model_config = ConfigDict(extra="forbid")

    status: Decided
    reason: str = Field(min_length=1, description="Why, in words an auditor will read.")
    version: int = Field(ge=1, description="The alert's version the decision was made on.")


@router.get("/alerts")
def list_alerts(
    loaded: State,
    status: AlertStatus | None = None,
    run_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> dict[str, Any]:
    """Alerts, oldest first: every entity matched by a non-clear finding of a saved run."""
    alerts = loaded.alerts().alerts(status, run_id, limit)
    return {"alerts": [a.model_dump(mode="json") for a in alerts]}


@router.get("/alerts/{alert_id}")
def get_alert(alert_id: int, loaded: State) -> dict[str, Any]:
    """One alert and every decision taken on it, in order."""
    alert, decisions = loaded.alerts().get(alert_id)
    return {
        "alert": alert.model_dump(mode="json"),
        "decisions": [d.model_dump(mode="json") for d in decisions],
    }


@router.post("/alerts/{alert_id}/decision")
def decide(
    alert_id: int,
    body: DecisionBody,
    loaded: State,
    who: Annotated[KeyInfo, Depends(requires("analyst"))],
) -> dict[str, Any]:
    """Decide an alert; 409 if it was decided since the version named (nothing is written)."""
    alert = loaded.alerts().decide(alert_id, body.status, body.reason, body.version, who.actor)
    return {"alert": alert.model_dump(mode="json")}
