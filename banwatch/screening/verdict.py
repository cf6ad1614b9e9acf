"""Who a measure binds, and the verdict one measure gives one match (pure).

The rules follow DESIGN.md: `prohibited` needs a measure in force that binds
the profile and covers the entity with certainty; the same measure stayed or
suspended gives `suspended`; a measure that binds only its own target, one
that only studies or flags, an uncertain match or a low-confidence relation
give `review` at most; anything else is `clear`.
"""

from __future__ import annotations

from dataclasses import dataclass

from banwatch.model.dates import parse_partial
from banwatch.model.measures import Measure
from banwatch.model.profile import Profile
from banwatch.model.vocabulary import VERDICT_RANK, Status, Verdict


@dataclass(frozen=True)
class Binding:
    """Whether a measure binds the profile, and why in words."""

    binds: bool
    target_only: bool
    reason: str


def binding(measure: Measure, profile: Profile) -> Binding:
    """Decide whether `measure` binds `profile` on `profile.as_of`."""
    if not measure.restrictive:
        return Binding(False, False, "restricts nobody: context only")
    sectors = [
        b.sector
        for b in measure.binds
        if b.start is None or parse_partial(b.start) <= profile.as_of
    ]
    if sectors == ["target"] or (sectors and all(s == "target" for s in sectors)):
        return Binding(False, True, "binds only the entity it names, not its customers")
    if not profile.lies_within(measure.jurisdiction):
        return Binding(
            False, False, f"applies in {measure.jurisdiction}, outside your jurisdiction"
        )
    buyer_sectors = [s for s in sectors if s != "target"]
    if not buyer_sectors:
        return Binding(False, False, "binds no party yet on this date")
    if profile.sector is not None and profile.sector not in buyer_sectors:
        return Binding(False, False, f"binds {', '.join(buyer_sectors)}, not {profile.sector}")
    if profile.acts and not set(profile.acts) & set(measure.acts):
        return Binding(
            False, False, f"restricts {', '.join(measure.acts)}, not {', '.join(profile.acts)}"
        )
    who = profile.sector or f"the worst case ({', '.join(buyer_sectors)})"
    return Binding(True, False, f"binds {who} in {measure.jurisdiction}: {', '.join(measure.acts)}")


@dataclass(frozen=True)
class Certainty:
    """How sure the match and the path to the target are."""

    score: float
    certain_at: float
    path_confidence: str
    verified: bool = True

    def doubt(self) -> str | None:
        """Why the evidence is not certain, or None when it is."""
        if self.score < self.certain_at:
            return f"the match is not certain (score {self.score:.2f})"
        if self.path_confidence != "high":
            return f"the link to the target is {self.path_confidence}-confidence"
        if not self.verified:
            return "the link to the target is unverified"
        return None


def measure_verdict(
    measure: Measure, status: Status, bind: Binding, certainty: Certainty, started: bool
) -> tuple[Verdict, str]:
    """The verdict one measure gives one match, and the reason in words."""
    if not measure.restrictive:
        if started:
            return "review", f"context: {measure.type.replace('_', ' ')}, restricts nobody"
        return "clear", "context not yet begun on this date"
    if status in ("not_yet", "ended"):
        word = "not yet in force" if status == "not_yet" else "no longer in force"
        return "clear", f"{word} on this date"
    if bind.target_only:
        return "review", f"{status.replace('_', ' ')}; {bind.reason}"
    if not bind.binds:
        return "clear", bind.reason
    verdict: Verdict = "prohibited" if status == "in_force" else "suspended"
    reason = f"{status.replace('_', ' ')}; {bind.reason}"
    doubt = certainty.doubt()
    if measure.max_verdict == "review":
        doubt = doubt or "the measure sets conditions rather than banning the vendor"
    if doubt and VERDICT_RANK[verdict] > VERDICT_RANK["review"]:
        return "review", f"{reason}; review because {doubt}"
    return verdict, reason


def strongest(verdicts: list[Verdict]) -> Verdict:
    """The strongest of several verdicts; `clear` when there are none."""
    return max(verdicts, key=VERDICT_RANK.__getitem__, default="clear")
