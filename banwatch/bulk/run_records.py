"""What a screening run is given and what it records about itself, whichever engine runs it.

Invariants:
- Every engine builds the run's metadata (`run_meta`) and its closing summary
  (`run_summary`) with these functions, so a run saved by one engine is
  recorded exactly as the same run by another.
- `Run` is plain data: an engine gets everything it needs from it, nothing
  from module state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.readers import Inputs
from banwatch.store import InputColumns, RunMeta, RunProfile, RunStore, input_digest
from banwatch.writers import Summary, Writer


@dataclass(frozen=True)
class Run:
    """One screening run's inputs: what to read, how to judge, where findings and the run go."""

    inputs: Inputs
    profile: Profile
    registry: Registry
    matcher: Matcher
    writer: Writer | None  # None only when an engine writes the findings itself (Parquet on Spark)
    store: RunStore | None
    warn: Callable[[str], None]
    progress: Callable[[int], None] | None = None
    explain: bool = False


@dataclass(frozen=True)
class RunOutcome:
    """What a run produced."""

    run_id: str | None
    verdicts: Counter[str]
    problems: int


def run_meta(inputs: Inputs, profile: Profile, registry: Registry, matcher: Matcher) -> RunMeta:
    """What a run records about itself before its first finding."""
    return RunMeta(
        input_files=[f.label for f in inputs.files],
        input_digest=input_digest(inputs.paths),
        as_of=profile.as_of,
        profile=RunProfile.of(profile),
        registry_version=registry.version,
        matcher_version=matcher.version,
        release=registry.named_release(),
        columns=[
            InputColumns(file=label, roles=dict(columns.roles), passed=list(columns.passed()))
            for label, columns in inputs.layout()
        ],
    )


def run_summary(
    run_id: str | None,
    profile: Profile,
    registry: Registry,
    matcher: Matcher,
    verdicts: Counter[str],
    problems: int,
) -> Summary:
    """What a finished run tells its writer, whichever engine ran it."""
    return Summary(
        run_id=run_id,
        as_of=profile.as_of.isoformat(),
        profile=describe_profile(profile),
        registry_version=registry.version,
        matcher_version=matcher.version,
        release=registry.release.id,
        verdicts=verdicts,
        problems=problems,
    )


def describe_profile(profile: Profile) -> str:
    """The profile in words, for headers and logs."""
    where = ", ".join(profile.jurisdictions) or "all jurisdictions"
    who: str = profile.sector or "any sector (worst case)"
    if profile.level is not None:
        who = f"{who}, {profile.level} level"
    asked = ", ".join(profile.asked_acts)
    acts = f", acts: {asked}" if profile.acts else f", acts: {asked} (default)"
    return f"{who} in {where}{acts}"
