"""`banwatch measures` without --target reports the measure's own status.

A list measure may have category targets (no entity) with a later date_added; without
--target they must not be mistaken for the wanted target and hold the whole list at not_yet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from banwatch.model.measures import Measure
from banwatch.model.profile import Profile
from banwatch.registry.loader import default_registry_dir, load_registry
from banwatch.reports.measures import measure_rows


def test_category_target_does_not_hold_list_at_not_yet():
    registry = load_registry(default_registry_dir())
    measure = Measure.model_validate(
        {
            "id": "xx-list",
            "title": "a list",
            "jurisdiction": "US",
            "authority": "a",
            "instrument": "i",
            "type": "listed_equipment",
            "binds": [{"sector": "telecom"}],
            "acts": ["buy"],
            "scope": "s",
            "targets": [
                {"name": "Huawei", "entity": "huawei", "date_added": "2021-03-12"},
                {"name": "a category", "date_added": "2025-12-22"},
            ],
            "events": [
                {
                    "date": "2021-03-12",
                    "type": "published",
                    "effect": "in_force",
                    "summary": "x",
                    "source": "https://example.org/a",
                },
            ],
            "sources": ["https://example.org/a"],
        }
    )
    registry = replace(registry, measures={measure.id: measure})
    (row,) = measure_rows(registry, Profile(as_of=date(2023, 1, 1)), None)
    assert row.status == "in_force"
    assert row.since == "2021-03-12"
