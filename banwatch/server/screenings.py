"""The `Screening` of each profile asked lately, kept between requests, for the matcher in use.

A `Screening` works out once, for its profile, which measures reach each
entity and remembers every judgement; building one per request costs more
than screening a record with a warm one (about 0.1 ms against a few µs).
Small requests (`INLINE` records or queries at most) are screened with the
kept one on the event loop; larger ones on a worker thread with a fresh one,
as before, so the loop is never held for long.

Invariants:
- One `Screenings` belongs to one server process and is used only on its
  event loop's thread: a `Screening` is not safe to share between threads,
  and the loop runs one request's screening at a time.
- A kept `Screening` is the one of the matcher in use and its registry: when
  `Loaded.reload` (a registry pull) or anything else puts another matcher or
  registry in place, every kept one is dropped before the next is handed out,
  and each is keyed by the registry's and the matcher's versions as well.
- At most `SIZE` are kept, the least recently used dropped first, and each
  is made anew once it has screened `LIFETIME` records or queries: a
  `Screening` remembers every distinct record it judged (up to
  `screening.parts.JUDGED_CACHE`, far more than a server should hold per
  profile), so what one keeps stays within `LIFETIME` + `INLINE` records.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Match
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.screening.screen import Screening

SIZE = 16
"""The most profiles whose `Screening` is kept."""
INLINE = 100
"""The most records (`/screen`) or queries (`/match`) screened on the event loop."""
LIFETIME = 10_000
"""The records or queries a kept `Screening` screens before it is made anew."""
SHAPES = 20_000
"""The most results kept in yente's shape per profile (`Kept.shapes`)."""


_released: tuple[Registry, dict[str, Any]] | None = None


def release_json(registry: Registry) -> dict[str, Any]:
    """`registry.named_release()` as JSON, made once for the registry in use rather than
    for every answer (read-only: each answer that carries it shares it)."""
    global _released  # one (registry, JSON) pair, swapped whole: safe on any thread
    got = _released
    if got is None or got[0] is not registry:
        got = _released = (registry, registry.named_release().model_dump(mode="json"))
    return got[1]


class Kept:
    """A profile's `Screening`, and the yente shapes of its matches (`yente_shapes.scored`)."""

    __slots__ = ("screened", "screening", "shapes")

    def __init__(self, screening: Screening) -> None:
        self.screening = screening
        self.screened = 0  # records and queries handed to it so far
        # id(match): (the match, its result without `match`), the match held so the id stays its.
        self.shapes: dict[int, tuple[Match, dict[str, Any]]] = {}

    def shape(self, match: Match) -> dict[str, Any] | None:
        """The result kept for `match`, if any."""
        got = self.shapes.get(id(match))
        return got[1] if got is not None and got[0] is match else None

    def keep(self, match: Match, shape: dict[str, Any]) -> None:
        """Keep the result for `match` (all are forgotten once `SHAPES` are kept)."""
        if len(self.shapes) >= SHAPES:
            self.shapes.clear()
        self.shapes[id(match)] = (match, shape)


class Screenings:
    """The kept `Screening` of each profile for the matcher in use (see the module's invariants)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[str, str, Profile], Kept] = OrderedDict()
        self._matcher: Matcher | None = None
        self._registry: Registry | None = None

    def kept(self, matcher: Matcher, profile: Profile, records: int) -> Kept:
        """The kept screening of `profile` against `matcher` for `records` more records,
        made if it is not kept or has screened its `LIFETIME`."""
        registry = matcher.registry
        if matcher is not self._matcher or registry is not self._registry:
            self._kept.clear()  # another index: nothing kept may answer for it
            self._matcher, self._registry = matcher, registry
        key = (registry.version, matcher.version, profile)
        got = self._kept.get(key)
        if got is not None and got.screened < LIFETIME:
            self._kept.move_to_end(key)
        else:
            got = self._kept[key] = Kept(Screening(registry, matcher, profile))
            self._kept.move_to_end(key)
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)
        got.screened += records
        return got

    def __len__(self) -> int:
        return len(self._kept)
