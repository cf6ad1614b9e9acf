"""Per-target listing dates of the Huawei Entity List measure, read from the real registry.

Each affiliate counts as listed from its own rule's effective date, not from Huawei's
2019-05-16 listing: on the eve of its rule it is `not_yet` while Huawei itself is in force.
"""

from __future__ import annotations

from datetime import date

import pytest

from banwatch.model.registry import Registry
from banwatch.status import status_as_of

MEASURE = "us-bis-entity-list-huawei-2019"

# (target entity, the day before its rule took effect, a day after)
LISTINGS = [
    ("huawei", date(2019, 5, 15), date(2019, 6, 1)),
    ("huawei-technologies-australia", date(2019, 8, 18), date(2019, 9, 1)),
    ("huawei-tech-investment-argentina", date(2019, 8, 18), date(2019, 9, 1)),
    ("huawei-cloud-beijing", date(2020, 8, 16), date(2020, 9, 1)),
    ("huawei-cloud-computing-technology", date(2020, 8, 16), date(2020, 9, 1)),
]


def _target_index(registry: Registry, entity_id: str) -> int:
    targets = registry.measures[MEASURE].targets
    return next(i for i, t in enumerate(targets) if t.entity == entity_id)


@pytest.mark.parametrize(("entity_id", "before", "after"), LISTINGS)
def test_affiliate_is_listed_from_its_own_rule(
    registry: Registry, entity_id: str, before: date, after: date
) -> None:
    measure = registry.measures[MEASURE]
    index = _target_index(registry, entity_id)
    assert status_as_of(measure, before, index).status == "not_yet"
    assert status_as_of(measure, after, index).status == "in_force"


@pytest.mark.parametrize(("entity_id", "before", "after"), LISTINGS[1:])
def test_huawei_is_in_force_while_a_later_affiliate_is_not_yet(
    registry: Registry, entity_id: str, before: date, after: date
) -> None:
    measure = registry.measures[MEASURE]
    huawei = _target_index(registry, "huawei")
    assert status_as_of(measure, before, huawei).status == "in_force"
    assert status_as_of(measure, before, _target_index(registry, entity_id)).status == "not_yet"
