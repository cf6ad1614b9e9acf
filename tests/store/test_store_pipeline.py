"""A screening run saved as it is written: the store keeps exactly the lines the run wrote."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Finding
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.pipeline import run_screening
from banwatch.readers import open_inputs
from banwatch.screening.screen import Screening
from banwatch.store import RunStore, SavedLine, runs
from banwatch.writers import Summary, open_writer

from .test_store_runs import count

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inventory.csv"
PROFILE = Profile(date(2025, 8, 15), ("CA",), "government")


class Objects:
    """A writer that takes findings only, as the table, CSV and XLSX writers do."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def write(self, finding: Finding) -> None:
        self.findings.append(finding)

    def close(self, summary: Summary) -> None:
        pass


def _screen(
    store: RunStore, registry: Registry, matcher: Matcher, writer: object, paths: list[Path]
) -> str:
    outcome = run_screening(
        open_inputs(paths),
        PROFILE,
        registry,
        matcher,
        writer,
        store,
        lambda _m: None,  # type: ignore[arg-type]
    )
    assert outcome.run_id is not None
    return outcome.run_id


def test_the_saved_lines_are_the_lines_written(
    store: RunStore,
    registry: Registry,
    matcher: Matcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_objects(*_args: object) -> Finding:
        raise AssertionError("a finding was built as an object on the line path")

    monkeypatch.setattr(Screening, "screen", no_objects)
    monkeypatch.setattr(runs, "BATCH_LINES", 10)  # several batches
    out = io.StringIO()
    run_id = _screen(store, registry, matcher, open_writer("jsonl", out), [EXAMPLES, EXAMPLES])
    written = out.getvalue().splitlines()
    assert len(written) > 40
    assert list(store.lines(run_id)) == written
    summary = store.get_run(run_id)
    assert summary.record_count == len(written)
    assert sum(summary.counts.values()) == len(written)
    assert {f.verdict for f in store.findings(run_id)} >= {"prohibited", "clear"}


def test_a_writer_of_objects_saves_their_json(
    store: RunStore, registry: Registry, matcher: Matcher
) -> None:
    writer = Objects()
    run_id = _screen(store, registry, matcher, writer, [EXAMPLES])
    assert list(store.lines(run_id)) == [f.model_dump_json() for f in writer.findings]
    assert list(store.findings(run_id)) == writer.findings


def test_a_failing_run_leaves_nothing(
    store: RunStore,
    db_url: str,
    registry: Registry,
    matcher: Matcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runs, "BATCH_LINES", 5)
    out = io.StringIO()
    writer = open_writer("jsonl", out)
    written = 0

    def write_line(text: str) -> None:
        nonlocal written
        written += 1
        if written == 17:  # after three batches were saved
            raise OSError("disk full")
        out.write(text + "\n")

    saved: list[int] = []
    add_lines = store.add_lines

    def counted(run_id: str, lines: list[SavedLine]) -> None:
        saved.append(len(lines))
        add_lines(run_id, lines)

    monkeypatch.setattr(writer, "write_line", write_line)
    monkeypatch.setattr(store, "add_lines", counted)
    with pytest.raises(OSError, match="disk full"):
        _screen(store, registry, matcher, writer, [EXAMPLES])
    assert saved == [5, 5, 5]
    assert store.list_runs() == []
    for table in ("runs", "finding_batches", "flagged_findings"):
        assert count(db_url, f"SELECT count(*) FROM {table}") == 0
