"""Measures: legal acts of an authority, with targets, bound parties and a timeline.

Who a measure binds decides verdicts. `binds` lists sectors (optionally from a
date, when a later phase extends the measure to them) or the single word
`target` for an order that binds only the entity it names. A measure with
`restrictive: false` (a court proceeding, a parliamentary study, an
informational designation) restricts nobody and is only ever context.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from banwatch.model.dates import PartialDate
from banwatch.model.entities import SLUG
from banwatch.model.vocabulary import (
    Act,
    Confidence,
    Coverage,
    Effect,
    EventType,
    Level,
    ProductKind,
    Sector,
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Binding(_Frozen):
    """One party a measure binds: a sector, only the measure's own targets, or only its maker.

    `target`: an order addressed to the entities it names (a wind-up order).
    `institution`: a body's decision about its own purchases and devices (the
    European Parliament's contract, the Commission's staff phones) binds that
    body alone. `levels` narrows `government` to national, regional or local
    bodies; empty means every level.
    """

    sector: Sector | Literal["target", "institution"]
    levels: list[Level] = []
    start: PartialDate | None = Field(default=None, alias="from")
    note: str | None = None


class Target(_Frozen):
    """An entity (or an unnamed category) a measure is aimed at."""

    name: str = Field(min_length=1)
    entity: str | None = Field(default=None, pattern=SLUG)
    covers: list[Coverage] = ["entity", "subsidiaries", "brands", "products"]
    date_added: PartialDate | None = None
    date_removed: PartialDate | None = None  # delisted: the measure no longer reaches it
    # Listed, date not given (an imported entry without a listing date): the
    # entry counts on every date asked, and says so.
    undated: bool = False
    products: list[ProductKind] = []  # kinds covered for this target; empty: the measure's
    role: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _dated_or_not(self) -> Target:
        if self.undated and self.date_added is not None:
            raise ValueError("a target is either undated or has a date_added, not both")
        return self


class Event(_Frozen):
    """A dated step in a measure's life; `effect` fixes how its status changes."""

    date: PartialDate | None
    type: EventType
    effect: Effect = "none"
    summary: str = Field(min_length=1)
    source: HttpUrl | None = None
    date_approx: bool = False
    verified: bool = True
    confidence: Confidence | None = None
    reason: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _sourced(self) -> Event:
        if self.source is None and self.verified:
            raise ValueError("an event needs a source, or verified: false with a reason")
        if self.date is None and self.effect != "none":
            raise ValueError("an undated event cannot change the status")
        if not self.verified and self.effect in ("in_force", "targets_added", "resumed"):
            # An unconfirmed fact must never be what makes a record prohibited.
            raise ValueError(f"an unverified event cannot have effect {self.effect!r}")
        return self


class Measure(_Frozen):
    """A legal act of an authority in a jurisdiction, with its timeline."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    jurisdiction: str = Field(pattern=r"^(?:[A-Z]{2}(?:-[A-Z0-9]{1,3})?)$")
    authority: str
    instrument: str
    type: str = Field(pattern=r"^[a-z_]+$")
    restrictive: bool = True
    max_verdict: Literal["prohibited", "review"] = "prohibited"
    binds: list[Binding] = []
    acts: list[Act] = []
    products: list[ProductKind] = []  # kinds of product covered; empty means every kind
    acquired_from: PartialDate | None = None  # covers only what is bought on or after this day
    member_states: bool = False  # an EU measure that binds the member states, not only the EU
    scope: str
    not_covered: str | None = None
    targets: list[Target] = Field(min_length=1)
    events: list[Event] = Field(min_length=1)
    sources: list[HttpUrl] = Field(min_length=1)
    related: list[str] = []
    verified: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _binding(self) -> Measure:
        for b in self.binds:
            if b.levels and b.sector != "government":
                raise ValueError(f"levels narrow government bindings only, not {b.sector!r}")
        if self.member_states and self.jurisdiction != "EU":
            raise ValueError("member_states applies to EU measures only")
        for t in self.targets:
            wider = set(t.products) - set(self.products)
            if self.products and wider:
                raise ValueError(
                    f"target {t.name!r}: products {sorted(wider)} are not among the measure's"
                )
        if self.restrictive and not self.binds:
            raise ValueError("a restrictive measure must say whom it binds")
        if self.restrictive and not self.acts:
            raise ValueError("a restrictive measure must say which acts it restricts")
        return self
