"""The run store's lifecycle, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from banwatch.errors import NotFoundError, StoreError, UsageError
from banwatch.model.findings import Finding, Nearest
from banwatch.store import RunProfile, RunStore, reading, record_key, runs

from .store_support import (
    HIKVISION_ORDER,
    Clock,
    asset,
    finding,
    hit,
    match,
    meta,
)


def sample_findings() -> list[Finding]:
    """Findings with every field in use: matches, measures, warnings, files, CJK text."""
    hik = match("hikvision", hit(), hit(HIKVISION_ORDER, binds=False, verdict="review"))
    ezviz = match("ezviz", hit(status="suspended", verdict="suspended"), score=0.91)
    return [
        asset(0, "A-100", "prohibited", hik),
        finding(
            1, {"Supplier": "杭州海康威视数字技术股份有限公司", "Serial": "S1"}, "prohibited", hik
        ),
        finding(2, {"Supplier": "EZVIZ Inc.", "Model": "CS-C6N"}, "suspended", ezviz),
        finding(
            3, {"Supplier": "Dahua Security Distributors"}, warnings=("empty Model",), file="b.csv"
        ).model_copy(
            update={
                "nearest": Nearest(
                    entity_id="dahua",
                    entity_name="Zhejiang Dahua Technology Co., Ltd.",
                    name="Dahua",
                    column="Supplier",
                    value="Dahua Security Distributors",
                    score=0.6719,
                    threshold=0.8,
                )
            }
        ),
    ]


SAVED = "SELECT coalesce(sum(size), 0) FROM finding_batches"  # findings saved, all runs


def count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def test_a_finished_run_is_listed_with_its_metadata(store: RunStore) -> None:
    run_id = store.begin_run(meta(input_files=["a.csv", "b.csv"]))
    store.add_findings(run_id, sample_findings())
    store.finish_run(run_id, {"prohibited": 2, "suspended": 1, "clear": 1})

    [summary] = store.list_runs()
    assert summary == store.get_run(run_id)
    assert summary.id == run_id
    assert summary.input_files == ["a.csv", "b.csv"]
    assert summary.profile == RunProfile(
        jurisdictions=["CA"], sector="government", acts=["buy", "use"]
    )
    assert summary.as_of.isoformat() == "2025-07-01"
    assert (summary.registry_version, summary.matcher_version) == ("2025-07-01+3f9a", "names-v1")
    assert summary.record_count == 4
    assert summary.counts == {"prohibited": 2, "suspended": 1, "clear": 1}
    assert summary.created_at <= summary.finished_at
    assert summary.created_at.utcoffset() == timedelta(0)


def test_findings_come_back_equal_and_in_row_order(store: RunStore) -> None:
    originals = sample_findings()
    run_id = store.begin_run(meta())
    store.add_findings(run_id, [originals[3], originals[1]])  # any order, several calls
    store.add_findings(run_id, iter([originals[2], originals[0]]))
    store.finish_run(run_id, {})

    stored = list(store.findings(run_id))
    assert stored == originals
    # Column order is the user's: JSON keeps it (JSONB would not).
    assert [list(f.record) for f in stored] == [list(f.record) for f in originals]


def test_findings_are_paged_across_equal_rows(
    store: RunStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runs, "BATCH_LINES", 3)
    monkeypatch.setattr(reading, "BATCHES_PER_PAGE", 2)
    # Rows repeat (as if two files both started at row 0), across batch and page boundaries.
    originals = [
        finding(row, {"id": f"{name}-{row}"}, file=name) for row in range(5) for name in "ab"
    ]
    run_id = store.begin_run(meta())
    store.add_findings(run_id, originals)
    store.finish_run(run_id, {"clear": 10})

    assert list(store.findings(run_id)) == originals
    assert store.get_run(run_id).record_count == 10


def test_record_keys_of_findings_not_clear_are_stored(store: RunStore, db_url: str) -> None:
    run_id = store.begin_run(meta())
    store.add_findings(run_id, sample_findings())
    keys = {record_key(f.record, f.row) for f in sample_findings() if f.verdict != "clear"}
    engine = create_engine(db_url)
    with engine.connect() as conn:
        stored = set(conn.execute(text("SELECT record_key FROM flagged_findings")).scalars())
    engine.dispose()
    assert stored == keys
    assert "asset_id=A-100" in stored


def test_an_unfinished_run_is_invisible(store: RunStore) -> None:
    run_id = store.begin_run(meta())
    store.add_findings(run_id, sample_findings())

    assert store.list_runs() == []
    with pytest.raises(NotFoundError):
        store.get_run(run_id)
    with pytest.raises(NotFoundError):
        store.findings(run_id)


def test_abort_deletes_the_run_and_its_findings(store: RunStore, db_url: str) -> None:
    kept = store.begin_run(meta())
    store.add_findings(kept, sample_findings()[:1])
    store.finish_run(kept, {"prohibited": 1})
    dropped = store.begin_run(meta())
    store.add_findings(dropped, sample_findings())

    store.abort_run(dropped)
    store.abort_run(dropped)  # nothing left: no error

    assert [run.id for run in store.list_runs()] == [kept]
    assert count(db_url, SAVED) == 1
    assert count(db_url, "SELECT count(*) FROM flagged_findings") == 1
    with pytest.raises(NotFoundError):
        store.add_findings(dropped, sample_findings())


@pytest.mark.parametrize("action", ["add", "finish"])
def test_a_complete_run_cannot_change(store: RunStore, action: str) -> None:
    run_id = store.begin_run(meta())
    store.finish_run(run_id, {})
    with pytest.raises(StoreError, match="complete, not running"):
        if action == "add":
            store.add_findings(run_id, sample_findings())
        else:
            store.finish_run(run_id, {})
    assert store.get_run(run_id).record_count == 0


def test_finishing_an_unknown_run_is_not_found(store: RunStore) -> None:
    with pytest.raises(NotFoundError):
        store.finish_run("20261127T101500-0000", {})


@pytest.fixture
def two_runs(db_url: str) -> Iterator[tuple[RunStore, list[str]]]:
    clock = Clock()
    with RunStore(db_url, clock=clock) as store:
        ids = []
        for _ in range(2):
            run_id = store.begin_run(meta())
            store.finish_run(run_id, {})
            ids.append(run_id)
            clock.advance(timedelta(minutes=1))
        yield store, ids


def test_runs_are_listed_newest_first(two_runs: tuple[RunStore, list[str]]) -> None:
    store, (first, second) = two_runs
    assert [run.id for run in store.list_runs()] == [second, first]
    assert [run.id for run in store.list_runs(limit=1)] == [second]
    assert first < second  # ids sort by start time too


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("20261127T1015", 0),  # unique prefix of the first run
        ("20261127T1016", 1),  # unique prefix of the second run
    ],
)
def test_a_run_is_found_by_unique_prefix(
    two_runs: tuple[RunStore, list[str]], prefix: str, expected: int
) -> None:
    store, ids = two_runs
    assert store.get_run(prefix).id == ids[expected]
    assert store.get_run(ids[expected]).id == ids[expected]


@pytest.mark.parametrize(
    ("prefix", "error"),
    [
        ("20261127T10", UsageError),  # both runs
        ("2025", NotFoundError),
        ("", NotFoundError),
        ("%", NotFoundError),  # LIKE wildcards are taken literally
        ("20261127T1015__", NotFoundError),
    ],
)
def test_a_bad_prefix_names_the_problem(
    two_runs: tuple[RunStore, list[str]], prefix: str, error: type[Exception]
) -> None:
    store, _ = two_runs
    with pytest.raises(error):
        store.get_run(prefix)


def test_sweep_removes_only_runs_idle_for_an_hour(db_url: str) -> None:
    clock = Clock()
    with RunStore(db_url, clock=clock) as writer:
        stale = writer.begin_run(meta())
        writer.add_findings(stale, sample_findings())
        busy = writer.begin_run(meta())
        done = writer.begin_run(meta())
        writer.finish_run(done, {})

        clock.advance(timedelta(minutes=40))
        writer.add_findings(busy, sample_findings())  # a write keeps a long run alive
        clock.advance(timedelta(minutes=30))

        with RunStore(db_url, clock=clock) as other:  # opening sweeps
            assert [run.id for run in other.list_runs()] == [done]
            assert other.sweep() == 0

        with pytest.raises(NotFoundError):
            writer.add_findings(stale, sample_findings())
        writer.add_findings(busy, sample_findings())
        writer.finish_run(busy, {})
        assert writer.get_run(busy).record_count == 8
    assert count(db_url, SAVED) == 8


def test_opening_twice_keeps_the_runs(db_url: str) -> None:
    with RunStore(db_url) as first:
        run_id = first.begin_run(meta())
        first.add_findings(run_id, sample_findings())
        first.finish_run(run_id, {})
    with RunStore(db_url) as second:
        assert list(second.findings(run_id)) == sample_findings()


def test_an_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="opening the run store failed"):
        RunStore("postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2")


def test_a_malformed_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        RunStore("not a url")


def test_concurrent_writers_each_get_their_whole_run(db_url: str) -> None:
    def write(store: RunStore, worker: int) -> list[str]:
        ids = []
        for n in range(5):
            run_id = store.begin_run(meta(input_files=[f"w{worker}-{n}.csv"]))
            for row in range(0, 30, 10):
                store.add_findings(run_id, [asset(r, f"A-{r}") for r in range(row, row + 10)])
            store.finish_run(run_id, {"clear": 30})
            ids.append(run_id)
        return ids

    stores = [RunStore(db_url) for _ in range(4)]
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            written = [i for ids in pool.map(write, stores, range(4)) for i in ids]
        listed = stores[0].list_runs(limit=100)
    finally:
        for store in stores:
            store.close()
    assert sorted(run.id for run in listed) == sorted(written)
    assert {run.record_count for run in listed} == {30}
