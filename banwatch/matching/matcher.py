"""The matcher: the algorithm (`config.MatcherConfig`) compiled against a registry (pure).

It reads each recognised cell of a record on its own (names through the
name index and its readings, codes through `codes.CodeFeatures`), then
combines what the cells found per entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial

from banwatch.matching.account_codes import is_account_code
from banwatch.matching.families import FamilyNames, ambiguous_keys
from banwatch.matching.fcc import fcc_ids_in_cell, fcc_ids_in_text
from banwatch.matching.free_text import TextIndex
from banwatch.matching.model_numbers import ModelIndex, makers_of
from banwatch.matching.name_index_build import remembered
from banwatch.matching.names import NameHit, NameIndex, ScoreRules
from banwatch.matching.normalize import NameForm, name_form
from banwatch.matching.places import country_codes, place_names
from banwatch.matching.readings import NameReader, NameReading
from banwatch.matching.transliteration import latin_spelling
from banwatch.matching.weights import WordWeights, corpus_weights
from banwatch.model.findings import Feature, Nearest
from banwatch.model.records import Record, Role
from banwatch.model.registry import Registry
from banwatch.model.vocabulary import MatchedOn

from .codes import CodeFeatures
from .config import DEFAULT_CONFIG as DEFAULT_CONFIG
from .config import FEATURES as FEATURES
from .config import MatcherConfig as MatcherConfig
from .entries import name_entries

NAME_CACHE = 200_000  # distinct names (and cells) whose readings are remembered
EXPLAIN_FLOOR = 0.40  # `nearest` looks no lower than this: what scores less is not near

Found = tuple[str, MatchedOn, Feature]  # an entity id, what matched, and the evidence
CODE_NOT_NAME = "a number or code, not a name, in"  # starts such a cell's warning
RECORD_COUNTRY = ""  # the entity id of a country cell's own finding: that a country is named
Cell = tuple[str, Role, str]  # column, role, value
CellReading = tuple[tuple[Found, ...], tuple[str, ...]]  # what one cell found, its warnings


@dataclass
class Evidence:
    """Everything in one record that points at one entity."""

    entity_id: str
    score: float
    matched_on: MatchedOn
    matched_value: str
    features: list[Feature] = field(default_factory=list)


class Matcher(CodeFeatures):
    """A registry compiled for matching: names, domains, MAC blocks, model patterns."""

    def __init__(self, registry: Registry, weights: WordWeights, config: MatcherConfig) -> None:
        self.config = config
        self.registry = registry
        rules = ScoreRules(config.short_typo_similarity, config.review_cap)
        self.names = NameIndex(name_entries(registry, weights), weights, rules)
        self.names.keep_listed_readings(config.threshold)
        ambiguous = ambiguous_keys(registry, weights)
        # Countries of the entities a name can read as through an ambiguous name.
        self.ambiguous_countries: dict[str, tuple[str, ...]] = {}
        for entry in self.names.entries:
            country = registry.entities[entry.entity_id].country
            if country and entry.form.core_key in ambiguous:
                ids = self.ambiguous_countries.get(country, ())
                if entry.entity_id not in ids:
                    self.ambiguous_countries[country] = (*ids, entry.entity_id)
        self.readings = NameReader(
            self.names,
            FamilyNames(registry, weights, place_names(), ambiguous),
            ambiguous,
            {e.id: e.country for e in registry.entities.values()},
            {e.id: e.name for e in registry.entities.values()},
        )
        self.domains: dict[str, tuple[str, bool]] = {
            i.value.lower().removeprefix("www."): (e.id, i.verified)
            for e in registry.entities.values()
            for i in e.identifiers
            if i.kind == "domain"
        }
        self.grantees: dict[str, tuple[str, bool]] = {
            i.value.strip().upper(): (e.id, i.verified)
            for e in registry.entities.values()
            for i in e.identifiers
            if i.kind == "fcc_grantee"
        }
        self.models = ModelIndex(registry.model_patterns, makers_of(registry))
        self.text = TextIndex(
            (e.id, value)
            for e in registry.entities.values()
            if e.kind != "person"
            for value in dict.fromkeys([e.name, *(n.value for n in e.names)])
        )
        self._caches()

    def _caches(self) -> None:
        # A plain dict (`remembered`), so that `read_names` can tell which names are new.
        self._names_read: dict[str, tuple[NameReading, ...]] = {}
        self._cell_cache = lru_cache(maxsize=NAME_CACHE)(self._read_cell)

    def __getstate__(self) -> dict[str, object]:
        # The per-process cache of name results is rebuilt, not shipped (Spark, processes).
        state = dict(self.__dict__)
        del state["_names_read"], state["_cell_cache"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._caches()

    @property
    def version(self) -> str:
        """The algorithm name, recorded with every run."""
        return self.config.name

    def _name_readings(
        self, value: str, q: NameForm | None = None, hits: list[NameHit] | None = None
    ) -> tuple[NameReading, ...]:
        """The entities a name reads as, each with its best score and why (`readings.py`).

        Plain tuples, worked out once per name: a cell makes its features from
        them, with its own column. `q` and `hits` are the name's form and
        search hits when `read_names` has them already. A name in another
        script is read in Latin letters too (`transliteration.py`), for lists
        that give only Latin names; each entity keeps its better reading.
        """
        weigh = self.names.weigh
        q = name_form(value, weigh) if q is None else q
        got = self.readings.read(value, q, self.config, hits)
        latin = latin_spelling(value)
        if latin is None:
            return got
        best = {r[0]: r for r in got}
        note = f" (written in Latin letters: {latin!r})"
        for eid, on, score, why, feature in self.readings.read(
            latin, name_form(latin, weigh), self.config
        ):
            if eid not in best or best[eid][2] < score:
                best[eid] = (eid, on, score, why + note, feature)
        return tuple(sorted(best.values(), key=lambda r: (-r[2], r[0])))

    def _read_name(self, name: str) -> tuple[NameReading, ...]:
        """`_name_readings`, remembered."""
        return remembered(self._names_read, name, self._name_readings)

    def _country(self, column: str, value: str) -> Iterator[Found]:
        """Support for the entities of a country that a name may read as through an ambiguous name.

        Never a match on its own: `combine` keeps it only beside an ambiguous name reading.
        """
        codes = country_codes(value)
        for code in codes:
            for eid in self.ambiguous_countries.get(code, ()):
                text = f"{value.strip()[:40]!r} is {code}, the country of this organisation"
                yield (
                    eid,
                    "name",
                    Feature.model_construct(
                        feature="country",
                        value=value.strip()[:40],
                        column=column,
                        score=self.config.country_score,
                        explanation=text,
                    ),
                )
        if codes:
            # That the record names a country at all: an ambiguous name of an
            # organisation of another country is then another firm's name.
            said = ", ".join(sorted(codes))
            yield (
                RECORD_COUNTRY,
                "name",
                Feature.model_construct(
                    feature="country",
                    value=value.strip()[:40],
                    column=column,
                    score=0.0,
                    explanation=f"the record names {said}",
                ),
            )

    def nearest(self, record: Record) -> Nearest | None:
        """The listed name closest to one of the record's name cells, below the threshold.

        For `--explain`: why a record matched nothing. None when no name cell
        comes within `EXPLAIN_FLOOR`.
        """
        best: Nearest | None = None
        for column, role in record.roles.items():
            value = record.values.get(column, "").strip()
            if role != "name" or not value or is_account_code(value):
                continue
            for hit in self.names.search(value, EXPLAIN_FLOOR)[:1]:
                score = round(hit.score, 4)
                if best is None or score > best.score:
                    entity = self.registry.entities[hit.entry.entity_id]
                    best = Nearest(
                        entity_id=entity.id,
                        entity_name=entity.name,
                        name=hit.entry.value,
                        column=column,
                        value=value[:200],
                        score=score,
                        threshold=self.config.threshold,
                    )
        return best

    def read_names(self, values: Iterable[str]) -> None:
        """Work out the readings of these names now, so that their cells find them remembered.

        The names not read before are searched together (`NameIndex.search_forms`).
        """
        read = self._names_read
        new = [
            name
            for name in dict.fromkeys(value.strip() for value in values)
            if name and name not in read and not is_account_code(name)
        ]
        if not new:
            return
        weigh = self.names.weigh
        forms = [name_form(name, weigh) for name in new]
        found = self.names.search_forms(forms, self.config.threshold)
        for name, q, hits in zip(new, forms, found, strict=True):
            remembered(self._names_read, name, partial(self._name_readings, q=q, hits=hits))

    def cells(self, record: Record) -> Iterator[tuple[Cell, CellReading]]:
        """Each recognised, non-empty cell of a record and what it says on its own."""
        for column, role in record.roles.items():
            value = record.values.get(column, "")
            if value.strip():
                cell = (column, role, value)
                yield cell, self._cell_cache(cell)

    def _read_cell(self, cell: Cell) -> CellReading:
        column, role, value = cell
        warnings: list[str] = []
        found: tuple[Found, ...] = ()
        if role == "name":
            name = value.strip()
            if is_account_code(name):
                warnings.append(
                    f"{CODE_NOT_NAME} column {column!r}: {name[:40]!r}; not read as a name"
                )
                return found, tuple(warnings)
            shown = name[:200]
            found = tuple(
                (
                    eid,
                    on,
                    Feature.model_construct(
                        feature=feature,
                        value=shown,
                        column=column,
                        score=score,
                        explanation=why,
                    ),
                )
                for eid, on, score, why, feature in self._read_name(name)
            )
        elif role == "country":
            found = tuple(self._country(column, value))
        elif role == "mac":
            found = tuple(self._mac(column, value, warnings))
        elif role == "domain":
            found = tuple(self._domain(column, value))
        elif role == "model":
            found = (*self._model(column, value), *self._fcc(column, fcc_ids_in_text(value)))
        elif role == "text":
            found = (*self._fcc(column, fcc_ids_in_text(value)), *self._free_text(column, value))
        elif role == "fcc_id":
            ids = fcc_ids_in_cell(value)
            if ids is None:
                warnings.append(f"column {column!r}: {value[:40]!r} is not an FCC ID; ignored")
            else:
                found = tuple(self._fcc(column, ids))
        return found, tuple(warnings)

    def match(self, record: Record) -> tuple[list[Evidence], list[str]]:
        """Evidence per entity for one record, best first, and warnings about its cells."""
        found: list[Found] = []
        read = list(self.cells(record))
        for _, (got, _) in read:
            found.extend(got)
        return self.combine(found), cell_warnings(read)

    def combine(self, found: list[Found]) -> list[Evidence]:
        """Evidence per entity from what the cells found, best first; agreeing columns add up."""
        by_entity: dict[str, Evidence] = {}
        support: list[tuple[str, Feature]] = []
        for eid, on, feat in sorted(found, key=lambda x: -x[2].score):
            if feat.feature == "country":
                support.append((eid, feat))
                continue
            ev = by_entity.get(eid)
            if ev is None:
                by_entity[eid] = Evidence(eid, feat.score, on, feat.value, [feat])
                continue
            if feat.column not in {f.column for f in ev.features}:
                ev.score = min(1.0, round(ev.score + self.config.agreement_bonus, 4))
            ev.features.append(feat)
        # A fitting country supports an ambiguous name reading, and nothing else;
        # a record naming another country leaves such a reading no match at all.
        named_country = any(eid == RECORD_COUNTRY for eid, _ in support)
        supported = {eid for eid, _ in support}
        for eid, ev in list(by_entity.items()):
            alone = all(f.feature == "ambiguous" for f in ev.features)
            if named_country and eid not in supported and alone:
                del by_entity[eid]
        for eid, feat in support:
            ev = by_entity.get(eid)
            if ev is None or not any(f.feature == "ambiguous" for f in ev.features):
                continue
            columns = {f.column for f in ev.features}
            ev.score = max(ev.score, feat.score)
            if feat.column not in columns:
                ev.score = min(1.0, round(ev.score + self.config.agreement_bonus, 4))
            ev.features.append(feat)
        return sorted(by_entity.values(), key=lambda e: (-e.score, e.entity_id))


def cell_warnings(read: Iterable[tuple[Cell, CellReading]]) -> list[str]:
    """The warnings of a record's cells (`Matcher.cells`), as the record reports them.

    A number or code in a name column is said only when no other name cell
    holds a name: an account number beside the name it numbers is what ERP
    exports hold.
    """
    warnings: list[str] = []
    named = False
    for (_, role, _), (_, warns) in read:
        warnings.extend(warns)
        named = named or (role == "name" and not warns)
    return [w for w in warnings if not w.startswith(CODE_NOT_NAME)] if named else warnings


def compile_matcher(registry: Registry, config: MatcherConfig = DEFAULT_CONFIG) -> Matcher:
    """Compile the registry's names, codes and patterns for matching."""
    return Matcher(registry, corpus_weights(registry.name_corpus), config)
