"""The helpers every importer shares: slugs, ids, dates, web domains, countries."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.importers.base import (
    Ids,
    Problem,
    country_code,
    domain_of,
    earliest,
    http_url,
    iso_date,
    latest,
    slug,
)
from banwatch.importers.ftm_links import share
from banwatch.model.entities import SLUG


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NK-abc123", "nk-abc123"),
        ("Entity List (EL)", "entity-list-el"),
        ("  Ünïcödé  Co.  ", "unicode-co"),
        ("a__b--c", "a-b-c"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


@given(st.text())
def test_every_slug_is_an_id_and_stable(text: str) -> None:
    s = slug(text)
    assert re.fullmatch(SLUG, s) and len(s) <= 60
    assert slug(text) == s


def test_a_name_in_chinese_script_only_gets_a_digest() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", slug("海康威视"))


def test_ids_are_prefixed_and_collisions_get_a_suffix_in_file_order() -> None:
    ids = Ids("src")
    assert [ids.new(k) for k in ("NK-1", "nk_1", "NK 1", "other")] == [
        "src-nk-1",
        "src-nk-1-2",
        "src-nk-1-3",
        "src-other",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("2024-03-01T10:00:00", "2024-03-01"),
        ("2024-03-01T10:00:00Z", "2024-03-01"),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(text: str | None, expected: str | None) -> None:
    assert iso_date(text) == expected


@pytest.mark.parametrize("text", ["01/03/2024", "2024-13-45", "2024-02-30", "soon"])
def test_iso_date_rejects_what_is_no_date(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        iso_date(text)


def test_earliest_and_latest_compare_partial_dates_by_their_first_day() -> None:
    assert earliest(["2024-06-28", "2024", None, "2024-02"]) == "2024"
    assert latest(["2024-06-28", "2024", None]) == "2024-06-28"
    assert earliest([None]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://www.acme.com/en/", "acme.com"),
        ("acme.com", "acme.com"),
        ("WWW.Acme.COM", "acme.com"),
        ("http://sub.acme.co.uk:8080/x?y", "sub.acme.co.uk"),
        ("not a domain", None),
        ("localhost", None),
        ("", None),
    ],
)
def test_domain_of(text: str, expected: str | None) -> None:
    assert domain_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("cn", "CN"), (" GB ", "GB"), ("China", None), ("suhh", None), ("", None), (None, None)],
)
def test_country_code(text: str | None, expected: str | None) -> None:
    assert country_code(text) == expected


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("https://example.org/x", True),
        ("http://example.org", True),
        ("ftp://example.org", False),
        ("file:///tmp/list.csv", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_http_url(text: str, ok: bool) -> None:
    assert (http_url(text) is not None) is ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [("75", 0.75), ("75%", 0.75), ("25-50%", 0.25), ("12,5", 0.125), ("250", 1.0), ("n/a", None)],
)
def test_share_is_a_bounded_fraction(text: str, expected: float | None) -> None:
    assert share(text) == expected


def test_a_problem_names_file_and_line_or_record() -> None:
    assert str(Problem("a.csv", 4, "no name")) == "a.csv: line 4: no name"
    assert str(Problem("a.json", None, "no name", record=2)) == "a.json: record 2: no name"
    assert str(Problem("a.json", None, "empty")) == "a.json: empty"
