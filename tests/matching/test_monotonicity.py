"""Listing more names never removes or lowers another name's reading.

For registries R ⊂ R' and any query, every reading the search finds against
R it finds against R', with the same score, unless R' fills every one of
the `MAX_READINGS` places with readings at least as good: an exact reading
hides no other. Names are drawn
from a tiny alphabet, so that shared words, near typos and repeated words
happen often.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from banwatch.matching.name_search import MAX_READINGS
from banwatch.matching.names import NameEntry, NameHit, NameIndex
from banwatch.matching.normalize import name_form, weight

# Words one or two typos apart, long and short, beside light and one-letter words.
WORDS = [
    "avtomatika",
    "avtomatica",
    "avtomatikka",
    "kronshtadt",
    "kronstadt",
    "gazprom",
    "gasprom",
    "faberlic",
    "faberlick",
    "joint",
    "joynt",
    "storm",
    "stom",
    "trading",
    "systems",
    "hangzhou",
    "7",
    "x",
]
word_st = st.one_of(st.sampled_from(WORDS), st.text(alphabet="ab", min_size=5, max_size=8))
name_st = st.lists(word_st, min_size=1, max_size=3).map(" ".join)


def _index(names: list[str]) -> NameIndex:
    entries = [NameEntry(f"e{i}", n, True, None, name_form(n)) for i, n in enumerate(names)]
    return NameIndex(entries, weight)


def _kept(before: list[NameHit], after: list[NameHit]) -> None:
    found = {(h.entry.entity_id, h.score) for h in after}
    full = len(after) == MAX_READINGS
    for h in before:
        if full and h.score <= after[-1].score:
            continue  # pushed out by as many readings at least as good
        assert (h.entry.entity_id, h.score) in found, (h, after)


@settings(max_examples=300, deadline=None)
@given(
    listed=st.lists(name_st, min_size=1, max_size=12),
    more=st.lists(name_st, min_size=1, max_size=12),
    query=name_st,
    threshold=st.sampled_from([0.5, 0.8]),
)
def test_a_larger_registry_keeps_every_reading(
    listed: list[str], more: list[str], query: str, threshold: float
) -> None:
    small, large = _index(listed), _index(listed + more)
    q = name_form(query, weight)
    if not q.words:
        return
    _kept(small.search(query, threshold, 1.0), large.search(query, threshold, 1.0))
    _kept(
        small.search_python(q, threshold, 1.0),
        large.search_python(q, threshold, 1.0),
    )


def test_a_listed_word_does_not_hide_a_name_one_typo_away() -> None:
    """The defect of issue 11: listing "Avtomatika Trading" hid "Kronshtadt Avtomatica"."""
    for names in (["Kronshtadt Avtomatica"], ["Kronshtadt Avtomatica", "Avtomatika Trading"]):
        hits = _index(names).search("Kronshtadt Avtomatika", 0.8, 0.08)
        assert [(h.entry.value, h.score) for h in hits] == [("Kronshtadt Avtomatica", 0.94)]


def test_an_exact_reading_hides_no_other() -> None:
    """Listing "Gazprom JSC" hid a listed "Gasprom JSC" from "OAO Gazprom" (v3)."""
    for names in (["Gasprom JSC"], ["Gasprom JSC", "Gazprom JSC"]):
        hits = _index(names).search("OAO Gazprom", 0.8)
        assert ("Gasprom JSC", 0.8) in [(h.entry.value, h.score) for h in hits]
    hits = _index(["Gasprom JSC", "Gazprom JSC"]).search("OAO Gazprom", 0.8)
    assert [h.exact for h in hits] == [True, False]
