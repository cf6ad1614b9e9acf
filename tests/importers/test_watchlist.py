"""A user's own watchlist CSV: one custom measure, an entity and a target per row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from banwatch.errors import InputError, UsageError
from banwatch.importers import Imported, ImportOptions, read_source
from banwatch.status import status_as_of
from tests.importers.support import FIXTURES

SAMPLE = FIXTURES / "watchlist-sample.csv"


def read(path: Path = SAMPLE, **kw: str) -> Imported:
    opts = {"jurisdiction": "CA", **kw}
    return read_source("watchlist", path, ImportOptions("mylist", **opts))


def test_rows_become_entities_of_one_measure() -> None:
    got = read()
    assert [e.name for e in got.entities] == ["Globex Surveillance Ltd", "Initech Vision"]
    globex = got.entities[0]
    assert globex.id == "mylist-globex-surveillance-ltd"
    assert globex.country == "CN"
    assert [n.value for n in globex.names] == ["Globex", "GSL"]
    assert [(i.kind, i.value) for i in globex.identifiers] == [
        ("lei", "5493001KJTIIGC8Y1R12"),
        ("other", "ABC-123"),
        ("domain", "globex-cams.example"),
    ]
    assert [str(s) for s in globex.sources] == ["https://intranet.example.org/watchlist/globex"]
    assert globex.note == "internal risk review"
    (measure,) = got.measures
    assert measure.id == "mylist" and measure.jurisdiction == "CA"
    assert {b.sector for b in measure.binds} == {
        "government",
        "telecom",
        "contractor",
        "grantee",
        "business",
        "individual",
    }
    assert len(measure.acts) == 9
    assert [(t.entity, t.date_added, t.date_removed) for t in measure.targets] == [
        ("mylist-globex-surveillance-ltd", "2024-03-01", None),
        ("mylist-initech-vision", "2024-05-01", "2025-01-01"),
    ]
    (event,) = measure.events
    assert (event.date, event.type, event.effect) == ("2024-03-01", "published", "in_force")
    assert str(event.source) == "https://intranet.example.org/watchlist/globex"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (4, "no source: every fact needs one"),
        (5, "start date: '2024-13-45' is not a real date"),
        (6, "country 'Canada' is not a two-letter ISO 3166 code"),
        (7, "source 'not-a-url' is not an http(s) URL"),
        (8, "no name"),
        (9, "no source"),
    ],
)
def test_each_bad_row_is_reported_by_line_and_skipped(line: int, says: str) -> None:
    problems = {p.line: str(p) for p in read().problems}
    assert says in problems[line]
    assert problems[line].startswith(f"{SAMPLE}: line {line}: ")
    assert problems[line].endswith("row skipped")


def test_source_url_covers_rows_without_their_own() -> None:
    got = read(source_url="https://intranet.example.org/watchlist")
    names = [e.name for e in got.entities]
    assert names == ["Globex Surveillance Ltd", "Initech Vision", "No Source Corp", "Hooli Cameras"]
    # a row's own source wins over the file's
    assert str(got.entities[0].sources[0]).endswith("/globex")
    assert str(got.entities[-1].sources[0]) == "https://intranet.example.org/watchlist"


def test_a_watchlist_needs_a_jurisdiction() -> None:
    with pytest.raises(UsageError, match="--jurisdiction"):
        read_source("watchlist", SAMPLE, ImportOptions("mylist"))
    with pytest.raises(UsageError, match="XX"):
        read(jurisdiction="XX")


def test_headers_are_found_in_any_case_and_spacing(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text(
        "NAME;START_DATE;source url\nAcme;2024;https://example.org/acme\n", encoding="utf-8"
    )
    got = read(path)
    assert [(t.name, t.date_added) for t in got.measures[0].targets] == [("Acme", "2024")]


def test_a_file_without_a_name_column_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("supplier,source\nAcme,https://example.org/acme\n", encoding="utf-8")
    with pytest.raises(InputError, match="'name' column"):
        read(path)


def test_without_any_date_the_entries_count_on_every_date(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("name,source\nAcme,https://example.org/acme\n", encoding="utf-8")
    got = read(path)
    measure = got.measures[0]
    (event,) = measure.events
    assert event.date is None and "listed, date not given" in event.summary
    assert any("every date" in n for n in got.notes)
    for day in (date(1970, 1, 1), date(2100, 1, 1)):
        assert status_as_of(measure, day, 0).status == "in_force"


def test_same_names_get_distinct_ids(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text(
        "name,source\nAcme,https://example.org/1\nACME,https://example.org/2\n", encoding="utf-8"
    )
    assert [e.id for e in read(path).entities] == ["mylist-acme", "mylist-acme-2"]
