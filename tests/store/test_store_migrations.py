"""Migrations: an empty database gets the tables; opening again changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from banwatch.errors import StoreError
from banwatch.store import RunStore
from banwatch.store.engine import open_engine
from banwatch.store.migrations import current_revision, downgrade, head_revision, upgrade
from banwatch.store.tables import Base

from .store_support import meta

TABLES = {
    "alembic_version",
    "runs",
    "findings",
    "finding_batches",
    "flagged_findings",
    "watches",
    "api_keys",
    "alerts",
    "decisions",
    "dismissals",
    "audit_log",
    "jobs",
    "watch_checks",
}


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on the test database, for looking behind the store's back."""
    created = open_engine(db_url)
    yield created
    created.dispose()


def test_upgrade_head_on_an_empty_database_creates_the_tables(engine: Engine) -> None:
    assert set(inspect(engine).get_table_names()) == set()
    with engine.begin() as conn:
        upgrade(conn)
    found = inspect(engine)
    assert set(found.get_table_names()) == TABLES
    assert {ix["name"] for ix in found.get_indexes("findings")} == {"ix_findings_run_id_row"}
    assert [ix["column_names"] for ix in found.get_indexes("findings")] == [["run_id", "row"]]
    [fk] = found.get_foreign_keys("findings")
    assert (fk["referred_table"], fk["options"].get("ondelete")) == ("runs", "CASCADE")
    assert {ix["name"]: ix["column_names"] for ix in found.get_indexes("flagged_findings")} == {
        "ix_flagged_findings_run_id_row": ["run_id", "row"],
        "ix_flagged_findings_record_key": ["record_key"],
    }
    [batch_index] = found.get_indexes("finding_batches")
    assert batch_index["column_names"] == ["run_id", "first_row"]
    for table in ("finding_batches", "flagged_findings"):
        for fk in found.get_foreign_keys(table):
            assert fk["options"].get("ondelete") == "CASCADE"
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision() == "0011"


def test_the_tables_module_matches_the_migrations(engine: Engine) -> None:
    with engine.begin() as conn:
        upgrade(conn)
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_downgrade_to_base_removes_everything_but_the_version_table(engine: Engine) -> None:
    with engine.begin() as conn:
        upgrade(conn)
        downgrade(conn, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}


def test_opening_twice_is_idempotent(db_url: str, engine: Engine) -> None:
    with RunStore(db_url) as first:
        run_id = first.begin_run(meta())
        first.finish_run(run_id, {})
    with RunStore(db_url) as second:
        assert [run.id for run in second.list_runs()] == [run_id]
    assert set(inspect(engine).get_table_names()) == TABLES
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
        assert list(versions) == [head_revision()]


def test_a_database_from_a_newer_banwatch_is_refused(db_url: str, engine: Engine) -> None:
    RunStore(db_url).close()
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer banwatch"):
        RunStore(db_url)


def test_postgres_tables_and_version_table_live_in_the_test_schema(postgres_url: str) -> None:
    RunStore(postgres_url).close()
    engine = open_engine(postgres_url)
    with engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        placed = conn.execute(
            text(
                "SELECT table_schema, table_name FROM information_schema.tables "
                "WHERE table_schema = :schema"
            ),
            {"schema": schema},
        ).all()
    engine.dispose()
    assert schema.startswith("banwatch_test_")
    assert {name for _, name in placed} == TABLES


def test_opening_a_fresh_database_from_several_threads_at_once(db_url: str) -> None:
    def open_and_count(_: int) -> int:
        with RunStore(db_url) as store:
            return len(store.list_runs())

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(open_and_count, range(6))) == [0] * 6
