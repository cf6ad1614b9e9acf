"""diff_runs as a pure function: a table of run pairs and the changes they show."""

from __future__ import annotations

import pytest

from banwatch.model.findings import Finding
from banwatch.store import Change, MeasureChange, diff_runs

from .store_support import HIKVISION_BAN, HIKVISION_ORDER, asset, finding, hit, match

IN_FORCE = match("hikvision", hit())
STAYED = match("hikvision", hit(status="suspended", verdict="suspended"))
ORDER_ONLY = match("hikvision", hit(HIKVISION_ORDER, binds=False, verdict="review"))
BOTH = match("hikvision", hit(), hit(HIKVISION_ORDER, binds=False, verdict="review"))
BOTH_BINDING = match("hikvision", hit(), hit(HIKVISION_ORDER, binds=True, verdict="prohibited"))
NO_MEASURES = match("axis")

# (run a, run b, expected changes as (key, row_a, row_b, verdict_a, verdict_b, why))
Expected = tuple[str, int | None, int | None, str | None, str | None, list[str]]

CASES: dict[str, tuple[list[Finding], list[Finding], list[Expected]]] = {
    "nothing changed": (
        [asset(0, "A-1", "prohibited", IN_FORCE), asset(1, "A-2")],
        [asset(0, "A-1", "prohibited", IN_FORCE), asset(1, "A-2")],
        [],
    ),
    "a stay is lifted": (
        [asset(0, "A-1", "suspended", STAYED)],
        [asset(0, "A-1", "prohibited", IN_FORCE)],
        [
            (
                "asset_id=A-1",
                0,
                0,
                "suspended",
                "prohibited",
                ["verdict suspended → prohibited", f"{HIKVISION_BAN}: suspended → in_force"],
            )
        ],
    ),
    "a new match": (
        [asset(0, "A-1")],
        [asset(0, "A-1", "prohibited", IN_FORCE)],
        [
            (
                "asset_id=A-1",
                0,
                0,
                "clear",
                "prohibited",
                [
                    "verdict clear → prohibited",
                    "new match hikvision",
                    f"{HIKVISION_BAN}: now applies (in_force)",
                ],
            )
        ],
    ),
    "a match lost": (
        [asset(0, "A-1", "prohibited", IN_FORCE)],
        [asset(0, "A-1")],
        [
            (
                "asset_id=A-1",
                0,
                0,
                "prohibited",
                "clear",
                [
                    "verdict prohibited → clear",
                    "no longer matches hikvision",
                    f"{HIKVISION_BAN}: no longer applies (was in_force)",
                ],
            )
        ],
    ),
    "a measure starts binding under the same verdict": (
        [asset(0, "A-1", "prohibited", BOTH)],
        [asset(0, "A-1", "prohibited", BOTH_BINDING)],
        [("asset_id=A-1", 0, 0, "prohibited", "prohibited", [f"{HIKVISION_ORDER}: now binds"])],
    ),
    "a record added and one removed": (
        [asset(0, "A-1"), asset(1, "A-2", "review", ORDER_ONLY)],
        [asset(0, "A-1"), asset(1, "A-3", "prohibited", IN_FORCE)],
        [
            ("asset_id=A-3", None, 1, None, "prohibited", ["record added"]),
            ("asset_id=A-2", 1, None, "review", None, ["record removed"]),
        ],
    ),
    "rows re-sorted, keys kept": (
        [asset(0, "A-1", "prohibited", IN_FORCE), asset(1, "A-2")],
        [asset(0, "A-2"), asset(1, "A-1", "prohibited", IN_FORCE)],
        [],
    ),
    "only the score moved": (
        [asset(0, "A-1", "prohibited", IN_FORCE)],
        [asset(0, "A-1", "prohibited", match("hikvision", hit(), score=0.91))],
        [],
    ),
    "a match without measures, same verdict": (
        [asset(0, "A-1")],
        [asset(0, "A-1", "clear", NO_MEASURES)],
        [],
    ),
    "duplicate ids pair in order": (
        [asset(0, "A-1"), asset(1, "A-1")],
        [asset(0, "A-1"), asset(1, "A-1", "prohibited", IN_FORCE)],
        [
            (
                "asset_id=A-1",
                1,
                1,
                "clear",
                "prohibited",
                [
                    "verdict clear → prohibited",
                    "new match hikvision",
                    f"{HIKVISION_BAN}: now applies (in_force)",
                ],
            )
        ],
    ),
    "no id column: records pair by their values": (
        [finding(0, {"Supplier": "Dahua"}), finding(1, {"Supplier": "Hikvision"})],
        [
            finding(0, {"Supplier": "Hikvision"}, "prohibited", IN_FORCE),
            finding(1, {"Supplier": "Dahua"}),
        ],
        [
            (
                "values=",  # a hash: compared by prefix
                1,
                0,
                "clear",
                "prohibited",
                [
                    "verdict clear → prohibited",
                    "new match hikvision",
                    f"{HIKVISION_BAN}: now applies (in_force)",
                ],
            )
        ],
    ),
}


@pytest.mark.parametrize(("a", "b", "expected"), CASES.values(), ids=CASES.keys())
def test_diff_runs(a: list[Finding], b: list[Finding], expected: list[Expected]) -> None:
    changes = diff_runs(a, b)
    got = [(c.key, c.row_a, c.row_b, c.verdict_a, c.verdict_b, c.why) for c in changes]
    assert len(got) == len(expected)
    for (key, *rest), (want_key, *want_rest) in zip(got, expected, strict=True):
        assert key.startswith(want_key)
        assert rest == want_rest


def test_diff_runs_is_symmetric_in_what_it_reports() -> None:
    a = [asset(0, "A-1", "suspended", STAYED), asset(1, "A-2")]
    b = [asset(0, "A-1", "prohibited", IN_FORCE), asset(1, "A-3")]
    forward = {c.key for c in diff_runs(a, b)}
    backward = {c.key for c in diff_runs(b, a)}
    assert forward == backward == {"asset_id=A-1", "asset_id=A-2", "asset_id=A-3"}


def test_a_change_carries_the_record_and_each_measure_before_and_after() -> None:
    [change] = diff_runs(
        [asset(0, "A-1", "suspended", STAYED)], iter([asset(4, "A-1", "prohibited", IN_FORCE)])
    )
    assert change == Change(
        key="asset_id=A-1",
        row_a=0,
        row_b=4,
        record={"Asset ID": "A-1", "Supplier": "Hikvision", "Model": "DS-2CD2143G2-I"},
        verdict_a="suspended",
        verdict_b="prohibited",
        measures=[
            MeasureChange(
                measure_id=HIKVISION_BAN,
                entity="hikvision",
                status_a="suspended",
                status_b="in_force",
                binds_a=True,
                binds_b=True,
                verdict_a="suspended",
                verdict_b="prohibited",
            )
        ],
        why=["verdict suspended → prohibited", f"{HIKVISION_BAN}: suspended → in_force"],
    )
    assert change.model_dump(mode="json")["why"] == change.why  # JSON-ready for the API


def test_removed_record_shows_its_old_record_and_measures() -> None:
    [change] = diff_runs([asset(0, "A-9", "prohibited", IN_FORCE)], [])
    assert change.record["Asset ID"] == "A-9"
    assert [(m.status_a, m.status_b) for m in change.measures] == [("in_force", None)]
