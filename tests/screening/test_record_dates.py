"""A record's own date in screening: buying judged on it, using on the date asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Finding, MeasureHit
from banwatch.model.profile import Profile
from banwatch.model.records import Record
from banwatch.model.registry import Registry
from banwatch.screening.screen import Screening

from ..cli_support import jsonl, screen_jsonl

FEDERAL_BAN = "ca-federal-hikvision-procurement-use-ban-2025"  # buy and use, from 2025-06-27
QUEBEC = "ca-qc-arrete-hikvision-dahua-2023"  # what is acquired from 2023-12-22


def _screen(registry: Registry, matcher: Matcher, profile: Profile, bought: str) -> Finding:
    values = {"Supplier": "Hikvision", "Model": "DS-2CD2143G2-I", "Invoice date": bought}
    roles = {"Supplier": "name", "Model": "model", "Invoice date": "date"}
    record = Record(0, "ledger.csv", 2, values, roles)  # type: ignore[arg-type]
    return Screening(registry, matcher, profile).screen(record)


def _hit(finding: Finding, measure: str) -> MeasureHit:
    return next(h for m in finding.matches for h in m.measures if h.measure_id == measure)


def _department(as_of: str, *acts: str) -> Profile:
    return Profile(
        date.fromisoformat(as_of),
        ("CA",),
        "government",
        acts=acts,  # type: ignore[arg-type]
        level="national",
    )


def test_buying_is_judged_on_the_record_date(registry: Registry, matcher: Matcher) -> None:
    buying = _department("2025-08-15", "buy")
    before = _hit(_screen(registry, matcher, buying, "2024-05-01"), FEDERAL_BAN)
    assert (before.verdict, before.status, before.judged_on) == ("clear", "not_yet", "2024-05-01")
    assert "the record's date, 2024-05-01" in before.reason
    after = _hit(_screen(registry, matcher, buying, "2025-07-02"), FEDERAL_BAN)
    assert (after.verdict, after.judged_on) == ("prohibited", "2025-07-02")


def test_using_is_judged_on_the_date_asked(registry: Registry, matcher: Matcher) -> None:
    hit = _hit(_screen(registry, matcher, _department("2025-08-15"), "2024-05-01"), FEDERAL_BAN)
    assert (hit.verdict, hit.judged_on) == ("prohibited", "2025-08-15")
    hit = _hit(
        _screen(registry, matcher, _department("2025-08-15", "use"), "2024-05-01"), FEDERAL_BAN
    )
    assert (hit.verdict, hit.judged_on) == ("prohibited", "2025-08-15")


def test_without_a_record_date_everything_is_judged_on_the_date_asked(
    registry: Registry, matcher: Matcher
) -> None:
    hit = _hit(_screen(registry, matcher, _department("2025-08-15", "buy"), ""), FEDERAL_BAN)
    assert (hit.verdict, hit.judged_on) == ("prohibited", "2025-08-15")


def test_an_unreadable_record_date_is_said_and_the_date_asked_used(
    registry: Registry, matcher: Matcher
) -> None:
    f = _screen(registry, matcher, _department("2025-08-15", "buy"), "03/04/2024")
    assert _hit(f, FEDERAL_BAN).judged_on == "2025-08-15"
    assert f.warnings == [
        "column 'Invoice date': '03/04/2024' could be day 3 of month 4 or month 3 day 4; write "
        "it as YYYY-MM-DD; the record's date is unknown, so buying is judged on the date asked"
    ]


@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)))
def test_a_record_date_never_makes_buying_and_using_weaker_than_using_alone(
    registry: Registry, matcher: Matcher, bought: date
) -> None:
    both = _hit(
        _screen(registry, matcher, _department("2025-08-15"), bought.isoformat()), FEDERAL_BAN
    )
    use = _hit(
        _screen(registry, matcher, _department("2025-08-15", "use"), bought.isoformat()),
        FEDERAL_BAN,
    )
    assert both.verdict == use.verdict == "prohibited"


def test_a_purchase_ledger_with_dates(tmp_path: Path) -> None:
    """Québec's order covers what is acquired from 2023-12-22: a ministry's purchase ledger."""
    ledger = tmp_path / "purchases.csv"
    ledger.write_text(
        "Invoice Date;Supplier;Item;Amount\n"
        "01.03.2020;Dahua Technology;DH-IPC-HFW2431S;420,00\n"
        "01.06.2024;Dahua Technology;DH-IPC-HFW2431S;420,00\n"
        "15 mars 2024;Hikvision;DS-2CD2143G2-I;310,00\n"
        "03/04/2024;Hikvision;DS-2CD2143G2-I;310,00\n",
        encoding="utf-8",
    )
    profile = ["--jurisdiction", "CA-QC", "--sector", "government", "--level", "regional"]
    done = screen_jsonl(ledger, tmp_path / "home", "--as-of", "2025-08-15", *profile)
    assert done.returncode == 0, done.stderr
    found = jsonl(done.stdout)
    assert [f["verdict"] for f in found] == ["clear", "prohibited", "prohibited", "prohibited"]
    quebec = [
        next(h for m in f["matches"] for h in m["measures"] if h["measure_id"] == QUEBEC)
        for f in found
    ]
    assert "acquired from 2023-12-22; the record's date is earlier" in quebec[0]["reason"]
    assert [h["judged_on"] for h in quebec] == ["2025-08-15"] * 4  # using, judged on the date asked
    assert "line 5: column 'Invoice Date': '03/04/2024' could be" in done.stderr
    assert f"banwatch: columns of {ledger}: date 'Invoice Date'; name 'Supplier'" in done.stderr


def test_of_several_dates_the_earliest_is_when_it_was_bought(
    registry: Registry, matcher: Matcher
) -> None:
    values = {
        "Supplier": "Hikvision",
        "install_date": "2025-07-10",
        "purchase_date": "2024-05-01",
        "delivered": "not yet",
    }
    roles = {
        "Supplier": "name",
        "install_date": "date",
        "purchase_date": "date",
        "delivered": "date",
    }
    record = Record(0, "cmdb.csv", 2, values, roles)  # type: ignore[arg-type]
    f = Screening(registry, matcher, _department("2025-08-15", "buy")).screen(record)
    assert _hit(f, FEDERAL_BAN).judged_on == "2024-05-01"
    assert f.warnings == [
        "column 'delivered': 'not yet' is not a date banwatch reads; write it as YYYY-MM-DD; "
        "the record's date is taken from its other date columns"
    ]
