"""`banwatch upcoming`: the measures' dated steps ahead, for a profile or its inventories."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from banwatch.model.dates import parse_partial
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.monitoring.upcoming import upcoming

from ..cli_support import jsonl, run

GERMANY_CORE = "de-bmi-huawei-zte-5g-2024"  # core networks free of Huawei and ZTE by 2026-12-31


def test_the_german_core_network_deadline_is_coming_at_the_end_of_2026(
    registry: Registry,
) -> None:
    profile = Profile(as_of=date(2026, 12, 6), jurisdictions=("DE",), sector="telecom")
    steps = upcoming(registry, profile, 30)
    ahead = [(u.date, u.measure_id, u.type) for u in steps]
    assert ("2026-12-31", GERMANY_CORE, "deadline") in ahead
    assert all(0 <= u.days_left <= 30 for u in steps)
    assert [u.days_left for u in steps] == sorted(u.days_left for u in steps)
    assert all(u.records is None for u in steps)


def test_every_step_in_the_window_of_an_asked_measure_is_listed(registry: Registry) -> None:
    as_of, days = date(2025, 1, 1), 400
    steps = upcoming(registry, Profile(as_of=as_of), days)
    window = {(u.measure_id, u.date, u.summary) for u in steps}
    for m in registry.measures.values():
        for e in m.events:
            if e.date and as_of <= parse_partial(e.date) <= as_of + timedelta(days):
                assert (m.id, e.date, e.summary) in window


def test_with_an_inventory_only_measures_reaching_its_records_are_listed(
    tmp_path: Path,
) -> None:
    cameras = tmp_path / "cameras.csv"
    cameras.write_text("Supplier\nHikvision\nHikvision\nAxis\n", encoding="utf-8")
    args = ["upcoming", str(cameras), "--as-of", "2025-06-01", "--days", "120"]
    res = run([*args, "--jurisdiction", "CA", "--format", "jsonl"], tmp_path / "home")
    assert res.returncode == 0, res.stderr
    steps = jsonl(res.stdout)
    assert steps and all(s["records"] == 2 for s in steps)  # the two Hikvision rows
    assert {s["measure_id"] for s in steps} >= {"ca-ica-hikvision-canada-2025"}
    assert all(s["jurisdiction"].startswith("CA") for s in steps)
