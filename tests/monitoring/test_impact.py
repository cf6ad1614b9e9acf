"""`banwatch impact`: what a change of date does to each record, with the events that explain it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.matching.matcher import Matcher
from banwatch.model.dates import parse_partial
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.model.registry import Registry
from banwatch.monitoring.events import bears_on_status, steps_between
from banwatch.monitoring.impact import impact_of
from banwatch.screening.screen import Screening

from ..cli_support import jsonl, run

ORDER = "ca-ica-hikvision-canada-2025"  # made 2025-06-27, suspended by agreement 2025-07-07
INVENTORY = """Asset Tag,Supplier,Model
A-1,Hikvision,DS-2CD2143G2-I
A-2,Axis Communications,P3265-LVE
A-3,Dahua Technology,IPC-HFW2431S-S-S2
"""


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    path = tmp_path / "cameras.csv"
    path.write_text(INVENTORY, encoding="utf-8")
    return path


def test_the_hikvision_canada_order_goes_from_in_force_to_suspended_for_a_business(
    inventory: Path, tmp_path: Path
) -> None:
    args = ["impact", str(inventory), "--from", "2025-07-01", "--to", "2025-08-15"]
    profile = ["--jurisdiction", "CA", "--sector", "business"]
    res = run([*args, *profile, "--format", "jsonl"], tmp_path)
    assert res.returncode == 0, res.stderr
    (changed,) = jsonl(res.stdout)  # only the Hikvision camera changed
    assert changed["row"] == 0 and changed["record"]["Asset Tag"] == "A-1"
    order = next(c for c in changed["changes"] if c["measure_id"] == ORDER)
    assert (order["from_status"], order["to_status"]) == ("in_force", "suspended")
    assert {e["type"] for e in order["events"]} >= {"interim_agreement", "challenged"}
    assert "reported" not in {e["type"] for e in order["events"]}  # news explains nothing
    assert all("2025-07-01" < e["date"] <= "2025-08-15" for e in order["events"])
    assert "1 of 3 records changed from 2025-07-01 to 2025-08-15; 2 unchanged" in res.stderr


def test_a_record_unchanged_between_the_dates_is_counted_not_listed(
    inventory: Path, tmp_path: Path
) -> None:
    args = ["impact", str(inventory), "--from", "2025-08-01", "--to", "2025-08-15"]
    res = run([*args, "--jurisdiction", "CA", "--format", "csv"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[1:] == []  # the header alone
    assert "0 of 3 records changed" in res.stderr


def test_the_table_says_the_counts_under_it(inventory: Path, tmp_path: Path) -> None:
    args = ["impact", str(inventory), "--from", "2025-06-01", "--to", "2025-10-01"]
    res = run([*args, "--jurisdiction", "CA", "--sector", "government"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert "clear → prohibited" in res.stdout
    assert "records changed from 2025-06-01 to 2025-10-01" in res.stdout.splitlines()[-1]


def test_from_must_come_before_to(inventory: Path, tmp_path: Path) -> None:
    args = ["impact", str(inventory), "--from", "2025-08-15", "--to", "2025-07-01"]
    res = run(args, tmp_path)
    assert res.returncode == 2
    assert "--from 2025-08-15 must come before --to 2025-07-01" in res.stderr


def test_a_new_listing_shows_the_measure_appearing(registry: Registry, matcher: Matcher) -> None:
    """Before its listing a measure does not reach the record (`none`); after, it is told."""
    record = Record(0, "ledger.csv", 2, {"Supplier": "Hikvision"}, {"Supplier": "name"})
    start, end = date(2019, 1, 1), date(2026, 1, 1)
    base = Profile(as_of=end, jurisdictions=("US",))
    before = Screening(registry, matcher, Profile(as_of=start, jurisdictions=("US",)))
    after = Screening(registry, matcher, base)
    found = impact_of(registry, before.screen(record), after.screen(record), start, end)
    assert found is not None and found.to_verdict != "clear"
    for change in found.changes:
        assert change.from_status != change.to_status or change.from_verdict != change.to_verdict
        assert all(start < parse_partial(e.date or "") <= end for e in change.events)
    assert any(c.events for c in found.changes)


def test_the_same_date_twice_changes_nothing(registry: Registry, matcher: Matcher) -> None:
    record = Record(0, "ledger.csv", 2, {"Supplier": "Dahua"}, {"Supplier": "name"})
    screening = Screening(registry, matcher, Profile(as_of=date(2025, 8, 1)))
    finding = screening.screen(record)
    assert impact_of(registry, finding, finding, date(2025, 7, 1), date(2025, 8, 1)) is None


DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


@given(DAYS, st.integers(min_value=0, max_value=3000), st.data())
def test_steps_fall_in_the_window_soonest_first(
    registry: Registry, start: date, length: int, data: st.DataObject
) -> None:
    measure = data.draw(st.sampled_from(sorted(registry.measures.values(), key=lambda m: m.id)))
    end = start + timedelta(days=length)
    steps = steps_between(measure, None, start, end)
    days = [parse_partial(s.date or "") for s in steps]
    assert all(start < d <= end for d in days)
    assert days == sorted(days)
    dated = [e for e in measure.events if e.date and start < parse_partial(e.date) <= end]
    assert len([s for s in steps if not s.type.startswith("target_")]) == len(dated)
    bearing = steps_between(measure, (), start, end, bearing_only=True)  # no entry's listing
    assert len(bearing) == len([e for e in dated if bears_on_status(e)])
