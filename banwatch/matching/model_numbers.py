"""Model numbers: match a product's model string against vendors' patterns (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from banwatch.model.entities import ModelPattern
from banwatch.model.registry import Registry

MAX_MODEL_CHARS = 80
# A revision or note in brackets after the model, written apart or not ("DS-2CD2H46G2-IZS (C)",
# "DS-2CFW02(/EU)"): read joined to the model, then without it.
_BRACKETED_TAIL = re.compile(r"\s*(\([^()\s]{1,8}\))$")
# Words typed after a model code ("DS-2CD2T83G0 8MP", "DS-2CD2132-I ONVIF"): the first word
# alone is read when it looks like a code, not a word or a short series name that the
# words after it complete ("Matrice 300 RTK", "C6N G1 4K"): letters and digits, six or more.
_CODE_SHORTEST = 6
_CODE_NOTE = re.compile(r"\s+(?:-\s+)?")


@dataclass(frozen=True)
class ModelHit:
    """A model string that fits a vendor's model-number pattern."""

    pattern: ModelPattern
    value: str


class ModelIndex:
    """Vendors' model-number patterns, compiled once.

    `makers` maps a maker's one-word name, casefolded ("amcrest", "imou"), to the
    entities it names: a model written after it ("Amcrest IP5M-T1179E") is read
    as a model of those entities only.
    """

    def __init__(
        self, patterns: Iterable[ModelPattern], makers: Mapping[str, frozenset[str]] | None = None
    ) -> None:
        self._compiled = [(p, re.compile(p.pattern, re.IGNORECASE)) for p in patterns]
        # Every pattern at once, to pass over the many strings that fit none in
        # one call rather than one per pattern.
        either = "|".join(f"(?:{p.pattern})" for p, _ in self._compiled)
        self._any = re.compile(either or "(?!)", re.IGNORECASE)
        self._makers = dict(makers or {})

    def search(self, text: str) -> list[ModelHit]:
        """Every pattern the whole model string fits, or failing that one of its other spellings.

        A bracketed tail is tried joined to the model, then left out; then a
        code's first word alone; then, after a maker's name, the rest as that
        maker's model. The hits keep the string as written.
        """
        value = " ".join(text.split())[:MAX_MODEL_CHARS]
        found = self._fit(value, value)
        if found:
            return found
        maker, _, rest = value.partition(" ")
        owners = self._makers.get(maker.casefold()) if rest else None
        if not owners:
            return []
        return [h for h in self._fit(rest, value) if h.pattern.entity in owners]

    def _fit(self, spelled: str, value: str) -> list[ModelHit]:
        for spelling in _spellings(spelled):
            if self._any.fullmatch(spelling):
                return [ModelHit(p, value) for p, rx in self._compiled if rx.fullmatch(spelling)]
        return []


# A maker's name before a model names its own models and those of its firms and brands
# (a "HUAWEI" phone code is Huawei Device's): current relations of these kinds. The rest
# of the string must still fit a pattern of one of them, which is the evidence.
_OWNED_BY = frozenset({"subsidiary_of", "affiliate_of", "brand_of"})


def makers_of(registry: Registry) -> dict[str, frozenset[str]]:
    """The one-word names of the entities that have patterns, each with the entities it names.

    A name of one word of letters (three or more) counts: "Amcrest", "EZVIZ",
    "Imou", not "Hangzhou Hikvision Digital Technology"; an entity also goes
    under the one-word names of the firms it is a current subsidiary,
    affiliate or brand of.
    """
    out: dict[str, set[str]] = {}
    for entity_id in {p.entity for p in registry.model_patterns}:
        entity = registry.entities.get(entity_id)
        if entity is None:
            continue
        names = list(entity.all_names())
        for r in entity.relations:
            owner = registry.entities.get(r.target)
            if r.type in _OWNED_BY and r.end is None and owner:
                names += owner.all_names()
        for name in names:
            word = name.strip().casefold()
            if len(word) >= 3 and word.isalpha() and word.isascii():
                out.setdefault(word, set()).add(entity_id)
    return {w: frozenset(e) for w, e in out.items()}


def _spellings(value: str) -> Iterator[str]:
    """The model string as written, then with a bracketed tail joined on or left out, then
    its first word alone when that looks like a code.

    A generator: each later spelling is looked for only when the earlier ones fit no pattern.
    """
    if not value:
        return
    yield value
    tail = _BRACKETED_TAIL.search(value)
    if tail is not None:
        head = value[: tail.start()]
        if head:
            yield head + tail.group(1)
            yield head
    parts = _CODE_NOTE.split(value, maxsplit=1)
    if len(parts) == 2 and _looks_like_code(parts[0]):
        yield parts[0]


def _looks_like_code(word: str) -> bool:
    return (
        len(word) >= _CODE_SHORTEST
        and any(c.isdigit() for c in word)
        and any(c.isalpha() for c in word)
    )
