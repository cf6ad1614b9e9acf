"""The readings of one name: search hits, weighed for ambiguous names and family members (pure).

Two rules act on what the name search found:

- An ambiguous name (`Name.ambiguous`: "Dahua", "Honor") is also an
  ordinary word or another firm's name. A name made only of it is `review`
  at most, unless the name itself adds a place or legal form that fits the
  entity ("Dahua Co., Ltd."); a longer name holding it and words the
  registry name lacks ("Dahua Group", "Honor Credit Union") is another firm
  and no reading at all.
- A name that is a listed family's distinctive name with only places, legal
  forms and business words beside it ("Hikvision Deutschland GmbH") reads
  as a probable member of that family, at a score below certainty, unless
  the registry knows the company: an exact name, or a certain reading whose
  registry name holds the name's places, or whose places and legal forms fit
  the entity's country.

Both only ever act on names that hold an ambiguous or a distinctive word;
other names keep the search's readings as they are.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from banwatch.matching.families import FamilyNames, Member, Parts, fits
from banwatch.matching.initials import DERIVED as INITIALS
from banwatch.matching.lexicon_legal import LEGAL_FORM_COUNTRIES
from banwatch.matching.names import NameEntry, NameHit, NameIndex, typo_similarity
from banwatch.matching.normalize import DISTINCTIVE, NameForm, tokens
from banwatch.model.vocabulary import MatchedOn

# An entity id, name or alias, score, why, and the feature that fired.
NameReading = tuple[str, MatchedOn, float, str, str]


class Numbers(Protocol):
    """The matcher's numbers these rules read (`MatcherConfig`)."""

    @property
    def threshold(self) -> float: ...
    @property
    def certain(self) -> float: ...
    @property
    def family_score(self) -> float: ...
    @property
    def ambiguous_score(self) -> float: ...
    @property
    def review_cap(self) -> float: ...


class Reading(NamedTuple):
    """One reading of a name before readings are kept: a search hit or a family reading."""

    entity_id: str
    primary: bool
    score: float
    aligned: float
    hit: NameHit | None
    note: str  # added to the hit's explanation; the whole explanation when there is no hit
    feature: str = ""  # "" for the name or alias feature


def _in(word: str, among: tuple[str, ...] | list[str]) -> bool:
    return word in among or any(typo_similarity(word, o) > 0 for o in among)


class NameReader:
    """Turns a name's search hits into its readings, with the two rules above."""

    def __init__(
        self,
        index: NameIndex,
        family: FamilyNames,
        ambiguous: frozenset[str],
        countries: dict[str, str | None],
        names: dict[str, str],
    ) -> None:
        self.index = index
        self.family = family
        self.ambiguous = ambiguous
        self.countries = countries  # entity id -> country of registration
        self.names = names  # entity id -> display name

    def read(
        self, value: str, q: NameForm, numbers: Numbers, hits: list[NameHit] | None = None
    ) -> tuple[NameReading, ...]:
        """The readings of a name kept: one per entity, the best within the margin of the best.

        `hits` are the name's search hits at `numbers.threshold`, when already searched.
        """
        if hits is None:
            hits = self.index.search_form(q, numbers.threshold)
        toks: list[str] | None = None
        readings: list[Reading] = []
        if any(h.entry.form.core_key in self.ambiguous for h in hits):
            toks = tokens(value)
            readings = self._weigh_ambiguous(q, toks, hits, numbers)
        else:
            readings = [_reading(h, numbers) for h in hits]
        if self.family.may_name_member(q.words):
            toks = toks if toks is not None else tokens(value)
            member = self.family.member(toks)
            if member is not None:
                readings = self._with_member(member, readings, numbers)
        return _kept(readings)

    def _weigh_ambiguous(
        self, q: NameForm, toks: list[str], hits: list[NameHit], numbers: Numbers
    ) -> list[Reading]:
        out: list[Reading] = []
        for h in hits:
            e = h.entry
            if e.form.core_key in self.ambiguous:
                got = self._ambiguous(q, toks, h, numbers)
                if got is not None:
                    out.append(got)
            else:
                out.append(_reading(h, numbers))
        return out

    def _ambiguous(
        self, q: NameForm, toks: list[str], h: NameHit, numbers: Numbers
    ) -> Reading | None:
        """A hit on a name whose distinctive word is ambiguous: dropped, capped or kept."""
        e: NameEntry = h.entry
        country = self.countries.get(e.entity_id)
        places = self.family.places
        theirs = e.form.words
        core = [w for w, x in zip(theirs, e.form.weights, strict=True) if x >= DISTINCTIVE]
        fitting = [w for w in q.words if country in places.get((w,), ()) and w not in theirs]
        if not all(_in(w, theirs) or w in fitting for w in q.words):
            return None  # another firm's name that holds the ambiguous word
        keep = Reading(e.entity_id, e.primary, h.score, h.aligned, h, "")
        if not all(_in(w, core) or w in fitting for w in q.words):
            return keep  # a fuller registered name: "Dahua Technology"
        legal = _fitting_legal_forms(toks, country)
        if fitting or legal:
            what = ", ".join(repr(x) for x in [*fitting, *legal])
            return keep._replace(note=f"; the ambiguous name is supported by {what}")
        score = min(h.score, numbers.ambiguous_score)
        shown = " ".join(core)
        note = (
            f"; {shown!r} is also an ordinary word or another firm's name, "
            "so alone it is not certain"
        )
        return keep._replace(
            score=score, aligned=min(h.aligned, score), note=note, feature="ambiguous"
        )

    def _with_member(
        self, member: Member, readings: list[Reading], numbers: Numbers
    ) -> list[Reading]:
        """The readings with the family reading, unless one of them knows the company.

        A reading of another member of the family whose places and legal forms
        do not fit the name is a guess, dropped either way: "Hikvision Canada"
        is not Hikvision itself, whether or not the registry lists it.
        """
        head = member.name.head
        family = self.family.family(head)
        kept = [r for r in readings if r.entity_id not in family or self._knows(r, member)]
        if any(r.score >= numbers.certain and self._knows(r, member) for r in readings):
            return kept
        score = numbers.family_score
        family_name = member.name.shown
        if family_name != self.names[head]:
            family_name += f" ({self.names[head]})"
        why = (
            f"probable member of the {family_name} family not in the registry: "
            f"its distinctive name {member.name.text!r} with {member.describe()}"
        )
        kept.append(Reading(head, False, score, score, None, why, "family"))
        return kept

    def _knows(self, r: Reading, member: Member) -> bool:
        """Whether a certain reading is of the very company the name names."""
        if r.hit is None:
            return False
        if r.hit.exact:
            return True
        theirs = set(r.hit.entry.form.words)
        unnamed = tuple(p for p in member.parts.places if not set(p[0].split()) <= theirs)
        return fits(self.countries.get(r.entity_id), Parts(unnamed, member.parts.legal))


def _reading(h: NameHit, numbers: Numbers) -> Reading:
    """A search hit as a reading; through a person's initials, below certainty."""
    e = h.entry
    if e.derived is None or not e.derived.startswith(INITIALS):
        return Reading(e.entity_id, e.primary, h.score, h.aligned, h, "")
    score = min(h.score, numbers.review_cap)
    note = "; an initial stands for many names, so it is not certain"
    return Reading(e.entity_id, e.primary, score, min(h.aligned, score), h, note)


def _fitting_legal_forms(toks: list[str], country: str | None) -> list[str]:
    """The legal forms in a name used only in some countries, `country` among them."""
    found: list[str] = []
    i = 0
    while i < len(toks):
        for n in (5, 4, 3, 2, 1):
            key = tuple(toks[i : i + n])
            if len(key) == n and key in LEGAL_FORM_COUNTRIES:
                if country in LEGAL_FORM_COUNTRIES[key]:
                    found.append(" ".join(key))
                i += n - 1
                break
        i += 1
    return found


def _kept(readings: list[Reading]) -> tuple[NameReading, ...]:
    """Every entity's best reading, best first (equal scores by how well the words align).

    A weaker reading of another entity is kept beside a better one, an exact
    one included: listing a name must never hide another listed name the
    record may mean (monotonicity), and a reading below certainty is `review`
    at most.
    """
    if not readings:
        return ()
    readings.sort(key=lambda r: (-r.score, -r.aligned, not r.primary, r.entity_id))
    out: list[NameReading] = []
    best: dict[str, float] = {}
    for r in readings:
        if best.get(r.entity_id, -1.0) >= r.score:
            continue
        best[r.entity_id] = r.score
        on: MatchedOn = "name" if r.primary else "alias"
        if r.hit is None:
            why = r.note
        else:
            derived = r.hit.entry.derived
            why = r.hit.explanation + (f" ({derived})" if derived else "") + r.note
        out.append((r.entity_id, on, r.score, why, r.feature or on))
    return tuple(x for x in out if best[x[0]] == x[2])
