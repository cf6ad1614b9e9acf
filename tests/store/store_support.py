"""Helpers for the store tests: real Finding builders, a test clock, backends.

Imported by the tests and by `store_killed_writer.py` (a separate process), so
it depends on nothing but banwatch and pytest.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import NoReturn

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from banwatch.model.findings import EventNote, Feature, Finding, Match, MeasureHit
from banwatch.model.vocabulary import Status, Verdict
from banwatch.store import RunMeta, RunProfile, record_key

# The server CI and sessions start beforehand; `make test` runs the suite through
# tests/pg_cluster.py, which sets BANWATCH_TEST_POSTGRES_URL to a throwaway
# cluster when none is configured and this one does not answer.
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_URL = os.environ.get("BANWATCH_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
HIKVISION_BAN = "ca-federal-hikvision-procurement-use-ban-2025"
HIKVISION_ORDER = "ca-ica-hikvision-canada-2025"
SOURCE = "https://www.canada.ca/en/innovation-science-economic-development/news/2025/06/"


def hit(
    measure_id: str = HIKVISION_BAN,
    *,
    status: Status = "in_force",
    binds: bool = True,
    verdict: Verdict = "prohibited",
    target: str = "hikvision",
) -> MeasureHit:
    """A measure reaching a matched entity."""
    return MeasureHit(
        measure_id=measure_id,
        title=measure_id.replace("-", " "),
        jurisdiction="CA",
        status=status,
        since="2025-06-27",
        binds=binds,
        verdict=verdict,
        reason=f"{measure_id} is {status} and {'binds' if binds else 'does not bind'} you",
        target=target,
        via=[target],
        sources=[SOURCE],
        because=[EventNote(date="2025-06-27", type="made", summary="Order made", source=SOURCE)],
    )


def match(entity_id: str = "hikvision", *measures: MeasureHit, score: float = 0.98) -> Match:
    """A match of a record to an entity, with the measures that reach it."""
    return Match(
        entity_id=entity_id,
        entity_name=entity_id.title(),
        score=score,
        matched_on="name",
        matched_value=entity_id.upper(),
        via=[entity_id],
        path=entity_id.title(),
        confidence="high",
        features=[
            Feature(
                feature="name_exact",
                value=entity_id.upper(),
                column="Supplier",
                score=score,
                explanation="The supplier name is one of the entity's names.",
            )
        ],
        measures=list(measures),
    )


def finding(
    row: int,
    record: Mapping[str, str],
    verdict: Verdict = "clear",
    *matches: Match,
    warnings: tuple[str, ...] = (),
    file: str | None = None,
) -> Finding:
    """A finding about one record."""
    return Finding(
        row=row,
        record=dict(record),
        verdict=verdict,
        matches=list(matches),
        warnings=list(warnings),
        file=file,
    )


def asset(row: int, asset_id: str, verdict: Verdict = "clear", *matches: Match) -> Finding:
    """A finding about an inventory line keyed by `Asset ID`."""
    record = {"Asset ID": asset_id, "Supplier": "Hikvision", "Model": "DS-2CD2143G2-I"}
    return finding(row, record, verdict, *matches)


def meta(**changes: object) -> RunMeta:
    """Run metadata as the CLI would record it."""
    values: dict[str, object] = {
        "input_files": ["inventory.csv"],
        "input_digest": "0" * 64,
        "as_of": date(2025, 7, 1),
        "profile": RunProfile(jurisdictions=["CA"], sector="government", acts=["buy", "use"]),
        "registry_version": "2025-07-01+3f9a",
        "matcher_version": "names-v1",
    }
    values.update(changes)
    return RunMeta.model_validate(values)


class Clock:
    """A clock the test moves: each reading advances it by `step`."""

    def __init__(self, start: datetime | None = None, step: timedelta = timedelta(seconds=1)):
        self.now = start or datetime(2026, 11, 27, 10, 15, tzinfo=UTC)
        self.step = step

    def __call__(self) -> datetime:
        now = self.now
        self.now += self.step
        return now

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by `delta`."""
        self.now += delta


def unavailable(reason: str, env: Mapping[str, str]) -> NoReturn:
    """Skip a PostgreSQL case, or fail it when CI is set (CI must test both backends)."""
    if env.get("CI"):
        pytest.fail(f"{reason}; CI is set, so the PostgreSQL cases must run")
    pytest.skip(f"{reason} (`make test` starts a throwaway cluster when none answers)")


@contextmanager
def postgres_schema(base_url: str = POSTGRES_URL) -> Iterator[str]:
    """A fresh schema for one test, dropped afterwards; yields a URL whose search_path is it."""
    admin = create_engine(base_url, poolclass=NullPool, connect_args={"connect_timeout": 3})
    schema = f"banwatch_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        unavailable(f"PostgreSQL at {base_url} is unreachable: {exc.orig}", os.environ)
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def legacy_values(run_id: str, finding: Finding) -> dict[str, object]:
    """The `findings` row the store wrote for a finding before revision 0004 (a frozen copy)."""
    dumped = finding.model_dump(mode="json")
    return {
        "run_id": run_id,
        "row": finding.row,
        "record_key": record_key(finding.record, finding.row),
        "verdict": finding.verdict,
        "record": dumped["record"],
        "matches": dumped["matches"],
        "warnings": dumped["warnings"],
        "file": finding.file,
        "nearest": dumped["nearest"],
    }
