"""What a run records about itself: the metadata going in and the summary coming out.

Invariant: a `RunSummary` describes a complete run only; runs still being
written are never summarised (see `runs.py`).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from banwatch import __version__
from banwatch.model.vocabulary import Act, Level, Sector


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RunProfile(_Frozen):
    """Who was screening: jurisdictions (empty: all), sector and level (None: worst case), acts."""

    jurisdictions: list[str] = []
    sector: Sector | None = None
    acts: list[Act] = []
    level: Level | None = None


class RunMeta(_Frozen):
    """Everything needed to reproduce a run: inputs, date, profile and algorithm versions."""

    input_files: list[str]
    input_digest: str  # sha256 of the input files' bytes, see `digest.input_digest`
    as_of: date
    profile: RunProfile = RunProfile()
    registry_version: str
    matcher_version: str
    banwatch_version: str = __version__


class RunSummary(RunMeta):
    """A complete run as listed by the store: its metadata, when it ran and its totals."""

    id: str
    created_at: datetime
    finished_at: datetime
    record_count: int
    counts: dict[str, int]  # findings per verdict
