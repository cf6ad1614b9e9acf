"""The JSON lines layout is the models': the fast composition follows Finding and Match."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from banwatch.model.findings import Finding
from banwatch.writers import finding_json
from banwatch.writers.finding_json import cells_json, finding_line, finding_middle, json_text


def test_the_templates_name_every_member_in_the_models_order() -> None:
    keys = json.loads(
        finding_line(0, "{}", finding_middle('"clear"', "", "[]"), "null", "null", "null", "null")
    )
    assert list(keys) == list(Finding.model_fields)


def test_a_function_that_no_longer_follows_its_model_refuses_to_load() -> None:
    def finding_line_reordered(record: str, row: int) -> str:
        return ""

    try:
        finding_json._check(finding_line_reordered, ("row", "record"))
    except RuntimeError as error:
        assert "does not follow" in str(error)
    else:
        raise AssertionError("a reordered composer was accepted")


@given(
    st.integers(min_value=0, max_value=10**9),
    st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=4),
    st.sampled_from(["clear", "review", "prohibited", "suspended"]),
    st.lists(st.text(max_size=30), max_size=3),
    st.one_of(st.none(), st.text(max_size=20)),
    st.one_of(st.none(), st.integers(min_value=1, max_value=10**6)),
)
def test_a_composed_line_is_the_findings_json(
    row: int,
    record: dict[str, str],
    verdict: str,
    warnings: list[str],
    file: str | None,
    line: int | None,
) -> None:
    finding = Finding.model_validate(
        {
            "row": row,
            "record": record,
            "verdict": verdict,
            "matches": [],
            "warnings": warnings,
            "file": file,
            "line": line,
            "matcher": "banwatch-match-v8",
        }
    )
    composed = finding_line(
        row,
        cells_json(record),
        finding_middle(json_text(verdict), "", json_text(warnings)),
        json_text(file),
        json_text(line),
        json_text("banwatch-match-v8"),
        "null",
    )
    assert composed == finding.model_dump_json()
