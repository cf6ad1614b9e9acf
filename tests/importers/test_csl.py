"""The US Consolidated Screening List, CSV (the real 13-row sample) and JSON (our own)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from banwatch.errors import InputError
from banwatch.importers import Imported, ImportOptions, read_source
from banwatch.importers.csl_ids import identifiers
from banwatch.importers.csl_lists import abbreviation, list_kind
from banwatch.status import status_as_of
from tests.importers.support import FIXTURES

REPO = Path(__file__).resolve().parents[2]
REAL_SAMPLE = REPO.parent / "shared" / "fixtures" / "csl" / "consolidated-sample.csv"


def read(path: Path) -> Imported:
    return read_source("csl", path, ImportOptions("us-csl"))


@pytest.fixture(scope="module")
def real() -> Imported:
    if not REAL_SAMPLE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the CSL sample is missing at {REAL_SAMPLE}")
        pytest.skip("no ../shared/fixtures/csl beside the repository")
    return read(REAL_SAMPLE)


def test_every_row_of_the_real_sample_is_imported(real: Imported) -> None:
    assert real.problems == []
    assert len(real.entities) == 13
    assert sum(len(m.targets) for m in real.measures) == 13
    assert {m.id for m in real.measures} == {
        f"us-csl-{a}" for a in ("isn", "uvl", "meu", "plc", "sdn", "dtc", "dpl", "ssi", "fse", "el")
    }


def test_one_measure_per_list_with_what_it_restricts(real: Imported) -> None:
    by_id = {m.id: m for m in real.measures}
    el = by_id["us-csl-el"]
    assert (el.jurisdiction, el.type, el.acts, el.max_verdict) == (
        "US",
        "export_control_listing",
        ["export-to"],
        "prohibited",
    )
    assert el.authority == "Bureau of Industry and Security"
    assert el.title == "Entity List (EL) (US Consolidated Screening List)"
    assert len(by_id["us-csl-sdn"].acts) == 9 and by_id["us-csl-sdn"].max_verdict == "prohibited"
    assert by_id["us-csl-ssi"].max_verdict == "review"
    assert by_id["us-csl-uvl"].max_verdict == "review"
    assert len(el.binds) == 6


def test_dates_become_target_dates_and_the_event(real: Imported) -> None:
    dpl = next(m for m in real.measures if m.id == "us-csl-dpl")
    (target,) = dpl.targets
    assert (target.name, target.date_added, target.date_removed) == (
        "I. ASH",
        "2002-03-04",
        "2056-06-29",
    )
    assert dpl.events[0].date == "2002-03-04" and dpl.events[0].effect == "in_force"
    ssi = next(m for m in real.measures if m.id == "us-csl-ssi")
    # No date in the list: listed, date not given; it counts on every date.
    assert ssi.events[0].date is None and ssi.events[0].effect == "none"
    assert all(t.undated for t in ssi.targets)
    assert any(n.startswith("Sectoral Sanctions") and "every date" in n for n in real.notes)
    early = status_as_of(ssi, date(1990, 1, 1), 0)
    assert (early.status, early.undated) == ("in_force", True)


def test_entities_names_kinds_countries_identifiers(real: Imported) -> None:
    by_name = {e.name: e for e in real.entities}
    sme = by_name["SME BANK"]
    assert sme.kind == "organisation"
    assert "JSC SME BANK" in [n.value for n in sme.names]
    assert ("domain", "mspbank.ru") in [(i.kind, i.value) for i in sme.identifiers]
    assert ("register", "1027739108649") in [(i.kind, i.value) for i in sme.identifiers]
    assert not any("Directive" in i.value or "sanctions" in i.value for i in sme.identifiers)
    rim = by_name["RIM, Ryong Nam"]
    assert (rim.kind, rim.country) == ("person", "KP")
    assert [(i.kind, i.value) for i in rim.identifiers] == [("other", "836238033")]
    # the ISN's successor clause is not part of the name
    assert "Sinobright Import and Export Company" in by_name
    # the EL's "and X" joins the list of aliases, not the alias
    cetc = next(e for e in real.entities if e.name.startswith("China Electronics"))
    assert "CETC Research Institute 13" in [n.value for n in cetc.names]
    assert all(str(s).startswith("https://") for e in real.entities for s in e.sources)


def test_the_json_form() -> None:
    got = read(FIXTURES / "csl-sample.json")
    assert [e.name for e in got.entities] == [
        "Example Optics Technology Co., Ltd.",
        "DOE, John",
        "Future Gadgets Inc.",
    ]
    optics = got.entities[0]
    assert [(i.kind, i.value) for i in optics.identifiers] == [("domain", "example-optics.example")]
    assert [n.value for n in optics.names] == ["Example Optics", "EOT"]
    assert got.entities[1].id == "us-csl-99001" and got.entities[1].country == "RU"
    assert [str(p) for p in got.problems] == [
        f"{FIXTURES / 'csl-sample.json'}: record 3: no name; record skipped",
        f"{FIXTURES / 'csl-sample.json'}: record 4: start_date: '2024-02-30' is not a real date; "
        "record skipped",
    ]
    unknown = next(m for m in got.measures if m.id == "us-csl-efl")
    assert unknown.max_verdict == "review" and unknown.note
    assert any("not a list banwatch knows" in n for n in got.notes)


def test_json_is_detected_by_content_whatever_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.txt"
    path.write_bytes((FIXTURES / "csl-sample.json").read_bytes())
    assert len(read(path).entities) == 3


def test_malformed_json_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"results": [', encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.json"):
        read(path)
    path.write_text('{"total": 0}', encoding="utf-8")
    with pytest.raises(InputError, match="'results' list"):
        read(path)


def test_a_csv_row_without_source_url_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "_id,source,name,source_list_url\n"
        "1,Entity List (EL) - Bureau of Industry and Security,Acme,\n"
        "2,Entity List (EL) - Bureau of Industry and Security,Globex,https://example.org/el\n",
        encoding="utf-8",
    )
    got = read(path)
    assert [e.name for e in got.entities] == ["Globex"]
    assert [p.line for p in got.problems] == [2]
    assert "no http(s) URL" in got.problems[0].message


@pytest.mark.parametrize(
    ("source", "abbr", "acts", "known"),
    [
        ("Entity List (EL) - Bureau of Industry and Security", "EL", ("export-to",), True),
        (
            "Military End User (MEU) List - Bureau of Industry and Security",
            "MEU",
            ("export-to",),
            True,
        ),
        (
            "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department",
            "NS-MBS",
            None,
            True,
        ),
        (
            "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury",
            "CMIC",
            ("invest",),
            True,
        ),
        ("Something New - Nowhere", None, None, False),
    ],
)
def test_the_list_table(
    source: str, abbr: str | None, acts: tuple[str, ...] | None, known: bool
) -> None:
    assert abbreviation(source) == abbr
    kind, is_known = list_kind(source)
    assert is_known is known
    if acts:
        assert kind.acts == acts


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ("Passport, 836238033, KP; Gender, Male", [("other", "836238033")]),
        ("Website, www.example.com", [("domain", "example.com")]),
        ("V.A.T. Number, CHE-267.936.404, CH", [("tax_id", "CHE-267.936.404")]),
        ("Vessel Registration Identification, IMO 9187629", [("imo", "9187629")]),
        (
            "Secondary sanctions risk:, Ukraine-/Russia-Related Sanctions Regulations, 31 CFR",
            [],
        ),
        (
            [{"type": "Legal Entity Number", "number": "5493001KJTIIGC8Y1R12"}],
            [("lei", "5493001KJTIIGC8Y1R12")],
        ),
        ("", []),
    ],
)
def test_ids(ids: object, expected: list[tuple[str, str]]) -> None:
    got = identifiers(ids, "https://example.org/list")
    assert [(i["kind"], i["value"]) for i in got] == expected
