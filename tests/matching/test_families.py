"""Probable family members and ambiguous names, against the real registry (no mocks).

A listed family's distinctive name with places, a legal form and business
words beside it is a probable member of that family: `review`, never
`clear`, never `prohibited` — unless the registry knows the company. A name
that is also an ordinary word or another firm's name is `review` at most on
its own, and a longer name holding it is another firm.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from banwatch.matching.matcher import Evidence, Matcher
from banwatch.matching.normalize import name_form, tokens
from banwatch.matching.places import country_codes
from banwatch.model.profile import Profile
from banwatch.model.records import Record, Role
from banwatch.model.registry import Registry
from banwatch.screening.screen import Screening

ROLE: dict[str, Role] = {"supplier": "name", "model": "model", "mac": "mac", "country": "country"}
DAY = date(2026, 1, 1)


def found(matcher: Matcher, **cells: str) -> list[Evidence]:
    record = Record(0, "t.csv", 2, dict(cells), {k: ROLE[k] for k in cells})
    return matcher.match(record)[0]


def verdict(registry: Registry, matcher: Matcher, **cells: str) -> str:
    record = Record(0, "t.csv", 2, dict(cells), {k: ROLE[k] for k in cells})
    return Screening(registry, matcher, Profile(DAY)).screen(record).verdict


def known(matcher: Matcher, name: str) -> str | None:
    """The entity a registry name of exactly this name (legal form aside) belongs to, if any."""
    key = name_form(name, matcher.names.weigh).full_key
    for e in matcher.names.entries:
        if e.form.full_key == key:
            return e.entity_id
    return None


def group(registry: Registry, entity_id: str) -> set[str]:
    """The entities linked to one by ownership or brand, either way (white-label links aside)."""
    links: dict[str, set[str]] = defaultdict(set)
    for e in registry.entities.values():
        for r in e.relations:
            if r.type != "oem_of":
                links[e.id].add(r.target)
                links[r.target].add(e.id)
    seen, todo = {entity_id}, [entity_id]
    while todo:
        for nxt in links[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("Hikvision Paraguay S.A.", "hikvision"),
        ("Hikvision Deutschland GmbH", "hikvision"),
        ("Hikvision Australia Pty Ltd", "hikvision"),
        ("Huawei Technologies Bolivia S.R.L.", "huawei"),
        ("Huawei Technologies Sweden AB", "huawei"),
        ("ZTE Moldova S.R.L.", "zte"),
        ("ZTE Deutschland GmbH", "zte"),
        ("Kaspersky Lab Italia S.r.l.", "kaspersky"),
        ("Hytera Mobilfunk GmbH", "hytera"),
        ("Hytera Kft.", "hytera"),
        ("Dahua Technology Polska Sp. z o.o.", "dahua"),
        ("Dahua Technology Hrvatska d.o.o.", "dahua"),
        ("EZVIZ Europe B.V.", "ezviz"),
        ("DJI Europe B.V.", "dji-autel"),
        ("华为技术德国有限公司", "huawei"),
        ("华为技术日本株式会社", "huawei"),
        ("深圳市大疆创新科技有限公司", "dji-autel"),  # a city by its suffix, business words
        ("杭州海康威视日本株式会社", "hikvision"),
    ],
)
def test_a_probable_family_member_is_read_as_the_family_below_certainty(
    registry: Registry, matcher: Matcher, name: str, head: str
) -> None:
    got = found(matcher, supplier=name)
    listed = known(matcher, name)
    if listed is not None:  # the registry knows the company: its own match wins
        assert got[0].entity_id == listed
        assert got[0].score == 1.0
        return
    assert got[0].entity_id == head
    cfg = matcher.config
    assert cfg.threshold <= got[0].score < cfg.certain
    feature = got[0].features[0]
    assert feature.feature == "family"
    assert "probable member" in feature.explanation and "not in the registry" in feature.explanation
    assert verdict(registry, matcher, supplier=name) == "review"


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Hikvision Canada Inc.", "hikvision-canada"),
        ("Hikvision Digital Technology Canada", "hikvision-canada"),
        ("Zhejiang Dahua Technology Co., Ltd.", "dahua"),
        ("Dahua Technology USA Inc.", "dahua-usa"),
        ("Huawei Technologies Co., Ltd.", "huawei"),
        ("Hangzhou Hikvision", "hikvision"),
    ],
)
def test_a_company_the_registry_knows_keeps_its_own_certain_match(
    matcher: Matcher, name: str, entity: str
) -> None:
    got = found(matcher, supplier=name)
    assert got[0].entity_id == entity
    assert got[0].score >= matcher.config.certain
    assert got[0].features[0].feature != "family"


@pytest.mark.parametrize(
    "name",
    [
        "Dahua Group",
        "Dahua Group Co., Ltd.",
        "大华集团有限公司",
        "Honor Credit Union",
        "Unicom Systems Inc",
        "ComNet Communications LLC",
        # The family rule never fires on an ambiguous word alone.
        "Dahua Polska Sp. z o.o.",
        "Honor Deutschland GmbH",
        "Nubia Deutschland GmbH",
    ],
)
def test_another_firm_holding_an_ambiguous_name_is_no_match(matcher: Matcher, name: str) -> None:
    assert found(matcher, supplier=name) == []


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Dahua", "dahua"),
        ("DAHUA", "dahua"),
        ("大华", "dahua"),
        ("Honor", "honor"),
        ("Nubia", "nubia"),
        ("Unicom", "china-unicom"),
        ("ComNet", "pacnet-comnet"),
        ("Dahua LLC", "dahua"),  # a legal form that does not fit a Chinese company
    ],
)
def test_an_ambiguous_name_alone_is_review_at_most(
    registry: Registry, matcher: Matcher, name: str, entity: str
) -> None:
    got = found(matcher, supplier=name)
    assert got[0].entity_id == entity  # other members of its family may be read too
    assert all(matcher.config.threshold <= e.score < matcher.config.certain for e in got)
    assert "ordinary word or another firm" in got[0].features[0].explanation
    assert verdict(registry, matcher, supplier=name) in {"review", "clear"}


@pytest.mark.parametrize(
    "cells",
    [
        {"supplier": "Dahua", "country": "not a country"},
        {"supplier": "Hikvsion", "country": "CN"},  # a country supports ambiguous names only
    ],
)
def test_a_country_that_does_not_fit_supports_nothing(
    matcher: Matcher, cells: dict[str, str]
) -> None:
    got = found(matcher, **cells)
    assert got and got[0].score < matcher.config.certain
    assert "country" not in {f.feature for f in got[0].features}


@pytest.mark.parametrize(
    "cells",
    [
        {"supplier": "Honor", "country": "Canada"},
        {"supplier": "Honor Inc.", "country": "US"},
        {"supplier": "Unicom", "country": "United States"},
    ],
)
def test_an_ambiguous_name_beside_another_country_is_another_firm(
    matcher: Matcher, cells: dict[str, str]
) -> None:
    assert found(matcher, **cells) == []


def test_a_country_alone_matches_nothing(matcher: Matcher) -> None:
    assert found(matcher, country="CN") == []


@pytest.mark.parametrize(
    ("cells", "entity"),
    [
        ({"supplier": "Dahua Co., Ltd."}, "dahua"),  # a legal form that fits
        ({"supplier": "Dahua China"}, "dahua"),  # a place that fits
        ({"supplier": "Dahua", "model": "DHI-NVR5216-4KS2"}, "dahua"),  # another cell
        ({"supplier": "Dahua", "mac": "08:ED:ED:01:02:03"}, "dahua"),
        ({"supplier": "Dahua", "country": "CN"}, "dahua"),  # a country cell that fits
        ({"supplier": "Nubia", "country": "China"}, "nubia"),
        ({"supplier": "Honor", "country": "中国"}, "honor"),
        ({"supplier": "China Unicom"}, "china-unicom"),  # the full registered name
        ({"supplier": "ComNet (USA) LLC"}, "pacnet-comnet"),
        ({"supplier": "Honor Device Co., Ltd."}, "honor"),
    ],
)
def test_an_ambiguous_name_with_support_is_certain(
    matcher: Matcher, cells: dict[str, str], entity: str
) -> None:
    got = found(matcher, **cells)
    assert got[0].entity_id == entity
    assert got[0].score >= matcher.config.certain


FAMILIES = {
    "Hikvision": "hikvision",
    "Huawei": "huawei",
    "ZTE": "zte",
    "Hytera": "hytera",
    "Kaspersky": "kaspersky",
    "Dahua Technology": "dahua",
    "EZVIZ": "ezviz",
}
PLACES = [
    "Deutschland", "Australia", "Sweden", "Italia", "Polska", "France", "España", "Nederland",
    "Schweiz", "Brasil", "México", "Japan", "Singapore", "Dubai", "Bayern", "New South Wales",
    "Ontario", "Milano", "Sydney", "Berlin", "Europe", "Nordic", "Middle East", "Türkiye",
    "Magyarország", "Česko", "Hrvatska", "Norge", "Suomi", "Österreich",
]  # fmt: skip
LEGAL = [
    "GmbH", "AG", "AB", "S.r.l.", "S.A.", "SAS", "B.V.", "Pty Ltd", "Ltd", "Inc.", "LLC",
    "K.K.", "Sp. z o.o.", "s.r.o.", "d.o.o.", "OOO", "Kft.", "S.A. de C.V.", "Oy", "A/S",
]  # fmt: skip
BUSINESS = ["", "Technologies", "Communications", "Lab", "Systems", "International", "Cloud"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(sorted(FAMILIES)),
    st.sampled_from(BUSINESS),
    st.sampled_from(PLACES),
    st.sampled_from(LEGAL),
    st.booleans(),
)
def test_a_distinctive_name_with_a_place_and_a_legal_form_is_never_clear_nor_another_family(
    registry: Registry,
    matcher: Matcher,
    family: str,
    business: str,
    place: str,
    legal: str,
    place_first: bool,
) -> None:
    middle = [place, business] if place_first else [business, place]
    name = " ".join(w for w in [family, *middle, legal] if w)
    got = found(matcher, supplier=name)
    assert got, name
    mine = group(registry, FAMILIES[family])
    assert got[0].entity_id in mine, name
    assert all(e.entity_id in mine for e in got if e.score >= matcher.config.certain), name
    assert verdict(registry, matcher, supplier=name) != "clear", name


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("CN", {"CN"}),
        ("chn", {"CN"}),
        ("China", {"CN"}),
        ("中国", {"CN"}),
        ("Deutschland", {"DE"}),
        ("Sydney", {"AU"}),
        ("New South Wales", {"AU"}),
        ("Europe", set()),
        ("not a country", set()),
    ],
)
def test_country_cells_name_countries_in_any_language(cell: str, codes: set[str]) -> None:
    assert country_codes(cell) == codes


@pytest.mark.parametrize(
    ("name", "places", "legal"),
    [
        ("华为技术德国有限公司", ["德国"], [("有限公司",)]),
        ("海康威视日本株式会社", ["日本"], [("株式会社",)]),
        ("Dahua Technology Polska Sp. z o.o.", ["polska"], [("sp", "z", "oo")]),
        ("Huawei Technologies (UK) Co., Ltd.", ["uk"], [("co", "ltd")]),
        ("ZTE Mexico S.A. de C.V.", ["mexico"], [("sa", "de", "cv")]),
    ],
)
def test_a_member_name_is_read_as_places_and_legal_forms(
    matcher: Matcher, name: str, places: list[str], legal: list[tuple[str, ...]]
) -> None:
    member = matcher.readings.family.member(tokens(name))
    assert member is not None
    assert [p for p, _ in member.parts.places] == places
    assert list(member.parts.legal) == legal
