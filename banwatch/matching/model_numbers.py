"""Model numbers: match a product's model string against vendors' patterns (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from banwatch.model.entities import ModelPattern

MAX_MODEL_CHARS = 80
# A revision or note in brackets after the model, written apart ("DS-2CD2H46G2-IZS (C)",
# "DS-2DE4425IW-DE (PTZ)"): read joined to the model, then without it.
_BRACKETED_TAIL = re.compile(r"\s+(\([^()\s]{1,8}\))$")


@dataclass(frozen=True)
class ModelHit:
    """A model string that fits a vendor's model-number pattern."""

    pattern: ModelPattern
    value: str


class ModelIndex:
    """Vendors' model-number patterns, compiled once."""

    def __init__(self, patterns: Iterable[ModelPattern]) -> None:
        self._compiled = [(p, re.compile(p.pattern, re.IGNORECASE)) for p in patterns]
        # Every pattern at once, to pass over the many strings that fit none in
        # one call rather than one per pattern.
        either = "|".join(f"(?:{p.pattern})" for p, _ in self._compiled)
        self._any = re.compile(either or "(?!)", re.IGNORECASE)

    def search(self, text: str) -> list[ModelHit]:
        """Every pattern the whole model string fits, or failing that its spellings without a gap.

        A bracketed tail written apart is tried joined to the model, then left out.
        """
        value = " ".join(text.split())[:MAX_MODEL_CHARS]
        for spelling in _spellings(value):
            if self._any.fullmatch(spelling):
                return [ModelHit(p, value) for p, rx in self._compiled if rx.fullmatch(spelling)]
        return []


def _spellings(value: str) -> Iterator[str]:
    """The model string as written, then with a bracketed tail joined on or left out.

    A generator: the tail is looked for only when the string as written fits no pattern.
    """
    if not value:
        return
    yield value
    tail = _BRACKETED_TAIL.search(value)
    if tail is not None:
        yield value[: tail.start()] + tail.group(1)
        yield value[: tail.start()]
