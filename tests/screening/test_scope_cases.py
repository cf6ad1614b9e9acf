"""Worked cases of whom a measure binds, on the real registry.

Each case is one that a verdict once overstated: a council told a central
government instruction binds it, a contractor told an export control
prohibits its camera, a carrier told a 5G exclusion reaches a customer's
router, a ministry told another institution's own contract binds it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Finding, MeasureHit
from banwatch.model.profile import Profile
from banwatch.model.records import Record, Role
from banwatch.model.registry import Registry
from banwatch.reports.measures import measure_rows
from banwatch.screening.screen import Screening

ROLES: dict[str, Role] = {
    "supplier": "name",
    "model": "model",
    "purchased": "date",
    "device type": "kind",
}


def screen(registry: Registry, matcher: Matcher, profile: Profile, **cells: str) -> Finding:
    values = {k.replace("_", " "): v for k, v in cells.items()}
    record = Record(0, "t.csv", 2, values, {k: ROLES[k] for k in values})
    return Screening(registry, matcher, profile).screen(record)


def hits(finding: Finding) -> dict[str, MeasureHit]:
    return {h.measure_id: h for m in finding.matches for h in m.measures}


def profile(day: str, where: str, sector: str, **more: Any) -> Profile:
    return Profile(date.fromisoformat(day), (where,), sector, **more)  # type: ignore[arg-type]


def test_a_council_camera_is_not_bound_by_the_cabinet_office_instruction(
    registry: Registry, matcher: Matcher
) -> None:
    council = profile("2025-08-15", "GB", "government", level="local")
    f = screen(registry, matcher, council, supplier="Hikvision", model="DS-2CD2143G2-I")
    h = hits(f)["gb-cabinet-office-surveillance-sensitive-sites-2022"]
    assert (h.binds, h.verdict) == (False, "clear")
    department = profile("2025-08-15", "GB", "government", level="national")
    f = screen(registry, matcher, department, supplier="Hikvision", model="DS-2CD2143G2-I")
    assert hits(f)["gb-cabinet-office-surveillance-sensitive-sites-2022"].verdict == "prohibited"


def test_an_export_control_does_not_prohibit_a_contractors_camera(
    registry: Registry, matcher: Matcher
) -> None:
    contractor = profile("2020-01-01", "US", "contractor")
    f = screen(registry, matcher, contractor, supplier="Hikvision", model="DS-7608NI-I2/8P")
    assert f.verdict != "prohibited"
    h = hits(f)["us-bis-entity-list-xinjiang-2019"]
    assert h.verdict == "review" and "export-to" in h.reason
    exporter = profile("2020-01-01", "US", "business", acts=("export-to",))
    f = screen(registry, matcher, exporter, supplier="Hikvision", model="DS-7608NI-I2/8P")
    assert hits(f)["us-bis-entity-list-xinjiang-2019"].verdict == "prohibited"


def test_a_5g_exclusion_does_not_reach_a_customers_ont(
    registry: Registry, matcher: Matcher
) -> None:
    carrier = profile("2025-08-15", "DE", "telecom")
    f = screen(registry, matcher, carrier, supplier="Huawei", model="HG8245H")
    h = hits(f)["de-bmi-huawei-zte-5g-2024"]
    assert h.verdict == "clear" and "customer premises" in h.reason
    core = screen(registry, matcher, carrier, supplier="Huawei", device_type="Core router")
    assert hits(core)["de-bmi-huawei-zte-5g-2024"].verdict == "prohibited"
    unknown = screen(registry, matcher, carrier, supplier="Huawei")
    assert hits(unknown)["de-bmi-huawei-zte-5g-2024"].verdict == "review"


def test_another_institutions_own_contract_binds_no_ministry(
    registry: Registry, matcher: Matcher
) -> None:
    ministry = profile("2025-08-15", "FR", "government", level="national")
    f = screen(registry, matcher, ministry, supplier="Hikvision")
    h = hits(f)["eu-ep-hikvision-thermal-cameras-2021"]
    assert (h.binds, h.verdict) == (False, "review")
    assert "institution that made it" in h.reason


def test_quebec_cut_off_follows_the_purchase_date(registry: Registry, matcher: Matcher) -> None:
    body = profile("2025-08-15", "CA-QC", "government", level="regional")
    measure = "ca-qc-arrete-hikvision-dahua-2023"
    old = screen(registry, matcher, body, supplier="Dahua Technology", purchased="2023-06-01")
    assert hits(old)[measure].verdict == "clear"
    new = screen(registry, matcher, body, supplier="Dahua Technology", purchased="2024-03-01")
    assert hits(new)[measure].verdict == "prohibited"
    bad = screen(registry, matcher, body, supplier="Dahua Technology", purchased="sometime")
    assert any("'purchased'" in w and "not a date" in w for w in bad.warnings)


def test_the_covered_list_is_in_force_from_its_first_listing(registry: Registry) -> None:
    rows = {
        r.measure_id: r for r in measure_rows(registry, Profile(date(2023, 1, 1), ("US",)), None)
    }
    assert rows["us-fcc-covered-list"].status == "in_force"
