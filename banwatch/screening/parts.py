"""What a record's judgement is made of, remembered and written once: the screening memo.

A supplier on thousands of rows gives the same judgement on each; its parts
(the entity's measures, each match, the verdict) and their JSON are made
once and shared. `CellsKeys` finds the judgement of a record from the cells
of its recognised columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import NamedTuple, TypeVar

from banwatch.matching.matcher import Evidence
from banwatch.model.findings import Match, MeasureHit, Nearest
from banwatch.model.vocabulary import Verdict
from banwatch.writers.finding_json import finding_frame, finding_middle, json_text, match_json

JUDGED_CACHE = 250_000  # distinct combinations of cells remembered at once
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class EntityPart:
    """What a match says about its entity: the same for every evidence of the same
    entity and certainty, so worked out and written as JSON once."""

    name: str
    via: list[str]
    path: str
    confidence: str
    hits: list[MeasureHit]
    head_json: str  # the `entity_id` and `entity_name` members
    middle_json: str  # the `via`, `path` and `confidence` members
    measures_json: str  # the `measures` array


class MadeMatch:
    """A match: its evidence and its entity's part; the model and its JSON made when first needed.

    A supplier's measures are the same beside each of its thousands of MAC
    addresses: only the evidence is written anew for each.
    """

    __slots__ = ("_json", "_match", "entity", "evidence")

    def __init__(self, evidence: Evidence, entity: EntityPart) -> None:
        self.evidence = evidence
        self.entity = entity
        self._match: Match | None = None
        self._json: str | None = None

    @property
    def match(self) -> Match:
        if self._match is None:
            ev, e = self.evidence, self.entity
            # Every part is a validated model or a plain value built here.
            self._match = Match.model_construct(
                entity_id=ev.entity_id,
                entity_name=e.name,
                score=round(ev.score, 4),
                matched_on=ev.matched_on,
                matched_value=ev.matched_value,
                via=e.via,
                path=e.path,
                confidence=e.confidence,
                features=ev.features,
                measures=e.hits,
            )
        return self._match

    def json(self) -> str:
        """`match.model_dump_json()`, composed from parts (tests compare the two)."""
        if self._json is None:
            ev, e = self.evidence, self.entity
            features = ",".join([f.model_dump_json() for f in ev.features])
            self._json = match_json(
                e.head_json,
                json_text(round(ev.score, 4)),
                json_text(ev.matched_on),
                json_text(ev.matched_value),
                e.middle_json,
                f"[{features}]",
                e.measures_json,
            )
        return self._json


@dataclass
class Judgement:
    """What a record's recognised cells amount to; the same for every record repeating them."""

    made: list[MadeMatch]
    warnings: list[str]
    verdict: Verdict
    nearest: Nearest | None = None  # with --explain, when nothing matched
    nearest_json: str = "null"
    _middle: str | None = None
    _matches: list[Match] | None = None
    _frame: tuple[str, str, str] | None = None  # file, then `finding_frame` for that file

    @property
    def matches(self) -> list[Match]:
        if self._matches is None:
            self._matches = [m.match for m in self.made]
        return self._matches

    def middle(self) -> str:
        """The finding's `verdict`, `matches` and `warnings` as JSON members, written once."""
        if self._middle is None:
            matches = ",".join([m.json() for m in self.made])
            self._middle = finding_middle(
                json_text(self.verdict), matches, json_text(self.warnings)
            )
        return self._middle

    def frame(self, file: str, matcher: str) -> tuple[str, str]:
        """The line's text after the record and after the line number (`finding_frame`).

        Made once for the records of one file (`file`, its JSON) judged
        alike; records come file by file, so one file is remembered.
        """
        frame = self._frame
        if frame is None or frame[0] != file:
            after, end = finding_frame(self.middle(), file, matcher, self.nearest_json)
            frame = self._frame = (file, after, end)
        return frame[1], frame[2]


class Screened(NamedTuple):
    """One record screened straight to its JSON line, for writers that take lines.

    A named tuple: one is made per input row, and tuples are the cheapest to make.
    """

    verdict: Verdict
    text: str  # exactly `Finding.model_dump_json()` of the record's finding
    warnings: list[str]
    file: str | None
    line: int | None
    row: int | None = None  # the record's row, when at hand (the store reads it from `text` else)
    alike: Judgement | None = None  # shared by every record judged alike (`store.shared`)


CellsKey = str | tuple[str, ...]


class CellsKeys:
    """The judgements of records with one set of recognised columns, by those columns' cells.

    A record's key is the tuple of its cells of `columns` (the cell itself
    for a single column): picked in one C call, hashed from the cells' own
    hashes, and unlike cells joined into one string it needs no copy and no
    separator that a cell could hold. A missing cell counts as empty, as it
    does when cells are read.
    """

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self.judged: dict[CellsKey, Judgement] = {}
        # Picks the cells in one C call; a single column gives the cell, not a tuple.
        self._pick = itemgetter(*columns) if len(columns) > 1 else None
        self._pick_any = itemgetter(*columns) if columns else None

    def key(self, values: dict[str, str]) -> CellsKey:
        """The key of a record's cells (`values` holds every cell of the record)."""
        if self._pick is None:
            return values.get(self.columns[0], "") if self.columns else ""
        try:
            cells: tuple[str, ...] = self._pick(values)
        except KeyError:
            cells = tuple([values.get(c, "") for c in self.columns])
        return cells

    def keys(self, values: list[dict[str, str]]) -> list[CellsKey]:
        """`key` of each of `values`, picked in one C loop when every record holds every column."""
        if self._pick_any is not None:
            try:
                return list(map(self._pick_any, values))
            except KeyError:
                pass
        return [self.key(v) for v in values]


def cells_key(columns: tuple[str, ...], values: dict[str, str]) -> CellsKey:
    """The key `CellsKeys` gives a record's cells of `columns` (for tests and one-off use)."""
    return CellsKeys(columns).key(values)


def remember(cache: dict[K, V], key: K, judged: V) -> None:
    """Keep `judged` under `key`; a full cache forgets its oldest tenth.

    Forgetting a part, not all, keeps a working set slightly above the limit
    from missing on every row.
    """
    if len(cache) >= JUDGED_CACHE:
        for old in list(islice(cache, JUDGED_CACHE // 10)):
            del cache[old]
    cache[key] = judged
