"""FollowTheMoney JSON lines: parties, Sanctions as measures, Ownership as relations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from banwatch.importers import Imported, ImportOptions, read_source
from tests.importers.support import FIXTURES

SAMPLE = FIXTURES / "ftm-sample.jsonl"
URL = "https://lists.example.org/"


def read(path: Path = SAMPLE, **kw: str) -> Imported:
    return read_source("ftm", path, ImportOptions("os", **kw))


@pytest.fixture(scope="module")
def got() -> Imported:
    return read(source_url=URL, jurisdiction="GB")


def entity(got: Imported, ident: str) -> dict[str, object]:
    e = next(e for e in got.entities if e.id == ident)
    return e.model_dump(mode="json", exclude_defaults=True)


def test_parties_become_entities_with_kinds(got: Imported) -> None:
    assert [(e.id, e.kind) for e in got.entities] == [
        ("os-nk-acme1", "organisation"),
        ("os-nk-acme2", "organisation"),
        ("os-q-person1", "person"),
        ("os-v-falcon", "vessel"),
        ("os-nk-acme1-2", "organisation"),  # NK_ACME1 slugs like NK-acme1: suffixed
        ("os-nk-nosource", "organisation"),
    ]


def test_names_identifiers_country_sources(got: Imported) -> None:
    acme = entity(got, "os-nk-acme1")
    assert acme["name"] == "Acme Surveillance Technology Co., Ltd."
    assert acme["country"] == "CN"
    assert [(n["value"], n.get("kind", "alias")) for n in acme["names"]] == [  # type: ignore[attr-defined]
        ("Acme Surveillance", "alias"),
        ("ACME ST", "alias"),
        ("Acme Camera Works", "former"),
        ("ACME", "alias"),
    ]
    assert [(i["kind"], i["value"]) for i in acme["identifiers"]] == [  # type: ignore[attr-defined]
        ("register", "91330000123456789X"),
        ("lei", "5493001KJTIIGC8Y1R12"),
        ("tax_id", "7701234567"),
        ("domain", "acme-surveillance.example"),
    ]  # okvedCode, an activity code, is no identifier
    assert acme["sources"] == ["https://lists.example.org/entries/acme1"]
    assert entity(got, "os-nk-acme2")["country"] == "DE"  # from jurisdiction
    assert entity(got, "os-nk-acme2")["sources"] == [URL]  # no sourceUrl: --source-url
    assert entity(got, "os-v-falcon")["country"] == "PA"  # a vessel's flag
    assert "country" not in entity(got, "os-nk-acme1-2")  # "suhh" is no two-letter code


def test_ownership_becomes_a_relation_on_the_asset(got: Imported) -> None:
    (rel,) = entity(got, "os-nk-acme2")["relations"]  # type: ignore[misc]
    assert rel["type"] == "subsidiary_of" and rel["target"] == "os-nk-acme1"
    assert rel["share"] == 0.75 and rel["start"] == "2019"
    assert rel["source"] == "https://lists.example.org/ownership/acme2"


def test_sanctions_grouped_by_authority_and_program(got: Imported) -> None:
    tech, shipping = got.measures
    assert tech.id == "os-office-of-example-controls-example-technology-program"
    assert tech.jurisdiction == "US"  # from the Sanctions' country
    assert tech.authority == "Office of Example Controls"
    assert tech.instrument == "Example Technology Program"
    assert len(tech.binds) == 6 and len(tech.acts) == 9
    assert [(t.entity, t.date_added, t.date_removed) for t in tech.targets] == [
        ("os-nk-acme1", "2021-03-04", None),
        ("os-q-person1", "2022-01-10", "2023-05-01"),
    ]
    (event,) = tech.events
    assert (event.date, event.type, event.effect) == ("2021-03-04", "published", "in_force")
    assert str(event.source) == "https://lists.example.org/programs/tech/acme1"
    # no country on the Sanction: --jurisdiction; no date: listed, date not given
    assert shipping.jurisdiction == "GB"
    assert shipping.events[0].date is None and all(t.undated for t in shipping.targets)
    assert str(shipping.events[0].source) == "https://lists.example.org/programs/shipping"
    assert any("every date" in n for n in got.notes)


def test_every_bad_record_is_reported_by_line(got: Imported) -> None:
    problems = {p.line: p.message for p in got.problems}
    assert "NK-missing not in the file" in problems[11] and "dropped" in problems[11]
    assert "NK-gone not in the file" in problems[9]
    assert "not valid JSON" in problems[13]
    assert "no name" in problems[14]
    assert "not a FollowTheMoney entity" in problems[17]
    assert sorted(problems) == [9, 11, 13, 14, 17]
    assert any("1 Address" in n for n in got.notes)


def test_without_source_url_or_jurisdiction_more_is_reported() -> None:
    got = read()
    problems = {p.line: p.message for p in got.problems}
    assert "no source" in problems[2]  # Acme Vision GmbH cites nothing
    assert "no source" in problems[15]
    assert "no country code on its Sanctions and no --jurisdiction" in problems[8]
    # with Acme Vision gone, its ownership dangles
    assert "NK-acme2 not in the file" in problems[10]
    assert [m.id for m in got.measures] == [
        "os-office-of-example-controls-example-technology-program"
    ]


@pytest.mark.parametrize(
    ("record", "says"),
    [
        ([1, 2], "expected a JSON object"),
        ({"schema": "Company", "properties": {}}, "no 'id'"),
        ({"id": "x"}, "no 'schema'"),
        ({"id": "x", "schema": "Company", "properties": []}, "not an object"),
        ({"id": "x", "schema": "Company", "properties": {"name": "Acme"}}, "list of strings"),
        ({"id": "x", "schema": "Company", "properties": {"name": [1]}}, "list of strings"),
        ({"id": "x", "schema": "Company", "properties": {"name": ["A"]}}, "no source"),
    ],
)
def test_malformed_records(tmp_path: Path, record: object, says: str) -> None:
    path = tmp_path / "e.jsonl"
    good = {
        "id": "ok",
        "schema": "Company",
        "properties": {"name": ["Good Co"], "sourceUrl": ["https://example.org/good"]},
    }
    path.write_text(f"{json.dumps(record)}\n{json.dumps(good)}\n", encoding="utf-8")
    got = read(path)
    assert [e.name for e in got.entities] == ["Good Co"]
    (problem,) = got.problems
    assert problem.line == 1 and says in problem.message


def test_sanction_dates_that_are_no_dates(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    rows = [
        {
            "id": "a",
            "schema": "Company",
            "properties": {"name": ["A Co"], "sourceUrl": ["https://example.org/a"]},
        },
        {
            "id": "s",
            "schema": "Sanction",
            "properties": {
                "entity": ["a"],
                "country": ["us"],
                "listingDate": ["yesterday"],
                "sourceUrl": ["https://example.org/s"],
            },
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = read(path)
    assert got.measures == []
    assert [p.line for p in got.problems] == [2, 2]
    assert "listingDate" in got.problems[0].message
