"""Entities (organisations, brands, product lines) and the relations between them.

A relation points from the entity that holds it to `target`: `subsidiary_of`
(owned, with a share), `brand_of` (a brand or product line of the target),
`oem_of` (the entity sells products reported to be made by the target: a
white-label relabel, always with a confidence), `affiliate_of` (related
without a confirmed ownership link). `start`/`end` bound the relation in time:
Lorex was `subsidiary_of` Dahua only until its sale.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from banwatch.model.dates import PartialDate
from banwatch.model.vocabulary import (
    Confidence,
    EntityKind,
    IdentifierKind,
    NameKind,
    ProductKind,
    RelationType,
)

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Name(_Frozen):
    """One name of an entity, in any script."""

    value: str = Field(min_length=1)
    kind: NameKind = "alias"
    lang: str | None = None
    source: HttpUrl | None = None
    verified: bool = True
    # Also an ordinary word or another firm's name ("Dahua", "Honor"): alone it
    # can make a record `review` at most, and a longer name holding it is another firm.
    ambiguous: bool = False
    note: str | None = None


class Identifier(_Frozen):
    """A code that names the entity exactly: a web domain, a ticker, a MAC prefix.

    `mac_registrant` is an organisation string of the IEEE MAC registry; every
    block registered under it is attributed to this entity.
    """

    kind: IdentifierKind
    value: str = Field(min_length=1)
    source: HttpUrl
    verified: bool = True
    note: str | None = None


class Relation(_Frozen):
    """A dated, sourced link from this entity to another one."""

    type: RelationType
    target: str = Field(pattern=SLUG)
    share: float | None = Field(default=None, ge=0, le=1)
    start: PartialDate | None = None
    end: PartialDate | None = None
    confidence: Confidence = "high"
    source: HttpUrl
    note: str | None = None


class ModelPattern(_Frozen):
    """A regular expression for the model numbers of one vendor's products.

    Kept in `data/models/`; `pattern` must match the whole model number
    (case-insensitive, after trimming) and every one of `examples`.
    """

    entity: str = Field(pattern=SLUG)
    pattern: str = Field(min_length=2)
    description: str
    examples: list[str] = Field(min_length=1)
    source: HttpUrl
    confidence: Confidence = "high"
    kind: ProductKind | None = None  # what the products are; decides measures that cover some kinds

    @model_validator(mode="after")
    def _examples_match(self) -> ModelPattern:
        try:
            compiled = re.compile(self.pattern, re.IGNORECASE)
        except re.error as e:
            raise ValueError(f"not a valid regular expression: {e}") from None
        for ex in self.examples:
            if not compiled.fullmatch(ex.strip()):
                raise ValueError(f"example {ex!r} does not match the pattern")
        return self


class Entity(_Frozen):
    """An organisation, brand, product line or group named by a measure or a relation."""

    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    kind: EntityKind = "organisation"
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    names: list[Name] = []
    identifiers: list[Identifier] = []
    relations: list[Relation] = []
    sources: list[HttpUrl] = Field(min_length=1)
    verified: bool = True
    note: str | None = None

    def all_names(self) -> list[str]:
        """The display name followed by every other recorded name."""
        return [self.name, *(n.value for n in self.names)]
