"""What a dismissal holds against: record values and the basis of entities and measures (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from banwatch.alerts.basis import alert_seeds, basis, value_digest
from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.model.registry import Registry
from banwatch.screening.screen import Screening

cells = st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=12), max_size=6)


@given(cells, st.randoms())
def test_a_value_does_not_depend_on_column_order_or_names(
    record: dict[str, str], rnd: Random
) -> None:
    items = list(record.items())
    rnd.shuffle(items)
    renamed = {f"column {i}": v for i, (_, v) in enumerate(items)}
    assert value_digest(renamed) == value_digest(record)


@given(cells, st.text(min_size=1, max_size=12).filter(str.strip))
def test_a_value_changes_with_a_new_value(record: dict[str, str], extra: str) -> None:
    assert value_digest({**record, "\x00new": extra}) != value_digest(record)


def test_the_basis_changes_with_a_new_event(registry: Registry) -> None:
    measure_id = "ca-federal-hikvision-procurement-use-ban-2025"
    before = basis(registry, ["hikvision"], [measure_id])
    measure = registry.measures[measure_id]
    event = measure.events[0].model_copy(update={"summary": "a later step"})
    changed = measure.model_copy(update={"events": [*measure.events, event]})
    measures = {**registry.measures, measure_id: changed}
    other = replace(registry, measures=measures)
    assert basis(other, ["hikvision"], [measure_id]) != before
    assert basis(registry, ["hikvision", "hikvision"], [measure_id]) == before


def test_seeds_are_the_entities_of_non_clear_findings(registry: Registry, matcher: Matcher) -> None:
    screening = Screening(
        registry, matcher, Profile(as_of=date(2025, 8, 15), jurisdictions=("CA",))
    )
    records = [
        Record(0, "t", 1, {"supplier": "EZVIZ Inc."}, {"supplier": "name"}),
        Record(1, "t", 2, {"supplier": "Acme Office Supplies"}, {"supplier": "name"}),
    ]
    findings = [screening.screen(r) for r in records]
    seeds = alert_seeds(registry, findings)
    assert [(s.row, s.entity_id) for s in seeds] == [(0, m.entity_id) for m in findings[0].matches]
    assert findings[1].verdict == "clear"
