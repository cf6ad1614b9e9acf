"""A record's own date, read as exports write it (`model.record_dates`)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.model.record_dates import _MONTHS, read_record_date

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
FEDERAL_BAN = "ca-federal-hikvision-procurement-use-ban-2025"  # buy and use, from 2025-06-27
QUEBEC = "ca-qc-arrete-hikvision-dahua-2023"  # what is acquired from 2023-12-22


@given(DAYS)
def test_year_first_and_dotted_day_first_dates_are_read(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    for text in (
        day.isoformat(),
        f"{y}/{m}/{d}",
        f"{y}{m:02d}{d:02d}",
        f"{y}年{m}月{d}日",
        f"{d:02d}.{m:02d}.{y}",
        f"{day.isoformat()}T10:22:05Z",
        f"{day.isoformat()} 10:22",
    ):
        assert read_record_date(text) == (day, None), text


@given(DAYS, st.sampled_from(sorted(_MONTHS)))
def test_month_names_are_read_in_every_language(day: date, language: str) -> None:
    name = _MONTHS[language].split()[day.month - 1]
    for text in (f"{day.day} {name} {day.year}", f"{name.upper()} {day.day}, {day.year}"):
        assert read_record_date(text) == (day, None), text
    assert read_record_date(f"{day.day:02d}-{name[:3].title()}-{day.year}")[0] in (day, None)


@given(DAYS)
def test_a_slashed_date_is_read_only_when_it_can_be_read_one_way(day: date) -> None:
    dmy = f"{day.day:02d}/{day.month:02d}/{day.year}"
    mdy = f"{day.month:02d}/{day.day:02d}/{day.year}"
    found, why = read_record_date(dmy)
    if day.day > 12 or day.day == day.month:
        assert found == day and read_record_date(mdy)[0] == day
    else:
        assert found is None and why is not None and "YYYY-MM-DD" in why


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15. März 2024", date(2024, 3, 15)),
        ("15 de marzo de 2024", date(2024, 3, 15)),
        ("1er mars 2024", date(2024, 3, 1)),
        ("31 déc. 2023", date(2023, 12, 31)),
        ("15 mrt 2024", date(2024, 3, 15)),
        ("1º de março de 2024", date(2024, 3, 1)),
        ("March 15th, 2024", date(2024, 3, 15)),
        ("15/03/2024 2:30 PM", date(2024, 3, 15)),
    ],
)
def test_dates_as_people_write_them(text: str, day: date) -> None:
    assert read_record_date(text) == (day, None)


@pytest.mark.parametrize("text", ["2024-02-30", "March 2024", "soon", "15 Foo 2024", "3/4/24"])
def test_what_is_not_one_day_is_not_guessed(text: str) -> None:
    found, why = read_record_date(text)
    assert found is None and why is not None and why.endswith("write it as YYYY-MM-DD")
