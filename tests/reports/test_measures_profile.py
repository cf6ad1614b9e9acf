"""`banwatch measures` with a profile says whether each measure binds it."""

from __future__ import annotations

from datetime import date

from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.reports.measures import measure_rows


def rows(registry: Registry, **profile: object) -> dict[str, tuple[bool, str]]:
    asked = Profile(date(2025, 8, 15), ("GB",), **profile)  # type: ignore[arg-type]
    return {r.measure_id: (r.binds_you, r.for_you) for r in measure_rows(registry, asked, None)}


def test_a_council_is_told_the_central_instruction_does_not_bind_it(registry: Registry) -> None:
    council = rows(registry, sector="government", level="local")
    binds, why = council["gb-cabinet-office-surveillance-sensitive-sites-2022"]
    assert not binds and "national government, not local" in why
    department = rows(registry, sector="government", level="national")
    assert department["gb-cabinet-office-surveillance-sensitive-sites-2022"][0]


def test_a_business_is_told_which_sector_a_measure_binds(registry: Registry) -> None:
    binds, why = rows(registry, sector="business")["gb-tsa-huawei-designated-vendor-2022"]
    assert not binds and "telecom" in why
