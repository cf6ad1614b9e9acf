"""The run store: screening runs and their findings, in SQLite or PostgreSQL.

One interface, two backends, one test suite. Open with
`RunStore(database_url(os.environ))`; save findings as their JSON lines
(`RunStore.add_lines`); compare two runs with `diff_runs`.
"""

from banwatch.store.batches import FindingLine, SavedLine
from banwatch.store.diff import Change, MeasureChange, diff_runs
from banwatch.store.digest import input_digest
from banwatch.store.keys import record_key
from banwatch.store.meta import InputColumns, RunMeta, RunProfile, RunSummary
from banwatch.store.runs import RunStore
from banwatch.store.saver import RunSaver
from banwatch.store.settings import database_url
from banwatch.store.watches import WatchSpec, WatchState

__all__ = [
    "Change",
    "FindingLine",
    "InputColumns",
    "MeasureChange",
    "RunMeta",
    "RunProfile",
    "RunSaver",
    "RunStore",
    "RunSummary",
    "SavedLine",
    "WatchSpec",
    "WatchState",
    "database_url",
    "diff_runs",
    "input_digest",
    "record_key",
]
