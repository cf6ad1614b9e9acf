"""The coverage report counts what the registry holds per family, from its relations."""

from __future__ import annotations

from io import StringIO

from banwatch.model.registry import Registry
from banwatch.reports.coverage import family_counts, members, write_coverage


def test_a_family_is_every_entity_whose_relations_lead_to_it(registry: Registry) -> None:
    hik = members(registry, "hikvision")
    assert hik[0] == "hikvision"
    assert {"ezviz", "hikvision-canada", "lts"} <= set(hik)  # subsidiary, brand, relabel
    assert "huawei" not in hik


def test_counts_add_up_to_the_registry(registry: Registry) -> None:
    by_head = {f.head: f for f in family_counts(registry)}
    assert {"hikvision", "dahua", "huawei", "zte", "hytera"} <= set(by_head)
    huawei = by_head["huawei"]
    assert huawei.other_scripts >= 1 and huawei.mac_blocks > 1000
    text = StringIO()
    write_coverage(registry, text)
    assert f"{len(registry.measures)} measures" in text.getvalue()
    assert "`us-fcc-covered-list`" in text.getvalue()
