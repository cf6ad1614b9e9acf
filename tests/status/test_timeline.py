"""Status as of a date: case tables and the invariants of the fold."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.model.measures import Measure
from banwatch.status import status_as_of

SRC = "https://decisions.fct-cf.gc.ca/fc-cf/decisions/en/item/528994/index.do"


def ev(day: str | None, effect: str = "none", type_: str = "reported") -> dict[str, Any]:
    return {"date": day, "type": type_, "effect": effect, "summary": "s", "source": SRC}


def measure(events: list[dict[str, Any]], targets: list[dict[str, Any]] | None = None) -> Measure:
    return Measure.model_validate(
        {
            "id": "m",
            "title": "t",
            "jurisdiction": "CA",
            "authority": "a",
            "instrument": "i",
            "type": "forced_wind_up_of_business",
            "binds": [{"sector": "target"}],
            "acts": ["operate"],
            "scope": "s",
            "targets": targets or [{"name": "x", "entity": "x"}],
            "events": events,
            "sources": [SRC],
        }
    )


# The order against Hikvision Canada, as its timeline runs in the registry.
HIKVISION_CANADA = measure(
    [
        ev("2025-06-27", "in_force", "made"),
        ev("2025-06-27", "none", "announced"),
        ev("2025-07-07", "none", "challenged"),
        ev("2025-07-07", "suspended", "interim_agreement"),
        ev("2025-09-16", "resumed", "court_decision"),
        ev("2025-09-22", "none", "court_decision"),
        ev("2025-10-25", "none", "deadline"),
    ]
)


@pytest.mark.parametrize(
    ("day", "status", "since"),
    [
        ("2025-06-26", "not_yet", None),
        ("2025-06-27", "in_force", "2025-06-27"),
        ("2025-07-06", "in_force", "2025-06-27"),
        ("2025-07-07", "suspended", "2025-07-07"),
        ("2025-08-15", "suspended", "2025-07-07"),
        ("2025-09-15", "suspended", "2025-07-07"),
        ("2025-09-16", "in_force", "2025-09-16"),
        ("2026-11-27", "in_force", "2025-09-16"),
    ],
)
def test_hikvision_canada_order(day: str, status: str, since: str | None) -> None:
    report = status_as_of(HIKVISION_CANADA, date.fromisoformat(day))
    assert report.status == status
    assert report.since == since


def test_pending_challenge_and_deadline_are_shown() -> None:
    before = status_as_of(HIKVISION_CANADA, date(2025, 7, 1))
    after = status_as_of(HIKVISION_CANADA, date(2025, 10, 1))
    assert before.pending == ()
    assert [e.type for e in after.pending] == ["challenged"]
    assert [e.date for e in after.deadlines] == ["2025-10-25"]
    assert [e.effect for e in after.because] == ["in_force", "suspended", "resumed"]


@pytest.mark.parametrize(
    ("events", "day", "status"),
    [
        ([ev("2020-01-01", "in_force"), ev("2021-01-01", "ended")], "2020-06-01", "in_force"),
        ([ev("2020-01-01", "in_force"), ev("2021-01-01", "ended")], "2021-01-01", "ended"),
        ([ev("2020-01-01", "suspended")], "2020-06-01", "not_yet"),
        ([ev("2020-01-01", "in_force"), ev("2020-02-01", "amended")], "2020-03-01", "in_force"),
        ([ev("2020", "in_force")], "2020-01-01", "in_force"),
        ([ev("2020-06", "in_force")], "2020-05-31", "not_yet"),
        ([ev(None, "none"), ev("2020-01-01", "in_force")], "2020-01-02", "in_force"),
        ([ev("2020-01-01", "targets_added")], "2020-01-01", "in_force"),
    ],
)
def test_fold_table(events: list[dict[str, Any]], day: str, status: str) -> None:
    assert status_as_of(measure(events), date.fromisoformat(day)).status == status


def test_list_targets_have_their_own_start() -> None:
    m = measure(
        [ev("2021-03-12", "in_force"), ev("2022-03-25", "targets_added")],
        [
            {"name": "a", "entity": "a", "date_added": "2021-03-12"},
            {"name": "b", "entity": "b", "date_added": "2022-03-25"},
        ],
    )
    assert status_as_of(m, date(2021, 6, 1), target=0).status == "in_force"
    assert status_as_of(m, date(2021, 6, 1), target=1).status == "not_yet"
    late = status_as_of(m, date(2022, 6, 1), target=1)
    assert (late.status, late.since) == ("in_force", "2022-03-25")
    assert late.because[-1].date == "2022-03-25"


EFFECTS = ["in_force", "targets_added", "suspended", "resumed", "ended", "amended", "none"]
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
timelines = st.lists(st.tuples(days, st.sampled_from(EFFECTS)), min_size=1, max_size=8)


def _measure(tl: list[tuple[date, str]]) -> Measure:
    return measure([ev(d.isoformat(), eff) for d, eff in tl])


@given(timelines, days, days)
def test_later_events_never_change_the_answer(
    tl: list[tuple[date, str]], asked: date, extra: date
) -> None:
    base = status_as_of(_measure(tl), asked).status
    later = max(asked, extra) + timedelta(days=1)
    grown = [*tl, (later, "ended")]
    assert status_as_of(_measure(grown), asked).status == base


@given(timelines, days)
def test_status_is_constant_between_events(tl: list[tuple[date, str]], asked: date) -> None:
    m = _measure(tl)
    before = [d for d, _ in tl if d <= asked]
    start = max(before, default=date(1999, 1, 1))
    assert status_as_of(m, asked).status == status_as_of(m, start).status


@given(timelines, days)
def test_not_yet_without_a_start(tl: list[tuple[date, str]], asked: date) -> None:
    started = any(d <= asked and eff in ("in_force", "targets_added") for d, eff in tl)
    status = status_as_of(_measure(tl), asked).status
    assert (status == "not_yet") == (not started)


def test_a_delisted_target_is_ended_from_its_removal() -> None:
    m = measure(
        [ev("2021-03-12", "in_force")],
        [{"name": "a", "entity": "a", "date_added": "2021-03-12", "date_removed": "2023-01-01"}],
    )
    assert status_as_of(m, date(2022, 6, 1), target=0).status == "in_force"
    gone = status_as_of(m, date(2023, 1, 1), target=0)
    assert (gone.status, gone.since) == ("ended", "2023-01-01")
