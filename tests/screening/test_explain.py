"""`--explain`: a record that matched nothing says which listed name came nearest, and how near."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from banwatch.matching.matcher import EXPLAIN_FLOOR, Matcher
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.model.registry import Registry
from banwatch.screening.screen import Screening

from ..cli_support import jsonl, run

PROFILE = Profile(date(2025, 8, 15))


def _record(name: str, row: int = 0) -> Record:
    return Record(row, "t.csv", row + 2, {"supplier": name, "qty": "3"}, {"supplier": "name"})


@pytest.fixture
def explaining(registry: Registry, matcher: Matcher) -> Screening:
    return Screening(registry, matcher, PROFILE, explain=True)


def test_a_clear_record_says_the_nearest_listed_name(explaining: Screening) -> None:
    finding = explaining.screen(_record("Dahua Security Distributors"))
    assert finding.verdict == "clear" and finding.matches == []
    near = finding.nearest
    assert near is not None
    assert (near.entity_id, near.name, near.column) == ("dahua", "Dahua", "supplier")
    assert EXPLAIN_FLOOR <= near.score < near.threshold == 0.80


def test_nothing_near_and_a_match_say_no_nearest(explaining: Screening) -> None:
    assert explaining.screen(_record("Northwind Office Supplies")).nearest is None
    matched = explaining.screen(_record("Hikvision Canada Inc."))
    assert matched.matches and matched.nearest is None


def test_without_explain_no_nearest_is_worked_out(registry: Registry, matcher: Matcher) -> None:
    plain = Screening(registry, matcher, PROFILE)
    assert plain.screen(_record("Dahua Security Distributors")).nearest is None


def test_records_sharing_a_judgement_keep_their_own_nearest(explaining: Screening) -> None:
    a, b = (
        explaining.screen(_record("Dahua Security Distributors")),
        explaining.screen(_record("Huawai Tech", 1)),
    )
    assert a.nearest is not None and b.nearest is not None
    assert (a.nearest.entity_id, b.nearest.entity_id) == ("dahua", "huawei")
    assert explaining.screen(_record("Northwind Office Supplies", 2)).nearest is None


@pytest.mark.parametrize("name", ["Dahua Security Distributors", "Northwind", "Hikvision"])
def test_the_json_line_is_the_findings_json(explaining: Screening, name: str) -> None:
    record = _record(name)
    assert explaining.screen_line(record).text == explaining.screen(record).model_dump_json()


def test_explain_from_the_command_line(tmp_path: Path) -> None:
    """A distributor's name near a listed vendor's: clear, and how near, in every format."""
    inventory = tmp_path / "suppliers.csv"
    inventory.write_text(
        "supplier\nDahua Security Distributors\nNorthwind Office Supplies\n", encoding="utf-8"
    )
    home = tmp_path / "home"
    base = ["screen", str(inventory), "--no-save", "--explain"]
    lines = jsonl(run([*base, "--format", "jsonl"], home).stdout)
    assert [f["verdict"] for f in lines] == ["clear", "clear"]
    near = lines[0]["nearest"]
    assert isinstance(near, dict)
    assert (near["entity_id"], near["name"], near["threshold"]) == ("dahua", "Dahua", 0.8)
    assert lines[1]["nearest"] is None
    plain = jsonl(run(["screen", str(inventory), "--no-save", "--format", "jsonl"], home).stdout)
    assert [f["nearest"] for f in plain] == [None, None]
    said = "nearest: supplier 'Dahua Security Distributors' to 'Dahua'"
    table = run([*base, "--format", "table"], home, COLUMNS="80")
    assert "nearest: supplier 'Dahua Security" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    rows = list(csv.DictReader(io.StringIO(run([*base, "--format", "csv"], home).stdout)))
    assert rows[0]["nearest"].startswith(said) and rows[1]["nearest"] == ""
