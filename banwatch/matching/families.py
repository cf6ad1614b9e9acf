"""Probable family members: a family's distinctive name with place words and a legal form (pure).

"Hikvision Deutschland GmbH", "Huawei Technologies Sweden AB" and
"华为技术日本株式会社" name no company the registry lists, but they say whose
family they belong to: a listed family's distinctive name, with nothing
beside it but places, legal forms and words of a line of business. Such a
name is read as a probable member of that family (`readings.py` decides the
score).

A family's distinctive names come from the registry: the one heavy word of
a name of one of its entities ("hikvision", "华为"), or, when that word is
ambiguous (`Name.ambiguous`: "Dahua" is also a Shanghai property group), the
name's words with its generic ones ("dahua technology"). Every name that
yields it points at the family's head: the entity the bare name names, or
else the one the others are related to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from pypinyin import lazy_pinyin

from banwatch.matching.lexicon import (
    BUSINESS_WORDS,
    CJK_BUSINESS_WORDS,
    CJK_GENERIC_SUFFIXES,
    CJK_LEGAL_FORMS,
    GENERIC,
    PLACE_WEIGHT,
)
from banwatch.matching.lexicon_legal import LEGAL_FORM_COUNTRIES, LEGAL_FORM_PHRASES, LEGAL_FORMS
from banwatch.matching.normalize import CORE_MIN_WEIGHT, DISTINCTIVE, is_cjk, name_form, words
from banwatch.matching.places import PlaceKey
from banwatch.model.registry import Registry

Weigh = Callable[[str], float]
# A heavy word with business words beside it in a registry name is a distinctive
# name alone only when no organisation of the corpus uses it ("kaspersky", not "indigo").
UNSEEN_WEIGHT = 1.0
MAX_PLACE_WORDS = 6  # the longest place name read, in words ("bosnia herzegovina" is 2)
_KINDS = frozenset({"organisation", "brand", "product_line"})  # entities that have families


@dataclass(frozen=True)
class Distinctive:
    """A family's distinctive name: its words (one string for a Chinese name) and the head."""

    words: tuple[str, ...]
    head: str
    shown: str  # the registry name it was read from

    @property
    def text(self) -> str:
        return "".join(self.words) if is_cjk(self.words[0]) else " ".join(self.words)


@dataclass(frozen=True)
class Parts:
    """What a name says beside a distinctive name: places, legal forms, business words."""

    places: tuple[tuple[str, frozenset[str]], ...] = ()  # as read, with its countries
    legal: tuple[tuple[str, ...], ...] = ()
    business: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    """A name read as a probable member of the family of `name.head`."""

    name: Distinctive
    parts: Parts

    def describe(self) -> str:
        """What the name adds to the distinctive name, in words."""
        said: list[str] = []
        if self.parts.places:
            said.append("place " + ", ".join(repr(p) for p, _ in self.parts.places))
        if self.parts.legal:
            said.append("legal form " + ", ".join(repr(" ".join(f)) for f in self.parts.legal))
        if self.parts.business:
            said.append("business words " + ", ".join(repr(b) for b in self.parts.business))
        return " and ".join(said)


def fits(country: str | None, parts: Parts) -> bool:
    """Whether every place and legal form of a name fits an organisation of `country`.

    A region of no one country ("Europe") fits none; a legal form used
    everywhere ("Co.", "Corporation") fits all.
    """
    if country is None:
        return True
    if any(country not in codes for _, codes in parts.places):
        return False
    return all(country in LEGAL_FORM_COUNTRIES.get(f, (country,)) for f in parts.legal)


def ambiguous_keys(registry: Registry, weigh: Weigh) -> frozenset[str]:
    """The core keys of the names marked ambiguous, and the Chinese words that sound the same.

    "Dahua" makes "dahua" ambiguous, and so 大华, whose pinyin it is (looked
    for in the names of listed families, see `listed_families`).
    """
    keys: set[str] = set()
    for e in registry.entities.values():
        for n in e.names:
            if n.ambiguous:
                form = name_form(n.value, weigh)
                keys.add(form.core_key or form.full_key)
    if not keys:
        return frozenset()
    for eid in listed_families(registry):
        for value in registry.entities[eid].all_names():
            if value.isascii():
                continue
            for w in words(value):
                if is_cjk(w) and "".join(lazy_pinyin(w)) in keys:
                    keys.add(w)
    return frozenset(keys)


def _business(word: str) -> bool:
    """Whether a word only says what line of business a company is in."""
    return (
        word in GENERIC
        or word in BUSINESS_WORDS
        or word in CJK_GENERIC_SUFFIXES
        or word in CJK_BUSINESS_WORDS
    )


def _phrases(ws: list[str], weigh: Weigh, ambiguous: frozenset[str]) -> list[tuple[str, ...]]:
    """The distinctive names a registry name (as its words) yields.

    A name of one heavy word ("Hikvision", "ZTE Corporation") yields that
    word. A name that adds business words to it ("Indigo Vision", "AO
    Kaspersky Lab") yields all of them, so that "Indigo Mobile" is not read
    as IndigoVision, and the word alone too when no organisation of the
    corpus uses it ("kaspersky"). An ambiguous word alone, and a name with
    any other word, yield nothing.
    """
    kept = [w for w in ws if weigh(w) != PLACE_WEIGHT]
    core = [w for w in kept if weigh(w) >= DISTINCTIVE]
    if len(core) != 1 or weigh(core[0]) < CORE_MIN_WEIGHT:
        return []
    if any(w != core[0] and not _business(w) for w in kept):
        return []
    alone: list[tuple[str, ...]] = [] if core[0] in ambiguous else [(core[0],)]
    if len(kept) == 1:
        return alone
    whole = [("".join(kept),) if is_cjk(core[0]) else tuple(kept)]
    if "".join(kept) in ambiguous:
        return []
    return whole + alone if weigh(core[0]) >= UNSEEN_WEIGHT else whole


def listed_families(registry: Registry) -> set[str]:
    """Every entity a measure targets, and every entity whose relations lead to one.

    Only these families have distinctive names: a probable member of a
    family no measure lists would be matched for nothing, and imported lists
    and benchmarks hold hundreds of thousands of other organisations.
    """
    holders = _holders(registry)
    seen = {t.entity for m in registry.measures.values() for t in m.targets if t.entity}
    todo = list(seen)
    while todo:
        for holder in holders.get(todo.pop(), ()):
            if holder not in seen:
                seen.add(holder)
                todo.append(holder)
    return {i for i in seen if i in registry.entities}


def _holders(registry: Registry) -> dict[str, tuple[str, ...]]:
    """For each entity some relation points at, the entities holding such a relation."""
    held: dict[str, list[str]] = defaultdict(list)
    for e in registry.entities.values():
        for r in e.relations:
            held[r.target].append(e.id)
    return {target: tuple(ids) for target, ids in held.items()}


class FamilyNames:
    """The registry's distinctive family names, and the reading of a name as a family member."""

    def __init__(
        self,
        registry: Registry,
        weigh: Weigh,
        places: dict[PlaceKey, frozenset[str]],
        ambiguous: frozenset[str],
    ) -> None:
        self.places = places
        self._holders = _holders(registry)
        by_phrase: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
        bare: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for eid in sorted(listed_families(registry)):
            e = registry.entities[eid]
            if e.kind not in _KINDS:
                continue
            for n in [e.name, *(x.value for x in e.names if not x.ambiguous)]:
                ws = words(n)
                for phrase in _phrases(ws, weigh, ambiguous):
                    if any((w,) in places for w in phrase):
                        continue
                    if "".join(ws) == "".join(phrase):
                        bare[phrase].add(e.id)
                        by_phrase[phrase][e.id] = n  # shown as the family's name
                    else:
                        by_phrase[phrase].setdefault(e.id, n)
        self.names: list[Distinctive] = []
        for phrase, named in sorted(by_phrase.items()):
            if len(named) == 1:
                head = next(iter(named))
            else:
                head = min(
                    named,
                    key=lambda i: (i not in bare[phrase], -len(self.family(i) & set(named)), i),
                )
            self.names.append(Distinctive(phrase, head, named[head]))
        self._latin: dict[str, list[Distinctive]] = defaultdict(list)
        self._cjk: list[Distinctive] = []
        for d in sorted(self.names, key=lambda d: -len(d.text)):
            if is_cjk(d.words[0]):
                self._cjk.append(d)
            else:
                self._latin[d.words[0]].append(d)
        self.first_words = frozenset(self._latin)
        self._cjk_vocab = _cjk_vocabulary(places)

    def family(self, head: str) -> set[str]:
        """The entity and every entity whose relations lead to it, on any date."""
        seen, todo = {head}, [head]
        while todo:
            for holder in self._holders.get(todo.pop(), ()):
                if holder not in seen:
                    seen.add(holder)
                    todo.append(holder)
        return seen

    def may_name_member(self, name_words: Iterable[str]) -> bool:
        """Whether a name's words hold a distinctive name's first word (cheap; most do not)."""
        for w in name_words:
            if w in self.first_words:
                return True
            if is_cjk(w) and any(d.words[0] in w for d in self._cjk):
                return True
        return False

    def member(self, toks: list[str]) -> Member | None:
        """The family a name (as `normalize.tokens`) probably belongs to, or None.

        The name must hold one distinctive name, and beside it only places,
        legal forms and business words, with at least one place or legal form.
        """
        found = self._find(toks)
        if found is None:
            return None
        name, rest_latin, rest_cjk = found
        parts = self.parts(rest_latin, rest_cjk)
        if parts is None or not (parts.places or parts.legal):
            return None
        return Member(name, parts)

    def _find(self, toks: list[str]) -> tuple[Distinctive, list[str], list[str]] | None:
        hits: list[tuple[Distinctive, list[str], list[str]]] = []
        for i, t in enumerate(toks):
            if is_cjk(t):
                for d in self._cjk:
                    at = t.find(d.words[0])
                    if at >= 0:
                        pieces = [t[:at], t[at + len(d.words[0]) :]]
                        rest_cjk = [p for p in pieces if p] + [x for x in toks if is_cjk(x)]
                        rest_cjk.remove(t)
                        hits.append((d, [x for x in toks if not is_cjk(x)], rest_cjk))
                        break
                continue
            for d in self._latin.get(t, ()):
                n = len(d.words)
                if tuple(toks[i : i + n]) == d.words:
                    rest = toks[:i] + toks[i + n :]
                    hits.append(
                        (d, [x for x in rest if not is_cjk(x)], [x for x in rest if is_cjk(x)])
                    )
                    break
        if not hits or len({d.head for d, _, _ in hits}) > 1:
            return None
        return hits[0]

    def parts(self, latin: list[str], cjk: list[str]) -> Parts | None:
        """The places, legal forms and business words of these words, or None if any is else."""
        places: list[tuple[str, frozenset[str]]] = []
        legal: list[tuple[str, ...]] = []
        business: list[str] = []
        i = 0
        while i < len(latin):
            step = _legal_at(latin, i)
            if step:
                legal.append(tuple(latin[i : i + step]))
                i += step
                continue
            step = self._place_at(latin, i)
            if step:
                key = tuple(latin[i : i + step])
                places.append((" ".join(key), self.places[key]))
                i += step
                continue
            if latin[i] in GENERIC or latin[i] in BUSINESS_WORDS:
                business.append(latin[i])
                i += 1
                continue
            return None
        for run in cjk:
            pieces = _segment(run, self._cjk_vocab)
            if pieces is None:
                return None
            for kind, piece in pieces:
                if kind == "place":
                    places.append((piece, self.places.get((piece,), frozenset())))
                elif kind == "legal":
                    legal.append((piece,))
                else:
                    business.append(piece)
        return Parts(tuple(places), tuple(legal), tuple(business))

    def _place_at(self, toks: list[str], i: int) -> int:
        for n in range(min(MAX_PLACE_WORDS, len(toks) - i), 0, -1):
            if tuple(toks[i : i + n]) in self.places:
                return n
        return 0


_LEGAL_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    sorted({*LEGAL_FORM_PHRASES, *(k for k in LEGAL_FORM_COUNTRIES if len(k) > 1)}, key=len)[::-1]
)


def _legal_at(toks: list[str], i: int) -> int:
    """How many words from `i` are a legal form (0 if none)."""
    for phrase in _LEGAL_PHRASES:
        if tuple(toks[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 1 if toks[i] in LEGAL_FORMS else 0


def _cjk_vocabulary(places: dict[PlaceKey, frozenset[str]]) -> dict[str, str]:
    """Chinese (and Japanese) places, legal forms and business words, with their kind."""
    vocab: dict[str, str] = {}
    for w in (*CJK_BUSINESS_WORDS, *CJK_GENERIC_SUFFIXES):
        vocab[w] = "business"
    for key in places:
        if len(key) == 1 and is_cjk(key[0]):
            vocab[key[0]] = "place"
    for w in CJK_LEGAL_FORMS:
        vocab[w] = "legal"
    for k in LEGAL_FORM_COUNTRIES:
        if len(k) == 1 and is_cjk(k[0]):
            vocab[k[0]] = "legal"
    return vocab


# Chinese administrative units end in these characters (city, province,
# district, county), so a place need not be listed by name to be read as one.
_ADMINISTRATIVE = "市省区县"


def _segment(run: str, vocab: dict[str, str]) -> list[tuple[str, str]] | None:
    """A run of Chinese characters as known pieces, longest pieces first; None if it is not."""
    longest = max((len(w) for w in vocab), default=0)

    @cache
    def rest(at: int) -> tuple[tuple[str, str], ...] | None:
        if at == len(run):
            return ()
        for n in range(min(max(longest, 4), len(run) - at), 0, -1):
            piece = run[at : at + n]
            kind = vocab.get(piece)
            if kind is None and n in (3, 4) and piece[-1] in _ADMINISTRATIVE:
                kind = "place"  # 深圳市, 广东省: a city or province by its suffix
            if kind is not None:
                tail = rest(at + n)
                if tail is not None:
                    return ((kind, piece), *tail)
        return None

    got = rest(0)
    return None if got is None else list(got)
