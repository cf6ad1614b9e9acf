"""What a run records about itself: the metadata going in and the summary coming out.

Invariant: a `RunSummary` describes a complete run only; runs still being
written are never summarised (see `runs.py`).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from banwatch import __version__
from banwatch.model.profile import Profile
from banwatch.model.registry import RegistryRelease
from banwatch.model.vocabulary import Act, Level, Sector


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RunProfile(_Frozen):
    """Who was screening: jurisdictions (empty: all), sector and level (None: worst case), acts."""

    jurisdictions: list[str] = []
    sector: Sector | None = None
    acts: list[Act] = []
    level: Level | None = None

    @classmethod
    def of(cls, profile: Profile) -> RunProfile:
        """What a run keeps of the profile it was screened for (the date is kept apart)."""
        return cls(
            jurisdictions=list(profile.jurisdictions),
            sector=profile.sector,
            acts=list(profile.acts),
            level=profile.level,
        )

    def asked_on(self, as_of: date) -> Profile:
        """The profile again, asked on `as_of`."""
        return Profile(as_of, tuple(self.jurisdictions), self.sector, tuple(self.acts), self.level)


class InputColumns(_Frozen):
    """How one input file's columns were read: the role of each read column, the rest passed."""

    file: str
    roles: dict[str, str] = {}  # header -> role, in the file's column order
    passed: list[str] = []  # headers passed through unread


class RunMeta(_Frozen):
    """Everything needed to reproduce a run: inputs, date, profile and algorithm versions."""

    input_files: list[str]
    input_digest: str  # sha256 of the input files' bytes, see `digest.input_digest`
    as_of: date
    profile: RunProfile = RunProfile()
    registry_version: str
    matcher_version: str
    banwatch_version: str = __version__
    columns: list[InputColumns] = []  # per input file; empty for runs saved before 0002
    release: RegistryRelease | None = None  # the registry's release and sources; None before 0010


class RunSummary(RunMeta):
    """A complete run as listed by the store: its metadata, when it ran and its totals."""

    id: str
    created_at: datetime
    finished_at: datetime
    record_count: int
    counts: dict[str, int]  # findings per verdict
