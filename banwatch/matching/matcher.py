"""The matcher: an algorithm declared as data, compiled against a registry (pure).

A `MatcherConfig` names a version of the algorithm; any change of weights or
thresholds gets a new name, and every screening run records the name it used,
so any past score can be reproduced. Every feature has a sentence a
compliance officer can read as the explanation of a match.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from pypinyin import lazy_pinyin

from banwatch.matching.account_codes import is_account_code
from banwatch.matching.domains import domain_candidates, host_of
from banwatch.matching.families import FamilyNames, ambiguous_keys
from banwatch.matching.fcc import FccId, fcc_ids_in_cell, fcc_ids_in_text
from banwatch.matching.free_text import TextIndex, model_tokens
from banwatch.matching.initials import DERIVED as INITIALS
from banwatch.matching.initials import initials_spellings
from banwatch.matching.mac import mac_parts, parse_mac
from banwatch.matching.model_numbers import ModelIndex
from banwatch.matching.names import NameEntry, NameIndex, ScoreRules
from banwatch.matching.normalize import DISTINCTIVE, is_cjk, name_form, words
from banwatch.matching.places import country_codes, place_names
from banwatch.matching.readings import NameReader, NameReading
from banwatch.matching.transliteration import latin_spelling
from banwatch.matching.weights import WordWeights, corpus_weights
from banwatch.model.findings import Feature, Nearest
from banwatch.model.records import Record, Role
from banwatch.model.registry import Registry
from banwatch.model.vocabulary import MatchedOn

FEATURES: dict[str, str] = {
    "name": "The organisation name equals, or closely agrees with, a registered name.",
    "alias": "The name agrees with a registered alias, former name, brand or transliteration.",
    "mac": "The MAC address lies in an IEEE address block registered to this organisation.",
    "domain": "The web address belongs to a domain this organisation operates.",
    "model": "The model number follows this vendor's documented model-numbering scheme.",
    "ambiguous": (
        "The name agrees with a registered name that is also an ordinary word or another "
        "firm's name: alone it is not certain."
    ),
    "country": (
        "The country column names the country of an organisation the record's name "
        "reads as through an ambiguous name, which it supports."
    ),
    "family": (
        "The name is a listed family's distinctive name with only places, legal forms and "
        "business words beside it: probably a member of that family the registry does not list."
    ),
    "fcc_id": "The FCC ID begins with the grantee code the FCC assigned to this organisation.",
}


@dataclass(frozen=True)
class MatcherConfig:
    """A named, versioned matching algorithm: thresholds and feature scores."""

    name: str = "banwatch-match-v6"
    threshold: float = 0.80  # a candidate at or above this is listed as a match
    certain: float = 0.90  # below this a match can make a record `review` at most
    mac_score: float = 0.97
    domain_score: float = 0.97
    fcc_score: float = 0.97  # an FCC ID whose grantee code is the entity's
    model_score_high: float = 0.95
    model_score_medium: float = 0.85
    agreement_bonus: float = 0.02  # per further column that points at the same entity
    family_score: float = 0.85  # a probable family member the registry does not list
    ambiguous_score: float = 0.85  # at most, a name made only of an ambiguous word
    country_score: float = 0.90  # a country cell that fits an entity read through an ambiguous name
    # A MAC block, domain or FCC grantee code whose link to the entity the
    # sources do not confirm (`verified: false`): below certainty, so review.
    unverified_identifier_score: float = 0.85
    # A name or model number found in free text (a memo, a description): below
    # certainty, so such a find gives `review` at most.
    text_score: float = 0.85
    # One edit in a word of 5-7 letters ("gazprom"/"gasprom") counts this much times
    # the rarer word's weight (below names.DOUBLE_TYPO_SIMILARITY, which tells it apart).
    short_typo_similarity: float = 0.80
    # The most a name reading scores when it credits a short word's typo, when one
    # name has a distinctive word the other lacks, or a number the other lacks:
    # below `certain`, so such a reading gives `review` at most.
    review_cap: float = 0.89


DEFAULT_CONFIG = MatcherConfig()
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


def _pinyin_entries(entity_id: str, value: str, weigh: WordWeights) -> Iterator[NameEntry]:
    """Latin transliterations of a Chinese name: of the whole name and of each distinctive word.

    Each Chinese word becomes one Latin word ("海康威视" -> "haikangweishi"),
    so that a single common syllable ("cheng") never stands for a name;
    "Haikang Weishi" still agrees through the joined key. Places and generic
    words ("杭州", "数字技术") get no entry of their own: "Hangzhou" alone must
    not name Hikvision.
    """
    cjk = [w for w in words(value) if is_cjk(w)]
    if not cjk:
        return
    forms = {"".join(lazy_pinyin(w)) for w in cjk if weigh(w) >= DISTINCTIVE}
    whole = " ".join("".join(lazy_pinyin(w)) for w in cjk)
    for text in sorted({whole, *forms}):
        yield NameEntry(entity_id, text, False, f"pinyin of {value}", name_form(text, weigh))


def _name_entries(registry: Registry, weigh: WordWeights) -> Iterator[NameEntry]:
    for e in registry.entities.values():
        seen: set[str] = set()
        named: list[tuple[str, bool, str | None]] = [(e.name, True, None)]
        named += [(n.value, n.kind == "legal", None) for n in e.names]
        named += [
            (i.value, False, "IEEE MAC registrant name")
            for i in e.identifiers
            if i.kind == "mac_registrant"
        ]
        for value, primary, derived in named:
            if value in seen:
                continue
            seen.add(value)
            yield NameEntry(e.id, value, primary, derived, name_form(value, weigh))
            yield from _pinyin_entries(e.id, value, weigh)
            if e.kind == "person":
                for text in initials_spellings(value):
                    derived_from = f"{INITIALS} {value}"
                    yield NameEntry(e.id, text, False, derived_from, name_form(text, weigh))


class Matcher:
    """A registry compiled for matching: names, domains, MAC blocks, model patterns."""

    def __init__(self, registry: Registry, weights: WordWeights, config: MatcherConfig) -> None:
        self.config = config
        self.registry = registry
        rules = ScoreRules(config.short_typo_similarity, config.review_cap)
        self.names = NameIndex(_name_entries(registry, weights), weights, rules)
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
        self.models = ModelIndex(registry.model_patterns)
        self.text = TextIndex(
            (e.id, value)
            for e in registry.entities.values()
            if e.kind != "person"
            for value in dict.fromkeys([e.name, *(n.value for n in e.names)])
        )
        self._caches()

    def _caches(self) -> None:
        self._name_cache = lru_cache(maxsize=NAME_CACHE)(self._name_readings)
        self._cell_cache = lru_cache(maxsize=NAME_CACHE)(self._read_cell)

    def __getstate__(self) -> dict[str, object]:
        # The per-process cache of name results is rebuilt, not shipped (Spark, processes).
        state = dict(self.__dict__)
        del state["_name_cache"], state["_cell_cache"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._caches()

    @property
    def version(self) -> str:
        """The algorithm name, recorded with every run."""
        return self.config.name

    def _name_readings(self, value: str) -> tuple[NameReading, ...]:
        """The entities a name reads as, each with its best score and why (`readings.py`).

        Plain tuples, worked out once per name: a cell makes its features from
        them, with its own column. A name in another script is read in Latin
        letters too (`transliteration.py`), for lists that give only Latin
        names; each entity keeps its better reading.
        """
        weigh = self.names.weigh
        got = self.readings.read(value, name_form(value, weigh), self.config)
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

    def _mac(
        self, column: str, value: str, warnings: list[str]
    ) -> Iterator[tuple[str, MatchedOn, Feature]]:
        """Each MAC address of a cell; discovery tools put several in one (runZero's `macs`).

        A cell in which no part is an address is one bad value, warned about once.
        """
        parts = mac_parts(value)
        if len(parts) > 1 and not any(parse_mac(part) for part in parts):
            parts = [value.strip()]
        for part in parts:
            yield from self._one_mac(column, part, warnings)

    def _one_mac(
        self, column: str, value: str, warnings: list[str]
    ) -> Iterator[tuple[str, MatchedOn, Feature]]:
        mac = parse_mac(value)
        if mac is None:
            warnings.append(f"column {column!r}: {value[:40]!r} is not a MAC address; ignored")
            return
        if mac.local or mac.multicast:
            kind = "locally administered" if mac.local else "multicast"
            warnings.append(
                f"column {column!r}: {mac} is a {kind} address and names no manufacturer"
            )
            return
        for prefix in mac.prefixes():
            block = self.registry.mac_blocks.get(prefix)
            if block:
                block_id = "-".join(prefix[i : i + 2] for i in range(0, 6, 2))
                text = f"{mac} is in block {block_id} registered to {block.registrant!r}"
                score, text = self._identifier(self.config.mac_score, text, block.verified)
                yield (
                    block.entity_id,
                    "mac",
                    Feature.model_construct(
                        feature="mac", value=str(mac), column=column, score=score, explanation=text
                    ),
                )
                return

    def _domain(self, column: str, value: str) -> Iterator[tuple[str, MatchedOn, Feature]]:
        host = host_of(value)
        if host is None:
            return
        for domain in domain_candidates(host):
            known = self.domains.get(domain)
            if known:
                eid, verified = known
                text = f"{host} belongs to {domain}, a domain of this organisation"
                score, text = self._identifier(self.config.domain_score, text, verified)
                yield (
                    eid,
                    "domain",
                    Feature.model_construct(
                        feature="domain", value=host, column=column, score=score, explanation=text
                    ),
                )
                return

    def _fcc(self, column: str, ids: list[FccId]) -> Iterator[tuple[str, MatchedOn, Feature]]:
        for fcc in ids:
            known = self.grantees.get(fcc.grantee)
            if known:
                eid, verified = known
                text = f"FCC ID {fcc}: grantee code {fcc.grantee}, assigned to this organisation"
                score, text = self._identifier(self.config.fcc_score, text, verified)
                yield (
                    eid,
                    "identifier",
                    Feature.model_construct(
                        feature="fcc_id",
                        value=str(fcc),
                        column=column,
                        score=score,
                        explanation=text,
                    ),
                )

    def _identifier(self, score: float, text: str, verified: bool) -> tuple[float, str]:
        """An identifier's score and explanation: below certainty when its link is unverified."""
        if verified:
            return score, text
        unsure = min(score, self.config.unverified_identifier_score)
        return unsure, f"{text} (a link its sources do not confirm)"

    def _model(self, column: str, value: str) -> Iterator[tuple[str, MatchedOn, Feature]]:
        # One feature per vendor: a model fitting a series pattern and the
        # vendor's general numbering scheme is one piece of evidence, told by
        # the surer pattern.
        told: set[str] = set()
        hits = sorted(self.models.search(value), key=lambda h: h.pattern.confidence != "high")
        for hit in hits:
            p = hit.pattern
            if p.entity in told:
                continue
            told.add(p.entity)
            score = (
                self.config.model_score_high
                if p.confidence == "high"
                else self.config.model_score_medium
            )
            text = f"{hit.value} fits {p.description}"
            yield (
                p.entity,
                "model",
                Feature.model_construct(
                    feature="model", value=hit.value, column=column, score=score, explanation=text
                ),
            )

    def _free_text(self, column: str, value: str) -> Iterator[tuple[str, MatchedOn, Feature]]:
        """Registry names and model numbers written in free text: review at most."""
        score = self.config.text_score
        for entity_id, said in self.text.find(value):
            name = self.registry.entities[entity_id].name
            why = f"the words {said!r} in free text are a name of {name!r}"
            yield (
                entity_id,
                "text",
                Feature.model_construct(
                    feature="text", value=said, column=column, score=score, explanation=why
                ),
            )
        for token in model_tokens(value):
            for entity_id, _, feature in self._model(column, token):
                yield (
                    entity_id,
                    "text",
                    Feature.model_construct(
                        feature="text",
                        value=feature.value,
                        column=column,
                        score=min(score, feature.score),
                        explanation=f"{feature.explanation}, written in free text",
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
        """Work out the readings of these names now, so that their cells find them remembered."""
        read = self._name_cache
        for value in values:
            name = value.strip()
            if name:
                read(name)

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
                for eid, on, score, why, feature in self._name_cache(name)
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
