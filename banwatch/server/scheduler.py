"""The server's scheduled work: checking the watched inventories, pulling registry releases.

`banwatch serve --watch-every 1h` checks every watched inventory on that
period, exactly as `banwatch watch check` does (`monitoring.checking`), and
delivers their webhooks from this thread, never from a request.
`--pull-every 6h` pulls the newest release from `BANWATCH_REGISTRY_URL`, as
`banwatch registry pull` does; when it switched to a newer one, the server
loads the new index (`Loaded.reload`: requests go on being answered from the
old one meanwhile) and checks the watched inventories again at once.

Invariants:

- One thread, started with the app and stopped with it; the first round
  runs once the index is loaded, then every period. A failing round (a
  webhook down, an unreachable release) is logged and remembered
  (`GET /watches` says it), and the next round runs as planned.
- With `--workers N`, only the worker holding an exclusive lock on the file
  `<BANWATCH_HOME>/scheduler.lock` runs the checks and pulls; the others try
  to take it every period, so one takes over if the holder stops. The lock
  (`flock`) covers the workers of one machine: servers on several machines
  sharing one PostgreSQL database should give the periods to one of them.
- Every worker follows the release pointer, whichever pulled it (`follow`:
  within a second); when the release in use changed since the last round,
  the holder of the lock checks the watched inventories again at once.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from banwatch.monitoring.checking import check_every_watch, send_webhooks
from banwatch.releases.commands import audit_pull
from banwatch.releases.pull import pull
from banwatch.releases.signing import trusted_keys

from .state import Loaded

LOCK_FILE = "scheduler.lock"
ACTOR = "server schedule"  # who the audit log says checked, pulled or delivered on schedule

log = logging.getLogger("banwatch.scheduler")


@dataclass
class Round:
    """When a kind of scheduled work last ran, and how it ended."""

    at: str | None = None  # UTC, ISO 8601
    outcome: str | None = None


class Scheduler:
    """Runs the watch checks and the release pulls of `loaded`'s settings in a thread."""

    def __init__(self, loaded: Loaded, today: Callable[[], date] = date.today) -> None:
        self.loaded = loaded
        self.today = today  # "today" is read here, at the edge
        self.watch = Round()
        self.pull = Round()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock: IO[bytes] | None = None
        self._release: Path | None = None  # the registry folder in use at the last look

    @property
    def periods(self) -> tuple[float | None, float | None]:
        """(watch, pull) periods in seconds, None for work not asked for."""
        s = self.loaded.settings
        return s.watch_every, s.pull_every

    @property
    def holds_lock(self) -> bool:
        """Whether this worker runs the scheduled work."""
        return self._lock is not None

    def start(self) -> None:
        """Start the thread, if any work is scheduled."""
        if self.periods == (None, None):
            return
        self._thread = threading.Thread(target=self._run, name="banwatch-schedule", daemon=True)
        self._thread.start()

    def stop(self, patience: float = 30.0) -> None:
        """Stop the thread (a round under way is finished first, within `patience`)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=patience)
        self._release_lock()

    def describe(self) -> dict[str, Any]:
        """The schedule as `GET /watches` shows it."""
        from banwatch.durations import describe

        watch, pull_ = self.periods
        return {
            "watch_every": describe(watch) if watch else None,
            "pull_every": describe(pull_) if pull_ else None,
            "runs_here": self.holds_lock,
            "last_check": vars(self.watch),
            "last_pull": vars(self.pull),
        }

    # -- the loop ----------------------------------------------------------

    def _run(self) -> None:
        while not self.loaded.ready.wait(0.2):
            if self._stop.is_set() or self.loaded.failure is not None:
                return
        watch_every, pull_every = self.periods
        tick = min(p for p in (watch_every, pull_every) if p is not None)
        due_watch = due_pull = time.monotonic()
        while not self._stop.is_set():
            now = time.monotonic()
            # A release another worker (or `banwatch registry pull`) switched to.
            followed = pull_every is not None and self._follow_pointer()
            if self._take_lock():
                recheck = followed
                if pull_every is not None and now >= due_pull:
                    recheck = self._pull_round()  # a newer release: check the watches again
                    due_pull = now + pull_every
                if recheck or (watch_every is not None and now >= due_watch):
                    self._watch_round()
                    due_watch = now + (watch_every or tick)
            else:
                due_watch, due_pull = now + tick, now + tick  # try for the lock next tick
            nearest = min(d for d, p in ((due_watch, watch_every), (due_pull, pull_every)) if p)
            self._stop.wait(max(nearest - time.monotonic(), 0.05))

    def _watch_round(self) -> None:
        """Check every watch today, keep each check, send the webhooks of those that changed."""
        loaded = self.loaded
        try:
            matcher, settings = loaded.matcher(), loaded.settings
            checks = loaded.watch_checks()
            audited = (loaded.audit(), ACTOR)
            done = check_every_watch(
                matcher, loaded.store(), checks, self.today(), audited, loaded.saving
            )
            send_webhooks(done, settings.webhook_secret, checks, loaded.audit(), ACTOR)
            failed = [c.watch.name for c in done if c.report.error]
            outcome = f"checked {len(done)} watches" + (
                f"; not checked: {', '.join(failed)}" if failed else ""
            )
        except Exception as exc:  # a round's failure must not end the schedule
            outcome = f"failed: {type(exc).__name__}: {exc}"
            log.warning("scheduled watch check %s", outcome)
        self.watch = Round(_now(), outcome)

    def _pull_round(self) -> bool:
        """Pull the newest release; True when the server now screens against a newer one."""
        from banwatch.loading import compiled_matcher

        settings = self.loaded.settings
        if not settings.registry_url:
            self.pull = Round(_now(), "not pulled: BANWATCH_REGISTRY_URL is not set")
            return False
        try:
            keys = trusted_keys(settings.trusted_keys, ())
            done = pull(settings, settings.registry_url, keys, datetime.now(UTC), compiled_matcher)
            audit_pull(settings, done, settings.registry_url, ACTOR)
            switched = self._follow_pointer()
            outcome = f"now using release {done.version}" if done.changed else "no newer release"
        except Exception as exc:  # a failed pull changes nothing; the next one tries again
            outcome, switched = f"failed: {type(exc).__name__}: {exc}", False
            log.warning("scheduled registry pull %s", outcome)
        self.pull = Round(_now(), outcome)
        return switched

    def _follow_pointer(self) -> bool:
        """Whether the release in use is another than at the last look, loading the one the
        pointer names first if the follower (`follow.Follower`) has not yet."""
        self.loaded.follow()
        now = self.loaded.settings.registry_dir.resolve()
        moved = self._release is not None and now != self._release
        self._release = now
        return moved

    # -- the lock ------------------------------------------------------------

    def _take_lock(self) -> bool:
        if self._lock is not None:
            return True
        home = self.loaded.settings.home
        home.mkdir(parents=True, exist_ok=True)
        handle = (home / LOCK_FILE).open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False  # another worker runs the schedule
        self._lock = handle
        return True

    def _release_lock(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
