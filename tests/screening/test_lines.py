"""Findings written straight to JSON lines are exactly the findings pydantic writes."""

from __future__ import annotations

import gc
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banwatch.bulk import one_process
from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Finding
from banwatch.model.profile import Profile
from banwatch.model.records import Record, RowProblem
from banwatch.model.registry import Registry
from banwatch.pipeline import run_screening
from banwatch.readers import open_inputs, read_records
from banwatch.screening.parts import cells_key as _cells_key
from banwatch.screening.screen import Screening, cells_json, json_text
from banwatch.writers import Summary, open_writer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inventory.csv"
EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.csv"
PROFILE = Profile(date(2025, 8, 15), ("CA",), "government")


def _records(path: Path) -> list[Record]:
    return [r for r in read_records([path]) if not isinstance(r, RowProblem)]


@pytest.mark.parametrize("path", [EXAMPLES, EVAL], ids=["examples", "dev-set"])
def test_every_line_equals_the_finding_written_by_pydantic(
    registry: Registry, matcher: Matcher, path: Path
) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not beside the repository")
    screening = Screening(registry, matcher, PROFILE)
    records = _records(path)
    assert records
    for r in records + records:  # the second time from the judged cache
        line = screening.screen_line(r)
        finding = screening.screen(r)
        assert line.text == finding.model_dump_json()
        assert line.verdict == finding.verdict
        assert line.warnings == finding.warnings


cell = st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    supplier=st.sampled_from(["Hikvision", "EZVIZ", "Acme Widgets", "", "  "]) | cell,
    mac=st.sampled_from(["bc:5e:33:00:00:01", "not a mac", ""]) | cell,
    other=st.dictionaries(cell, cell, max_size=3),
    file=st.none() | cell,
    line=st.none() | st.integers(min_value=0, max_value=10**9),
    row=st.integers(min_value=0, max_value=10**12),
)
def test_any_cells_give_the_same_text(
    registry: Registry,
    matcher: Matcher,
    supplier: str,
    mac: str,
    other: dict[str, str],
    file: str | None,
    line: int | None,
    row: int,
) -> None:
    values = {**other, "supplier": supplier, "mac": mac}
    record = Record(row, file, line, values, {"supplier": "name", "mac": "mac"})
    screening = Screening(registry, matcher, PROFILE)
    assert screening.screen_line(record).text == screening.screen(record).model_dump_json()


class _FindingsOnly:
    """A writer taking only findings, so that the pipeline builds every one of them."""

    def __init__(self, out: io.StringIO) -> None:
        self.inner = open_writer("jsonl", out)

    def write(self, finding: Finding) -> None:
        self.inner.write(finding)

    def close(self, summary: Summary) -> None:
        self.inner.close(summary)


def test_the_pipeline_writes_the_same_lines_either_way(
    registry: Registry, matcher: Matcher
) -> None:
    def quiet(_: str) -> None:
        pass

    lines, findings = io.StringIO(), io.StringIO()
    a = run_screening(
        open_inputs([EXAMPLES]),
        PROFILE,
        registry,
        matcher,
        open_writer("jsonl", lines),
        None,
        quiet,
    )
    b = run_screening(
        open_inputs([EXAMPLES]), PROFILE, registry, matcher, _FindingsOnly(findings), None, quiet
    )
    assert lines.getvalue() == findings.getvalue()
    assert lines.getvalue().count("\n") == sum(a.verdicts.values()) > 20
    assert a.verdicts == b.verdicts


@pytest.mark.parametrize("chunk", [1, 7, 2000])
def test_records_judged_in_chunks_give_the_lines_of_records_judged_one_by_one(
    registry: Registry,
    matcher: Matcher,
    tmp_path: Path,
    chunk: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Chunks of any size, with unreadable rows among them: the same lines, warnings and order."""
    rows = EXAMPLES.read_text(encoding="utf-8").splitlines()
    broken = [rows[0], *rows[1:], '"never closed,x', *rows[1:]]
    path = tmp_path / "with-problems.csv"
    path.write_text("\n".join(broken) + "\n", encoding="utf-8")
    monkeypatch.setattr(one_process, "CHUNK", chunk)
    said: list[str] = []
    lines, findings = io.StringIO(), io.StringIO()
    before = gc.get_threshold()
    run_screening(
        open_inputs([path]),
        PROFILE,
        registry,
        matcher,
        open_writer("jsonl", lines),
        None,
        said.append,
    )
    assert gc.get_threshold() == before  # the run's collector setting is undone
    heard: list[str] = []
    run_screening(
        open_inputs([path]), PROFILE, registry, matcher, _FindingsOnly(findings), None, heard.append
    )
    assert lines.getvalue() == findings.getvalue()
    assert said == heard and said
    assert lines.getvalue().count("\n") > 30


def test_cells_that_hold_the_key_separator_are_told_apart() -> None:
    """Records are judged once per distinct cells; a separator inside a cell cannot merge two."""
    a = _cells_key(("supplier", "brand"), {"supplier": "a\x1fb", "brand": "c"})
    b = _cells_key(("supplier", "brand"), {"supplier": "a", "brand": "b\x1fc"})
    assert a != b
    assert _cells_key(("supplier",), {}) == _cells_key(("supplier",), {"supplier": ""})
    assert _cells_key(("a", "b"), {"a": "x", "b": "y"}) != _cells_key(("a", "b"), {"a": "xy"})


any_text = st.text(alphabet=st.characters(exclude_categories=[]), max_size=30)


@settings(max_examples=500, deadline=None)
@given(values=st.dictionaries(any_text, any_text, max_size=6))
def test_cells_are_written_as_the_json_module_writes_them(values: dict[str, str]) -> None:
    """orjson writes the cells; lone surrogates (undecodable bytes) fall back to the json module."""
    assert cells_json(values) == json_text(values)
