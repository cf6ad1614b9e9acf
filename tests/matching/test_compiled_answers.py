"""The compiled search, not its Python fallback, answers the benchmark's queries.

`NameIndex.search` falls back to the readable Python search when the
compiled one reports FALLBACK (a score Python would round otherwise), so the
equality tests of test_name_search.py would pass if the compiled search never
answered. Here it runs alone (`NameIndex.search_compiled`) on the benchmark's
query mix against a small universe, and the fallbacks are counted.
"""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from banwatch.matching import name_queries
from banwatch.matching.matcher import Matcher, compile_matcher
from banwatch.matching.names import NameHit, NameIndex
from banwatch.matching.normalize import NameForm, name_form

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"
UNIVERSE = 3_000  # synthetic names beside the registry
QUERIES = 1_500
MOST = 0.99  # share of queries the compiled search must answer itself


def _benchmark(name: str) -> ModuleType:
    """A module of benchmarks/ (they import each other by bare name)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


class Bench:
    """The registry with a small universe, its matcher, and the benchmark's queries."""

    def __init__(self) -> None:
        universe, queries = _benchmark("universe"), _benchmark("queries")
        uv = universe.build_universe(UNIVERSE)
        self.matcher: Matcher = compile_matcher(uv.registry)
        self.names: list[str] = uv.names
        restricted = queries.registry_names(uv.registry)
        self.queries: list[tuple[str, str]] = queries.draw_queries(QUERIES, uv.names, restricted)
        self.vary: Any = queries.vary

    @property
    def index(self) -> NameIndex:
        return self.matcher.names

    def form(self, text: str) -> NameForm:
        return name_form(text, self.index.weigh)


@pytest.fixture(scope="module")
def bench() -> Bench:
    return Bench()


def _python(index: NameIndex, q: NameForm, threshold: float) -> list[tuple[int, float, float]]:
    """The readings of the Python search as the compiled search gives them."""
    where = {id(e): i for i, e in enumerate(index.entries)}
    hits: list[NameHit] = index.search_python(q, threshold, 1.0)
    return [(where[id(h.entry)], h.score, h.aligned) for h in hits]


def test_the_compiled_search_answers_nearly_every_benchmark_query(bench: Bench) -> None:
    threshold = bench.matcher.config.threshold
    forms = [q for q in (bench.form(t) for _, t in bench.queries) if q.words]
    answers = [bench.index.search_compiled(q, threshold, 1.0) for q in forms]
    fallbacks = sum(a is None for a in answers)
    print(
        f"compiled search: {len(forms) - fallbacks} of {len(forms)} answered, {fallbacks} FALLBACK"
    )
    assert len(forms) > 0.95 * QUERIES
    assert fallbacks <= (1 - MOST) * len(forms)
    assert sum(bool(a) for a in answers) > len(forms) / 3  # most queries read as someone
    # What it answers is the Python search's readings, for queries with no exact name.
    searched = [
        (q, a)
        for q, a in zip(forms, answers, strict=True)
        if a is not None and q.full_key not in bench.index._by_key
    ]
    assert len(searched) > len(forms) / 3
    for q, a in searched:
        assert a == _python(bench.index, q, threshold), q.words


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(at=st.integers(min_value=0, max_value=UNIVERSE - 1), seed=st.integers(0, 2**32 - 1))
def test_a_varied_listed_name_is_answered_by_the_compiled_search(
    bench: Bench, at: int, seed: int
) -> None:
    """A listed name with a typo, another legal form, swapped words or another case."""
    q = bench.form(bench.vary(random.Random(seed), bench.names[at]))
    threshold = bench.matcher.config.threshold
    answer = bench.index.search_compiled(q, threshold, 1.0)
    assert answer is not None
    if q.words and q.full_key not in bench.index._by_key:
        assert answer == _python(bench.index, q, threshold)


@pytest.mark.parametrize(("threshold", "margin"), [(None, 1.0), (0.5, 1.0), (0.7, 0.08)])
def test_a_batch_reads_each_name_as_a_search_of_it_alone(
    bench: Bench, threshold: float | None, margin: float
) -> None:
    """`search_forms` (one compiled call for the batch) gives each name `search_form`'s hits."""
    at = bench.matcher.config.threshold if threshold is None else threshold
    forms = [bench.form(t) for _, t in bench.queries] + [bench.form(""), bench.form("and")]
    alone = [bench.index.search_form(q, at, margin) for q in forms]
    assert bench.index.search_forms(forms, at, margin) == alone
    assert sum(bool(h) for h in alone) > len(forms) / 3
    assert bench.index.search_forms([], at, margin) == []


def test_names_read_together_read_as_each_read_alone(bench: Bench) -> None:
    """`Matcher.read_names` searches a batch at once; a fresh matcher reads each name alone."""
    names = [t for _, t in bench.queries[:400]] + ["", "  ", "4711-2000"]
    together = bench.matcher
    together.read_names(names)
    alone = compile_matcher(together.registry)
    for name in names:
        if name.strip():
            assert together._read_name(name.strip()) == alone._name_readings(name.strip())


def test_new_words_looked_up_together_get_the_near_lists_each_gets_alone(bench: Bench) -> None:
    """A batch looks its new words up in one call (`name_queries.look_up_new_words`)."""
    index = bench.index
    forms = [bench.form(bench.vary(random.Random(k), t)) for k, (_, t) in enumerate(bench.queries)]
    index._near_lists.clear()
    name_queries.look_up_new_words(index, forms)
    together = dict(index._near_lists)
    assert len(together) > 100
    assert sum(bool(ids) for ids, _ in together.values()) > 20  # typos of listed words
    index._near_memo.clear()
    assert together == {word: index._near_lists_of(word) for word in together}
