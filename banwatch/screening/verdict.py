"""Who a measure binds, and the verdict one measure gives one match (pure).

The rules follow DESIGN.md: `prohibited` needs a measure in force that binds
the profile (its jurisdiction, sector, level and the acts asked about) and
covers the entity, the record's kind of product and its acquisition date, with
certainty; the same measure stayed or suspended gives `suspended`. `review` at
most: a measure that binds only its own target or the institution that made
it, one that only studies or flags, one that restricts acts not asked about,
one that covers product kinds the record may not be, an uncertain match, a
low-confidence relation. Anything else is `clear`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from banwatch.model.dates import parse_partial
from banwatch.model.measures import Binding as MeasureBinding
from banwatch.model.measures import Measure
from banwatch.model.profile import Profile
from banwatch.model.vocabulary import VERDICT_RANK, Status, Verdict

_ONLY_NAMED = {"target": "the entity it names", "institution": "the institution that made it"}


@dataclass(frozen=True)
class ProfileBinding:
    """Whether a measure binds the profile, and why in words.

    `target_only`: it binds only the parties it names (its target, or the
    institution that made it), so to others it is context. `other_acts`: it
    binds the profile's sector and place but restricts acts not asked about.
    """

    binds: bool
    target_only: bool
    reason: str
    other_acts: bool = False


def binding(measure: Measure, profile: Profile) -> ProfileBinding:
    """Decide whether `measure` binds `profile` on `profile.as_of`."""
    if not measure.restrictive:
        return ProfileBinding(False, False, "restricts nobody: context only")
    active = [
        b for b in measure.binds if b.start is None or parse_partial(b.start) <= profile.as_of
    ]
    buyers = [b for b in active if b.sector not in _ONLY_NAMED]
    if active and not buyers:
        named = sorted({_ONLY_NAMED[b.sector] for b in active})
        return ProfileBinding(False, True, f"binds only {' and '.join(named)}, not its customers")
    if not profile.lies_within(measure.jurisdiction, measure.member_states):
        where = measure.jurisdiction
        if where == "EU" and not measure.member_states:
            return ProfileBinding(False, False, "binds EU bodies, not the member states")
        return ProfileBinding(False, False, f"applies in {where}, outside your jurisdiction")
    sectors = list(dict.fromkeys(b.sector for b in buyers))
    if not sectors:
        return ProfileBinding(False, False, "binds no party yet on this date")
    if profile.sector is not None and profile.sector not in sectors:
        return ProfileBinding(False, False, f"binds {', '.join(sectors)}, not {profile.sector}")
    bound = [b for b in buyers if _binds_party(b, profile)]
    if not bound:
        levels = sorted({lv for b in buyers if b.sector == "government" for lv in b.levels})
        return ProfileBinding(
            False, False, f"binds {'/'.join(levels)} government, not {profile.level} government"
        )
    asked = profile.asked_acts
    if not set(asked) & set(measure.acts):
        return ProfileBinding(
            False,
            False,
            f"restricts {', '.join(measure.acts)}, not {', '.join(asked)} "
            "(ask with --act to have it decide)",
            other_acts=True,
        )
    who = profile.sector or f"the worst case ({', '.join(sectors)})"
    if profile.level is not None and any(b.sector == "government" for b in bound):
        who = f"{who} at {profile.level} level"
    return ProfileBinding(
        True, False, f"binds {who} in {measure.jurisdiction}: {', '.join(measure.acts)}"
    )


def _binds_party(b: MeasureBinding, profile: Profile) -> bool:
    """Whether one binding reaches the profile's sector and level (none given: any)."""
    if profile.sector is not None and b.sector != profile.sector:
        return False
    return not (b.sector == "government" and b.levels and profile.level not in (None, *b.levels))


@dataclass(frozen=True)
class Certainty:
    """How sure the match and the path to the target are."""

    score: float
    certain_at: float
    path_confidence: str
    verified: bool = True
    family_member: bool = False  # the name reads as a probable member of the family, no more

    def doubt(self) -> str | None:
        """Why the evidence is not certain, or None when it is."""
        if self.score < self.certain_at and self.family_member:
            return (
                "the name reads as a probable member of this family that the registry does not list"
            )
        if self.score < self.certain_at:
            return f"the match is not certain (score {self.score:.2f})"
        if self.path_confidence != "high":
            return f"the link to the target is {self.path_confidence}-confidence"
        if not self.verified:
            return "the link to the target is unverified"
        return None


@dataclass(frozen=True)
class Scope:
    """What a record is: its kinds of product and the day it was acquired, when known."""

    kinds: frozenset[str] = frozenset()
    acquired: date | None = None


NO_SCOPE = Scope()


def coverage(
    measure: Measure, target: int, scope: Scope, as_of: date
) -> tuple[bool | None, str | None]:
    """Whether the measure covers this record's product: True, False, or None when unknown.

    A measure (or one of its targets) may cover only some kinds of product,
    and only what is acquired from a cut-off day; without the record's own
    date, the question is whether buying it on the date asked is allowed.
    """
    kinds = measure.targets[target].products or measure.products
    if kinds:
        covered = ", ".join(k.replace("_", " ") for k in kinds)
        if not scope.kinds:
            return None, f"it covers only {covered}, and the record's kind of product is unknown"
        if not scope.kinds & set(kinds):
            what = ", ".join(sorted(k.replace("_", " ") for k in scope.kinds))
            return False, f"it covers only {covered}, not {what}"
    if measure.acquired_from is not None:
        cutoff = parse_partial(measure.acquired_from)
        day = scope.acquired or as_of
        if day < cutoff:
            whose = "the record's date" if scope.acquired else "the date asked"
            return (
                False,
                f"it covers what is acquired from {measure.acquired_from}; {whose} is earlier",
            )
    return True, None


def measure_verdict(
    measure: Measure,
    status: Status,
    bind: ProfileBinding,
    certainty: Certainty,
    started: bool,
    covers: tuple[bool | None, str | None] = (True, None),
) -> tuple[Verdict, str]:
    """The verdict one measure gives one match, and the reason in words."""
    if not measure.restrictive:
        if started:
            return "review", f"context: {measure.type.replace('_', ' ')}, restricts nobody"
        return "clear", "context not yet begun on this date"
    if status in ("not_yet", "ended", "pending"):
        word = "not yet in force" if status != "ended" else "no longer in force"
        return "clear", f"{word} on this date"
    state = status.replace("_", " ")
    covered, why = covers
    if covered is False:
        # A product the measure does not cover is outside it, whoever asks
        # about whichever act: so a wider question never turns this clear
        # into a review.
        return "clear", f"{state}; not covered: {why}"
    if bind.target_only or bind.other_acts:
        return "review", f"{state}; {bind.reason}"
    if not bind.binds:
        return "clear", bind.reason
    verdict: Verdict = "prohibited" if status == "in_force" else "suspended"
    reason = f"{state}; {bind.reason}"
    doubt = certainty.doubt() or (why if covered is None else None)
    if measure.max_verdict == "review":
        doubt = doubt or "the measure sets conditions rather than banning the vendor"
    if not measure.verified:
        doubt = doubt or "the measure itself is not confirmed by its sources"
    if doubt and VERDICT_RANK[verdict] > VERDICT_RANK["review"]:
        return "review", f"{reason}; review because {doubt}"
    return verdict, reason


def strongest(verdicts: list[Verdict]) -> Verdict:
    """The strongest of several verdicts; `clear` when there are none."""
    return max(verdicts, key=VERDICT_RANK.__getitem__, default="clear")
