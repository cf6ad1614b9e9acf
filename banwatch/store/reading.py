"""Reading a complete run's findings back, from either layout, a page at a time.

Invariants:

- Each page is read in its own short transaction: a long reader never holds
  a snapshot or a lock while the caller works on what it got.
- Runs saved since revision 0004 come from `finding_batches` (their lines
  exactly as written); runs saved before, from their `findings` rows, as
  `Finding.model_dump_json()` of what those rows hold. Both by row, then in
  the order they were added.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine, and_, exists, or_, select
from sqlalchemy.orm import Session

from banwatch.store.batches import StoredBatch, in_row_order
from banwatch.store.rows import finding_from_row
from banwatch.store.tables import FindingBatch, FindingRow

BATCH_SIZE = 1000  # old-layout rows per query
BATCHES_PER_PAGE = 4  # compressed batches per query (a few thousand lines each)


def run_lines(engine: Engine, run_id: str) -> Iterator[str]:
    """The JSON line of every finding of `run_id`, by row, in whichever layout it was saved."""
    with Session(engine) as session:
        legacy = session.scalar(select(exists().where(FindingRow.run_id == run_id)))
    if legacy:
        return (finding_from_row(row).model_dump_json() for row in _legacy_rows(engine, run_id))
    return in_row_order(_batches(engine, run_id))


def _batches(engine: Engine, run_id: str) -> Iterator[StoredBatch]:
    """The run's batches by (first row, id), a few per query (keyset paging)."""
    columns = (
        FindingBatch.id,
        FindingBatch.first_row,
        FindingBatch.last_row,
        FindingBatch.codec,
        FindingBatch.lines,
    )
    after: tuple[int, int] | None = None
    while True:
        query = select(*columns).where(FindingBatch.run_id == run_id)
        if after is not None:
            first, id_ = after
            query = query.where(
                FindingBatch.first_row >= first,
                or_(
                    FindingBatch.first_row > first,
                    and_(FindingBatch.first_row == first, FindingBatch.id > id_),
                ),
            )
        query = query.order_by(FindingBatch.first_row, FindingBatch.id).limit(BATCHES_PER_PAGE)
        with engine.connect() as conn:
            page = [StoredBatch(*row) for row in conn.execute(query)]
        yield from page
        if len(page) < BATCHES_PER_PAGE:
            return
        after = (page[-1].first_row, page[-1].id)


def _legacy_rows(engine: Engine, run_id: str) -> Iterator[FindingRow]:
    """A run's old-layout `findings` rows by (row, id), `BATCH_SIZE` per query."""
    after: tuple[int, int] | None = None
    while True:
        query = select(FindingRow).where(FindingRow.run_id == run_id)
        if after is not None:
            # Keyset paging on (row, id): the index on (run_id, row) serves it.
            row, id_ = after
            query = query.where(
                FindingRow.row >= row,
                or_(FindingRow.row > row, and_(FindingRow.row == row, FindingRow.id > id_)),
            )
        query = query.order_by(FindingRow.row, FindingRow.id).limit(BATCH_SIZE)
        with Session(engine) as session:
            page = list(session.scalars(query))
        yield from page
        if len(page) < BATCH_SIZE:
            return
        after = (page[-1].row, page[-1].id)
