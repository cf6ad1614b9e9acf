"""The real registry under data/: the seed facts are all there and hold together.

The expected ids are written out here rather than read from ../shared/registry,
so the suite does not depend on a folder beside the repository. They are the
ids of ../shared/registry/measures.yaml and entities.yaml (top-level entities
and those nested under `subsidiaries` / `former_subsidiaries`), which other
tools refer to and must never change.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from banwatch.errors import RegistryError
from banwatch.model.registry import Registry, dangling_references
from banwatch.model.vocabulary import CONFIDENCE_RANK
from banwatch.registry.loader import default_registry_dir, load_registry, safe_load

SEED_MEASURE_IDS = [
    "ca-ica-hikvision-canada-2025",
    "ca-fc-t-2284-25",
    "ca-federal-hikvision-procurement-use-ban-2025",
    "ca-qc-arrete-hikvision-dahua-2023",
    "ca-telecom-huawei-zte-2022",
    "ca-tran-bcferries-cib-loan-study-2025",
    "us-ndaa-fy2019-s889",
    "us-fcc-covered-list",
    "us-fcc-equipment-authorization-2022",
    "us-bis-entity-list-huawei-2019",
    "us-bis-entity-list-xinjiang-2019",
    "us-ofac-ns-cmic-2021",
    "us-dod-1260h-list",
    "us-commerce-icts-kaspersky-2024",
    "gb-cabinet-office-surveillance-sensitive-sites-2022",
    "gb-tsa-huawei-designated-vendor-2022",
    "au-defence-hikvision-dahua-removal-2023",
    "eu-ep-hikvision-thermal-cameras-2021",
    "de-bmi-huawei-zte-5g-2024",
    "in-meity-cctv-security-certification",
    "cn-mofcom-unreliable-entity-list",
    "cn-mofcom-anti-discrimination-canada-2024",
]

SEED_ENTITY_IDS = [
    # top level
    "hikvision",
    "dahua",
    "huawei",
    "zte",
    "hytera",
    "kaspersky",
    "china-mobile-intl-usa",
    "china-telecom-americas",
    "china-unicom-americas",
    "pacnet-comnet",
    "dji-autel",
    "cmi-weihai",
    "techinsights",
    # nested under subsidiaries / former_subsidiaries
    "hikvision-canada",
    "hikvision-usa",
    "ezviz",
    "hikrobot",
    "hikvision-innovative-units",
    "prama-hikvision-india",
    "hikvision-xinjiang-subs",
    "dahua-usa",
    "dahua-europe",
    "lorex",
    "huacheng",
    "chengdu-dahua-wisdom",
    "dahua-vision",
    "hisilicon",
    "huawei-device",
    "huawei-entity-list-affiliates",
    "honor",
    "nubia",
]

SEED_EVENT_COUNT = 100

# MA-L blocks whose IEEE registrant (folded) is claimed by the entity, as counted
# in the registry bundled with netaddr 1.3.0 (netaddr/eui/oui.txt).
MAC_BLOCKS = [
    ("hikvision", 67),
    ("dahua", 28),
    ("huawei", 1107),
    ("huawei-device", 490),
    ("zte", 392),
    ("honor", 36),
    ("ezviz", 7),
    ("hytera", 2),
    ("huacheng", 2),
    ("hikrobot", 1),
    ("prama-hikvision-india", 1),
    ("hisilicon", 1),
    ("nubia", 1),
    ("lorex", 1),
    ("dji-autel", 4),
    ("hikmicro", 2),
    ("lts", 1),
    ("swann", 1),
    ("amcrest", 3),
    ("trendnet", 4),
    ("alarm-com", 3),
    ("iflytek", 1),
    ("cloudwalk", 1),
    ("skydio", 1),
]

# (holder, relation type, target, start, end): dated facts the seed reports.
RELATIONS = [
    ("lorex", "subsidiary_of", "dahua", "2018-02-06", "2022-11-24"),
    ("lorex", "oem_of", "dahua", "2022-11-24", None),
    ("honor", "subsidiary_of", "huawei", None, "2020-11-17"),
    ("dahua-usa", "subsidiary_of", "dahua", None, "2024-01-03"),
    ("huacheng", "subsidiary_of", "dahua", None, None),
    ("huawei", "subsidiary_of", "huawei-investment-holding", None, None),
    ("ezviz", "subsidiary_of", "hikvision", None, None),
    ("luopu-haishi-dingxin", "subsidiary_of", "hikvision", None, None),
]

# (holder, target, share)
SHARES = [
    ("ezviz", "hikvision", 0.6),
    ("hikrobot", "hikvision", 0.6),
    ("nubia", "zte", 0.499),
    ("zte-shanghai", "zte", 0.9),
    ("huawei", "huawei-investment-holding", 1.0),
]

# (name, entity id): names the seed treats as names of one organisation.
NAMES = [
    ("Kaspersky Lab, Inc.", "kaspersky"),
    ("ComNet (USA) LLC", "pacnet-comnet"),
    ("杭州海康威视数字技术股份有限公司", "hikvision"),
    ("浙江大华技术股份有限公司", "dahua"),
    ("华为技术有限公司", "huawei"),
    ("中兴通讯股份有限公司", "zte"),
    ("Hangzhou Hikvision Digital Technology Company", "hikvision"),
    ("Dahua Technology Company", "dahua"),
    ("Huawei Technologies Company", "huawei"),
    ("Hytera Communications Corporation", "hytera"),
]

# (measure, target entity, date_added)
DATES_ADDED = [
    ("us-fcc-covered-list", "hikvision", "2021-03-12"),
    ("us-fcc-covered-list", "kaspersky", "2022-03-25"),
    ("us-fcc-covered-list", "pacnet-comnet", "2022-09-20"),
    ("us-fcc-covered-list", "dji-autel", "2025-12-22"),
    ("us-fcc-covered-list", "digitalsystem-technology", "2026-07-07"),
    ("us-bis-entity-list-xinjiang-2019", "urumqi-haishi-xinan", "2023-03-28"),
    ("us-bis-entity-list-huawei-2019", "huawei-entity-list-affiliates", "2019-08-19"),
    ("us-ofac-ns-cmic-2021", "dji-autel", "2021-12-16"),
    ("us-dod-1260h-list", "chengdu-dahua-wisdom", "2025-01-07"),
    ("cn-mofcom-unreliable-entity-list", "techinsights", "2025-10-09"),
    ("cn-mofcom-unreliable-entity-list", "lockheed-martin", "2023-02-16"),
]


@pytest.mark.parametrize("measure_id", SEED_MEASURE_IDS)
def test_seed_measure_is_present(registry: Registry, measure_id: str) -> None:
    assert measure_id in registry.measures


@pytest.mark.parametrize("entity_id", SEED_ENTITY_IDS)
def test_seed_entity_is_present(registry: Registry, entity_id: str) -> None:
    assert entity_id in registry.entities


def test_every_seed_event_is_kept(registry: Registry) -> None:
    # the registry grows past the seed: its events are kept, more may be added
    assert sum(len(m.events) for m in registry.measures.values()) >= SEED_EVENT_COUNT


def test_the_undated_event_changes_nothing(registry: Registry) -> None:
    undated = [e for m in registry.measures.values() for e in m.events if e.date is None]
    assert len(undated) == 1
    assert undated[0].effect == "none"
    assert not undated[0].verified
    assert undated[0].reason


def test_unsourced_events_are_unverified_with_a_reason(registry: Registry) -> None:
    for m in registry.measures.values():
        for e in m.events:
            if e.source is None:
                assert not e.verified and e.reason, (m.id, e.summary)


@pytest.mark.parametrize("measure_id", SEED_MEASURE_IDS)
def test_measure_says_whom_it_binds(registry: Registry, measure_id: str) -> None:
    m = registry.measures[measure_id]
    if m.restrictive:
        assert m.binds and m.acts
    else:
        assert m.max_verdict == "review"
        assert not m.binds and not m.acts


def test_references_point_at_existing_entities(registry: Registry) -> None:
    assert dangling_references(registry.entities, registry.measures) == []
    for e in registry.entities.values():
        for r in e.relations:
            assert r.target in registry.entities, (e.id, r.target)
            assert r.target != e.id, e.id
    for m in registry.measures.values():
        for t in m.targets:
            assert t.entity is None or t.entity in registry.entities, (m.id, t.entity)
        for rel in m.related:
            assert rel in registry.measures, (m.id, rel)


def test_oem_relations_are_never_high_confidence(registry: Registry) -> None:
    oem = [(e.id, r) for e in registry.entities.values() for r in e.relations if r.type == "oem_of"]
    assert oem
    for eid, r in oem:
        assert CONFIDENCE_RANK[r.confidence] < CONFIDENCE_RANK["high"], eid


def test_unverified_entities_have_no_high_confidence_relation(registry: Registry) -> None:
    for e in registry.entities.values():
        if not e.verified:
            assert all(r.confidence != "high" for r in e.relations), e.id


def test_every_entity_has_a_source(registry: Registry) -> None:
    for e in registry.entities.values():
        assert e.sources, e.id


@pytest.mark.parametrize(("entity_id", "count"), MAC_BLOCKS)
def test_mac_blocks_attributed(registry: Registry, entity_id: str, count: int) -> None:
    per_entity = Counter(b.entity_id for b in registry.mac_blocks.values())
    assert per_entity[entity_id] == count


@pytest.mark.parametrize(("holder", "rtype", "target", "start", "end"), RELATIONS)
def test_dated_relation(
    registry: Registry, holder: str, rtype: str, target: str, start: str | None, end: str | None
) -> None:
    found = [
        r for r in registry.entities[holder].relations if r.type == rtype and r.target == target
    ]
    assert len(found) == 1
    assert (found[0].start, found[0].end) == (start, end)


@pytest.mark.parametrize(("holder", "target", "share"), SHARES)
def test_ownership_share(registry: Registry, holder: str, target: str, share: float) -> None:
    shares = [
        r.share
        for r in registry.entities[holder].relations
        if r.type == "subsidiary_of" and r.target == target
    ]
    assert shares == [share]


@pytest.mark.parametrize(("name", "entity_id"), NAMES)
def test_name_belongs_to_entity(registry: Registry, name: str, entity_id: str) -> None:
    assert name in registry.entities[entity_id].all_names()


@pytest.mark.parametrize(("measure_id", "entity_id", "date_added"), DATES_ADDED)
def test_target_date_added(
    registry: Registry, measure_id: str, entity_id: str, date_added: str
) -> None:
    dates = {t.date_added for t in registry.measures[measure_id].targets if t.entity == entity_id}
    assert date_added in dates


# --------------------------------------------------------------- broken registry ---


def _corrupt(root: Path, rel: str, record_id: str, path: list[str | int], value: Any) -> None:
    """Set one field of one record of a copied registry file to `value`."""
    file = root / rel
    doc = yaml.safe_load(file.read_text(encoding="utf-8"))
    key = rel.split("/")[0]
    node = next(r for r in doc[key] if r["id"] == record_id)
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    file.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


BROKEN = [
    ("measures/us.yaml", "us-ndaa-fy2019-s889", ["jurisdiction"], "usa", "jurisdiction"),
    (
        "measures/ca.yaml",
        "ca-ica-hikvision-canada-2025",
        ["events", 0, "effect"],
        "x",
        "events.0.effect",
    ),
    (
        "entities/dahua.yaml",
        "lorex",
        ["relations", 0, "confidence"],
        "certain",
        "relations.0.confidence",
    ),
    ("entities/hikvision.yaml", "hikvision", ["kind"], "company", "kind"),
]


@pytest.mark.parametrize(("rel", "record_id", "path", "value", "field"), BROKEN)
def test_broken_registry_names_file_record_and_field(
    tmp_path: Path, rel: str, record_id: str, path: list[str | int], value: Any, field: str
) -> None:
    root = tmp_path / "data"
    shutil.copytree(default_registry_dir(), root)
    _corrupt(root, rel, record_id, path, value)
    with pytest.raises(RegistryError) as caught:
        load_registry(root)
    message = str(caught.value)
    assert rel.split("/")[1] in message
    assert record_id in message
    assert field in message
    assert caught.value.record_id == record_id
    assert caught.value.field == field


def test_a_file_that_is_not_yaml_is_named_with_its_row(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(default_registry_dir(), root)
    broken = root / "entities" / "dahua.yaml"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  - id: [unclosed")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(root)
    message = str(caught.value)
    assert "dahua.yaml" in message
    assert "not valid YAML" in message
    assert caught.value.row is not None and caught.value.row >= 4


def test_the_registry_reads_the_same_with_and_without_libyaml() -> None:
    import yaml

    for path in sorted(default_registry_dir().rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert safe_load(text) == yaml.load(text, Loader=yaml.SafeLoader), path
