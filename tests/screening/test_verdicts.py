"""Verdicts as DESIGN.md defines them, on the real registry.

The Hikvision Canada case: on 2025-08-15 a Canadian federal department's
Hikvision camera is `prohibited` (the federal ban), while for a Canadian
business it is not (the wind-up order binds only Hikvision Canada, and was
suspended that day).
"""

from __future__ import annotations

from datetime import date

import pytest

from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Finding, MeasureHit
from banwatch.model.profile import Profile
from banwatch.model.records import Record, Role
from banwatch.model.registry import Registry
from banwatch.screening.screen import Screening

ROLE: dict[str, Role] = {"supplier": "name", "model": "model", "mac": "mac", "website": "domain"}


def screen(
    registry: Registry,
    matcher: Matcher,
    day: str,
    jurisdictions: tuple[str, ...] = (),
    sector: str | None = None,
    **cells: str,
) -> Finding:
    profile = Profile(date.fromisoformat(day), jurisdictions, sector)  # type: ignore[arg-type]
    record = Record(0, "t.csv", 2, dict(cells), {k: ROLE[k] for k in cells})
    return Screening(registry, matcher, profile).screen(record)


def hit(finding: Finding, measure_id: str) -> MeasureHit:
    for m in finding.matches:
        for h in m.measures:
            if h.measure_id == measure_id:
                return h
    raise AssertionError(f"{measure_id} not in finding")


ICA = "ca-ica-hikvision-canada-2025"
FEDERAL = "ca-federal-hikvision-procurement-use-ban-2025"


@pytest.mark.parametrize(
    ("day", "sector", "verdict"),
    [
        ("2025-06-26", "government", "clear"),
        ("2025-08-15", "government", "prohibited"),
        ("2025-08-15", "business", "review"),
        ("2025-08-15", "individual", "review"),
        ("2025-08-15", None, "prohibited"),
        ("2026-11-27", "business", "review"),
    ],
)
def test_hikvision_camera_in_canada(
    registry: Registry, matcher: Matcher, day: str, sector: str | None, verdict: str
) -> None:
    f = screen(
        registry, matcher, day, ("CA",), sector, supplier="Hikvision", model="DS-2CD2143G2-I"
    )
    assert f.verdict == verdict


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2025-06-26", "not_yet"),
        ("2025-06-30", "in_force"),
        ("2025-08-15", "suspended"),
        ("2025-09-16", "in_force"),
    ],
)
def test_wind_up_order_status_reaches_the_subsidiary(
    registry: Registry, matcher: Matcher, day: str, status: str
) -> None:
    f = screen(registry, matcher, day, ("CA",), "business", supplier="Hikvision Canada Inc.")
    h = hit(f, ICA)
    assert h.status == status
    assert h.binds is False
    assert h.verdict in ("review", "clear")
    assert h.sources


def test_suspended_order_shows_pending_challenge(registry: Registry, matcher: Matcher) -> None:
    f = screen(
        registry, matcher, "2025-08-15", ("CA",), "business", supplier="Hikvision Canada Inc."
    )
    h = hit(f, ICA)
    assert h.since == "2025-07-07"
    assert any(p.type == "challenged" for p in h.pending)
    assert any(d.type == "deadline" for d in h.deadlines)


def test_brand_reaches_its_owner(registry: Registry, matcher: Matcher) -> None:
    f = screen(registry, matcher, "2025-08-15", ("CA",), "government", supplier="EZVIZ")
    assert f.verdict == "prohibited"
    assert f.matches[0].entity_id == "ezviz"
    assert hit(f, FEDERAL).via == ["ezviz", "hikvision"]


def test_low_confidence_relabel_is_review_at_most(registry: Registry, matcher: Matcher) -> None:
    f = screen(registry, matcher, "2025-08-15", ("CA",), "government", supplier="Swann")
    assert f.verdict == "review"
    assert f.matches[0].confidence == "low"


def test_former_subsidiary_is_not_covered_after_its_sale(
    registry: Registry, matcher: Matcher
) -> None:
    before = screen(
        registry, matcher, "2021-06-01", ("US",), "government", supplier="Lorex Technology Inc."
    )
    after = screen(
        registry, matcher, "2026-06-01", ("US",), "government", supplier="Lorex Technology Inc."
    )
    assert before.verdict == "prohibited"
    assert after.verdict == "review"  # only the reported (medium-confidence) supply link remains


def test_measure_binding_other_sector_is_clear(registry: Registry, matcher: Matcher) -> None:
    f = screen(registry, matcher, "2025-08-15", ("CA",), "government", supplier="ZTE Corporation")
    h = hit(f, "ca-telecom-huawei-zte-2022")
    assert (h.status, h.binds, h.verdict) == ("in_force", False, "clear")
    assert f.verdict == "clear"
    telecom = screen(
        registry, matcher, "2025-08-15", ("CA",), "telecom", supplier="ZTE Corporation"
    )
    # The exclusion covers 4G/5G network equipment only: a bare supplier name
    # says nothing of the kind of product, so it is for review.
    h = hit(telecom, "ca-telecom-huawei-zte-2022")
    assert (h.binds, h.verdict) == (True, "review")
    assert "kind of product is unknown" in h.reason


def test_quebec_profile_is_also_in_canada(registry: Registry, matcher: Matcher) -> None:
    f = screen(
        registry, matcher, "2025-08-15", ("CA-QC",), "government", supplier="Dahua Technology"
    )
    assert hit(f, "ca-qc-arrete-hikvision-dahua-2023").verdict == "prohibited"
    federal = screen(
        registry, matcher, "2025-08-15", ("CA",), "government", supplier="Dahua Technology"
    )
    assert federal.verdict == "clear"


def test_list_target_is_not_yet_before_its_listing(registry: Registry, matcher: Matcher) -> None:
    f = screen(registry, matcher, "2022-01-01", ("US",), "telecom", supplier="AO Kaspersky Lab")
    assert hit(f, "us-fcc-covered-list").status == "not_yet"
    g = screen(registry, matcher, "2022-06-01", ("US",), "telecom", supplier="AO Kaspersky Lab")
    assert hit(g, "us-fcc-covered-list").status == "in_force"


def test_context_measures_never_prohibit(registry: Registry, matcher: Matcher) -> None:
    f = screen(
        registry,
        matcher,
        "2025-09-01",
        ("CA",),
        None,
        supplier="China Merchants Industry Weihai Shipyards",
    )
    assert f.verdict == "review"
    assert all(h.verdict != "prohibited" for m in f.matches for h in m.measures)


def test_unrelated_record_is_clear_with_no_match(registry: Registry, matcher: Matcher) -> None:
    f = screen(registry, matcher, "2025-08-15", (), None, supplier="Axis Communications AB")
    assert (f.verdict, f.matches) == ("clear", [])


def test_match_without_measures_in_the_jurisdiction_is_still_listed(
    registry: Registry, matcher: Matcher
) -> None:
    f = screen(registry, matcher, "2025-08-15", ("AU",), None, supplier="TechInsights Inc.")
    assert [m.entity_id for m in f.matches] == ["techinsights"]
    assert f.matches[0].measures == []
    assert f.verdict == "clear"
