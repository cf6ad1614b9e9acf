"""Runs saved under revision 0003 (one `findings` row per finding) still read after 0004."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, update

from banwatch.model.findings import Finding
from banwatch.store import RunStore, diff_runs
from banwatch.store.engine import open_engine
from banwatch.store.migrations import current_revision, head_revision, upgrade
from banwatch.store.rows import run_values
from banwatch.store.tables import COMPLETE, FindingRow, Run

from .store_support import HIKVISION_ORDER, asset, finding, hit, legacy_values, match, meta

OLD_RUN = "20261201T090000-0a0a"


def old_findings() -> list[Finding]:
    hik = match("hikvision", hit(), hit(HIKVISION_ORDER, binds=False, verdict="review"))
    return [
        asset(0, "A-100", "prohibited", hik),
        finding(
            1, {"Supplier": "杭州海康威视数字技术股份有限公司", "Serial": "S1"}, "prohibited", hik
        ),
        asset(2, "A-102"),
        *[asset(row, f"A-{row}") for row in range(3, 2500)],  # several pages
    ]


def save_under_0003(url: str, findings: list[Finding]) -> None:
    """A complete run written as banwatch wrote it at revision 0003."""
    engine = open_engine(url)
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    with engine.begin() as conn:
        upgrade(conn, "0003")
        conn.execute(insert(Run), [{"id": OLD_RUN, **run_values(meta(), now)}])
        conn.execute(insert(FindingRow), [legacy_values(OLD_RUN, f) for f in findings])
        conn.execute(
            update(Run)
            .where(Run.id == OLD_RUN)
            .values(status=COMPLETE, finished_at=now, record_count=len(findings))
        )
        assert current_revision(conn) == "0003"
    engine.dispose()


def test_an_old_layout_run_still_reads_and_diffs(db_url: str) -> None:
    originals = old_findings()
    save_under_0003(db_url, originals)
    with RunStore(db_url) as store:  # migrates to the newest revision
        [old] = store.list_runs()
        assert (old.id, old.record_count) == (OLD_RUN, len(originals))
        assert list(store.findings(OLD_RUN)) == originals
        assert list(store.lines(OLD_RUN)) == [f.model_dump_json() for f in originals]

        newer = [*originals[:2], asset(2, "A-102", "review", match("ezviz")), *originals[3:]]
        new = store.begin_run(meta())
        store.add_findings(new, newer)
        store.finish_run(new, {})
        [change] = diff_runs(store.findings(OLD_RUN), store.findings(new))
    assert (change.key, change.verdict_a, change.verdict_b) == ("asset_id=A-102", "clear", "review")
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    engine.dispose()
