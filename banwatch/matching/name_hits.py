"""A registry name as the name search holds it, a reading of a query, and the rules' numbers.

Plain data (named tuples), shared by the index (`names.py`), the Python
reference search (`name_reference.py`) and the matcher.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from banwatch.matching.normalize import NameForm


class ScoreRules(NamedTuple):
    """The numbers of the scoring rules (`MatcherConfig` gives them; these are its defaults)."""

    # One edit in a word of 5-7 letters is credited at this times the rarer word's
    # weight: below `LONG_TYPO_FLOOR`, which tells such a credit apart.
    short_typo_similarity: float = 0.80
    # The most a reading scores with a short word's typo, a distinctive word one
    # name lacks, or a number only one name has: below certainty.
    review_cap: float = 0.89


class NameEntry(NamedTuple):
    """One name of one entity, compiled (a named tuple, like `NameForm`)."""

    entity_id: str
    value: str
    primary: bool  # the entity's own name, as opposed to an alias, former or derived name
    derived: str | None  # how the name was derived (e.g. "pinyin of 海康威视"), if it was
    form: NameForm


class NameHit(NamedTuple):
    """A scored candidate name, with the evidence in plain words (a named tuple)."""

    entry: NameEntry
    score: float
    aligned: float  # the word alignment, which breaks ties between equal scores
    exact: bool = False  # the same name once case, punctuation and legal form are set aside

    @property
    def explanation(self) -> str:
        """Why the name reads as the entry, in plain words (written only when asked for)."""
        value = self.entry.value
        if self.exact:
            return f"same name as {value!r} (case, punctuation and legal form ignored)"
        if self.score != self.aligned:
            return (
                f"same distinctive words as {value!r} "
                "(places and generic words such as 'technology' ignored)"
            )
        return f"{self.aligned:.0%} of the weighted words agree with {value!r}"


# A hit from its four fields in one C call: a named tuple's own constructor is a
# Python function, and the search makes one or more hits for every name it reads.
_hit: Callable[[tuple[NameEntry, float, float, bool]], NameHit] = partial(tuple.__new__, NameHit)
