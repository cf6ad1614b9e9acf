"""Model numbers: match a product's model string against vendors' patterns (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from banwatch.model.entities import ModelPattern

MAX_MODEL_CHARS = 80


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
        """Every pattern the whole model string fits."""
        value = " ".join(text.split())[:MAX_MODEL_CHARS]
        if not value or not self._any.fullmatch(value):
            return []
        return [ModelHit(p, value) for p, rx in self._compiled if rx.fullmatch(value)]
