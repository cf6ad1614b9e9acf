"""Saving a run's findings as they are screened, a batch at a time.

Invariant: nothing is held back silently: `flush` hands every line added so
far to the store (one transaction per batch), and the run is finished only
after it (`RunStore.finish_run` counts the saved lines).
"""

from __future__ import annotations

from banwatch.store import runs
from banwatch.store.batches import SavedLine
from banwatch.store.runs import RunStore


class RunSaver:
    """Collects the JSON lines of a running run and hands them to the store `every` at a time.

    By default `every` is the store's batch size: each save is one batch in
    one transaction.
    """

    def __init__(self, store: RunStore, run_id: str, every: int | None = None) -> None:
        self.store = store
        self.run_id = run_id
        self.every = every or runs.BATCH_LINES
        self._pending: list[SavedLine] = []

    def add(self, line: SavedLine) -> None:
        """Keep one finding's line (a `Screened`, or a `FindingLine`); save when enough wait."""
        pending = self._pending
        pending.append(line)
        if len(pending) >= self.every:
            self.flush()

    def flush(self) -> None:
        """Save every line kept so far."""
        if self._pending:
            self.store.add_lines(self.run_id, self._pending)
            self._pending = []
