"""Request and response bodies of banwatch's own endpoints (yente's live in `yente_shapes`).

Findings are not modelled here: they are the JSON lines `screen --format
jsonl` writes (`banwatch.writers.finding_json`, `banwatch.model.findings`),
passed through byte for byte.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from banwatch.model.vocabulary import Act, Level, Sector

MAX_RECORDS = 10_000
"""The most records one `POST /screen` may carry (more is 413)."""


class ProfileBody(BaseModel):
    """Who asks, and as of when: the profile options of the CLI."""

    model_config = ConfigDict(extra="forbid")

    as_of: date | None = Field(None, description="The date asked (ISO 8601); default today.")
    # Factories, not `[]`: pydantic deep-copies a mutable default for every body it reads.
    jurisdictions: list[str] = Field(
        default_factory=list,
        description="ISO 3166 codes you are in (CA, US, CA-QC, EU); none: every jurisdiction.",
    )
    sector: Sector | None = Field(None, description="Your sector; none: the worst case.")
    level: Level | None = Field(None, description="For government: your level.")
    acts: list[Act] = Field(
        default_factory=list, description="What you do with the items; none: buy and use."
    )


class ScreenBody(ProfileBody):
    """`POST /screen`: records as objects of cells, as a JSON lines file holds them."""

    records: list[dict[str, Any]] = Field(
        description=f"One object per record, its cells by column name (at most {MAX_RECORDS})."
    )
    columns: list[str] = Field(
        default_factory=list,
        description='Column roles as `--column` takes them: "ROLE=HEADER" (name=Vendor).',
    )
    save: bool = Field(True, description="Save the run in the run store (false: only answer).")


class Status(BaseModel):
    """`/healthz` and `/readyz`."""

    status: str
    registry_version: str | None = None
    release: dict[str, Any] | None = None  # `model.registry.RegistryRelease`
    matcher: str | None = None
    detail: str | None = None
