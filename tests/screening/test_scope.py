"""Who a measure binds, for which acts, on which products: worked cases and properties.

The rules (DESIGN.md, docs/registry.md "How verdicts follow from binds"):
levels of government, the acts asked about (buying and using by default),
kinds of product, acquisition cut-offs, EU membership, bindings of only the
named target or the institution that made the measure.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.model.measures import Measure
from banwatch.model.profile import Profile, eu_member
from banwatch.model.vocabulary import ACTS, LEVELS, PRODUCT_KINDS, SECTORS, VERDICT_RANK
from banwatch.screening.verdict import (
    NO_SCOPE,
    Certainty,
    Scope,
    binding,
    coverage,
    measure_verdict,
)

DAY = date(2025, 8, 15)
SURE = Certainty(1.0, 0.9, "high")


def measure(**fields: Any) -> Measure:
    base: dict[str, Any] = {
        "id": "m",
        "title": "t",
        "jurisdiction": "CA",
        "authority": "a",
        "instrument": "i",
        "type": "government_procurement_and_use_ban",
        "binds": [{"sector": "government"}],
        "acts": ["buy", "use"],
        "scope": "s",
        "targets": [{"name": "Vendor", "entity": "vendor"}],
        "events": [
            {
                "date": "2025-01-01",
                "type": "made",
                "effect": "in_force",
                "summary": "made",
                "source": "https://example.org/m",
            }
        ],
        "sources": ["https://example.org/m"],
    }
    base.update(fields)
    return Measure.model_validate(base)


def verdict(m: Measure, profile: Profile, scope: Scope = NO_SCOPE) -> tuple[str, str]:
    return measure_verdict(
        m, "in_force", binding(m, profile), SURE, True, coverage(m, 0, scope, profile.as_of)
    )


def gov(level: str | None = None, *where: str, **more: Any) -> Profile:
    return Profile(DAY, where or ("CA",), "government", level=level, **more)  # type: ignore[arg-type]


# ----------------------------------------------------------------- levels ---


def test_a_measure_binds_the_levels_it_names() -> None:
    federal = measure(binds=[{"sector": "government", "levels": ["national"]}])
    assert verdict(federal, gov("national"))[0] == "prohibited"
    v, why = verdict(federal, gov("local"))
    assert v == "clear" and "national government, not local" in why
    assert verdict(federal, gov(None))[0] == "prohibited"  # no level: the worst case


def test_a_council_is_not_bound_by_a_central_government_instruction() -> None:
    uk = measure(
        jurisdiction="GB",
        binds=[{"sector": "government", "levels": ["national"]}],
        acts=["install", "use"],
    )
    assert verdict(uk, gov("local", "GB"))[0] == "clear"
    assert verdict(uk, gov("national", "GB"))[0] == "prohibited"


def test_levels_narrow_only_government() -> None:
    with pytest.raises(ValueError, match="government bindings only"):
        measure(binds=[{"sector": "business", "levels": ["local"]}])


# ------------------------------------------------------------------- acts ---


def test_an_export_control_is_review_unless_export_is_asked() -> None:
    entity_list = measure(
        jurisdiction="US",
        type="export_control_listing",
        binds=[{"sector": s} for s in SECTORS],
        acts=["export-to"],
    )
    contractor = Profile(DAY, ("US",), "contractor")
    v, why = verdict(entity_list, contractor)
    assert v == "review" and "restricts export-to, not buy, use, install" in why
    asked = Profile(DAY, ("US",), "contractor", acts=("export-to",))
    assert verdict(entity_list, asked)[0] == "prohibited"


def test_default_acts_are_buying_and_using() -> None:
    assert Profile(DAY, sector="government").asked_acts == ("buy", "use", "install")
    assert "operate" in Profile(DAY, sector="telecom").asked_acts
    assert set(Profile(DAY, sector="business").asked_acts) <= set(Profile(DAY).asked_acts)


def test_an_order_binding_only_its_target_or_its_maker_is_context() -> None:
    wind_up = measure(binds=[{"sector": "target"}], acts=["operate", "sell"])
    assert verdict(wind_up, gov())[0] == "review"
    own = measure(
        jurisdiction="EU",
        type="institutional_use_removal",
        binds=[{"sector": "institution"}],
        acts=["use"],
    )
    v, why = verdict(own, gov("national", "FR"))
    assert v == "review" and "institution that made it" in why


# ------------------------------------------------------------ EU members ---


def test_an_eu_measure_binds_member_states_only_when_it_says_so() -> None:
    members = measure(jurisdiction="EU", member_states=True, binds=[{"sector": "telecom"}])
    eu_only = measure(jurisdiction="EU", binds=[{"sector": "telecom"}])
    carrier = Profile(DAY, ("DE",), "telecom")
    assert verdict(members, carrier)[0] == "prohibited"
    v, why = verdict(eu_only, carrier)
    assert v == "clear" and "not the member states" in why
    assert carrier.asks("EU")  # a German profile still sees EU measures
    assert not Profile(DAY, ("CH",), "telecom").asks("EU")


def test_membership_has_dates() -> None:
    assert eu_member("DE", DAY) and eu_member("FR-75", DAY)
    assert eu_member("GB", date(2019, 12, 31)) and not eu_member("GB", date(2020, 2, 1))
    assert not eu_member("HR", date(2013, 6, 30)) and eu_member("HR", date(2013, 7, 1))


def test_member_states_is_for_eu_measures_only() -> None:
    with pytest.raises(ValueError, match="EU measures only"):
        measure(jurisdiction="DE", member_states=True)


# --------------------------------------------------------------- products ---


def test_a_5g_exclusion_does_not_reach_customer_premises_equipment() -> None:
    five_g = measure(
        jurisdiction="DE",
        binds=[{"sector": "telecom"}],
        acts=["use", "install"],
        products=["network_core", "radio_access"],
    )
    carrier = Profile(DAY, ("DE",), "telecom")
    v, why = verdict(five_g, carrier, Scope(frozenset({"customer_premises"})))
    assert v == "clear" and "not customer premises" in why
    assert verdict(five_g, carrier, Scope(frozenset({"radio_access"})))[0] == "prohibited"
    v, why = verdict(five_g, carrier)
    assert v == "review" and "kind of product is unknown" in why


def test_a_target_may_narrow_the_products_covered() -> None:
    routers = measure(
        jurisdiction="US",
        binds=[{"sector": "business"}],
        acts=["buy"],
        targets=[{"name": "V", "entity": "vendor", "products": ["customer_premises"]}],
    )
    buyer = Profile(DAY, ("US",), "business")
    assert verdict(routers, buyer, Scope(frozenset({"customer_premises"})))[0] == "prohibited"
    assert verdict(routers, buyer, Scope(frozenset({"network_core"})))[0] == "clear"


# ---------------------------------------------------------------- cut-off ---


def test_an_acquisition_cut_off_uses_the_record_date_or_the_date_asked() -> None:
    quebec = measure(
        jurisdiction="CA-QC",
        binds=[{"sector": "government", "levels": ["regional"]}],
        acquired_from="2023-12-22",
    )
    body = gov("regional", "CA-QC")
    before = Scope(acquired=date(2023, 6, 1))
    v, why = verdict(quebec, body, before)
    assert v == "clear" and "the record's date is earlier" in why
    assert verdict(quebec, body, Scope(acquired=date(2024, 1, 5)))[0] == "prohibited"
    # No date of its own: may it be bought on the date asked?
    assert verdict(quebec, body)[0] == "prohibited"
    early = Profile(date(2023, 12, 1), ("CA-QC",), "government", level="regional")
    assert verdict(quebec, early)[0] == "clear"


# ------------------------------------------------------------- properties ---

measures = st.builds(
    lambda binds, acts, products, levels, jur: measure(
        jurisdiction=jur,
        binds=[
            {"sector": s, **({"levels": levels} if s == "government" and levels else {})}
            for s in binds
        ],
        acts=acts,
        products=products,
    ),
    st.lists(st.sampled_from([*SECTORS, "target", "institution"]), min_size=1, unique=True),
    st.lists(st.sampled_from(ACTS), min_size=1, unique=True),
    st.lists(st.sampled_from(PRODUCT_KINDS), unique=True, max_size=3),
    st.lists(st.sampled_from(LEVELS), unique=True, max_size=2),
    st.sampled_from(["CA", "CA-QC", "GB"]),
)
scopes = st.builds(Scope, st.frozensets(st.sampled_from(PRODUCT_KINDS), max_size=2), st.none())
places = st.sampled_from([("CA",), ("CA-QC",), ("GB",), ()])


def rank(m: Measure, p: Profile, s: Scope) -> int:
    return VERDICT_RANK[verdict(m, p, s)[0]]  # type: ignore[index]


@given(measures, scopes, places, st.sampled_from(SECTORS), st.sampled_from(LEVELS))
def test_no_level_is_never_weaker_than_a_level(
    m: Measure, s: Scope, where: tuple[str, ...], sector: str, level: str
) -> None:
    with_level = Profile(DAY, where, sector, level=level)  # type: ignore[arg-type]
    without = Profile(DAY, where, sector)  # type: ignore[arg-type]
    assert rank(m, without, s) >= rank(m, with_level, s)


@given(measures, scopes, places, st.sampled_from(SECTORS), st.sampled_from([None, *LEVELS]))
def test_no_sector_is_never_weaker_than_a_sector(
    m: Measure, s: Scope, where: tuple[str, ...], sector: str, level: str | None
) -> None:
    some = Profile(DAY, where, sector, level=level)  # type: ignore[arg-type]
    worst = Profile(DAY, where, None, level=level)  # type: ignore[arg-type]
    assert rank(m, worst, s) >= rank(m, some, s)


@given(
    measures,
    scopes,
    places,
    st.sampled_from([None, *SECTORS]),
    st.lists(st.sampled_from(ACTS), min_size=1, unique=True),
    st.sampled_from(ACTS),
)
def test_adding_an_act_never_weakens_a_verdict(
    m: Measure, s: Scope, where: tuple[str, ...], sector: str | None, acts: list[str], more: str
) -> None:
    fewer = Profile(DAY, where, sector, acts=tuple(acts))  # type: ignore[arg-type]
    wider = Profile(DAY, where, sector, acts=(*acts, more))  # type: ignore[arg-type]
    assert rank(m, wider, s) >= rank(m, fewer, s)


def test_the_registry_rejects_contradictory_scope_fields() -> None:
    bad: list[dict[str, Any]] = [
        {"targets": [{"name": "V", "entity": "vendor", "undated": True, "date_added": "2020"}]},
        {
            "products": ["network_core"],
            "targets": [{"name": "V", "entity": "vendor", "products": ["drone"]}],
        },
        {
            "events": [
                {
                    "date": "2025-01-01",
                    "type": "made",
                    "effect": "in_force",
                    "summary": "reported only",
                    "verified": False,
                    "reason": "no source confirms it",
                }
            ]
        },
    ]
    for fields in bad:
        with pytest.raises(ValueError):
            measure(**fields)


def test_an_unverified_measure_never_prohibits() -> None:
    unconfirmed = measure(verified=False)
    v, why = verdict(unconfirmed, gov("national"))
    assert v == "review" and "not confirmed" in why
