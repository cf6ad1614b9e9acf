"""What the server screens against, loaded once in the background while it starts.

Loading the registry and the compiled index takes seconds, so the server
answers `/healthz` at once and `/readyz` with 503 until `Loaded.ready` is
set; a route that needs the matcher before then gets `NotReadyError` (503).
The matcher and registry are immutable values shared by every request; a
pull of a newer registry release or an import replaces them whole (`reload`;
every process notices another's within a second, `follow`): a request that
already holds the old matcher finishes on it, and `/readyz` stays ready. The run store is one
object whose engine pools its connections, and saving runs is serialised by
a lock (SQLite has one writer anyway).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from banwatch.matching.matcher import Matcher
from banwatch.model.registry import Registry
from banwatch.settings import Settings
from banwatch.store import RunStore
from banwatch.store.alerts import AlertStore
from banwatch.store.api_keys import KeyStore
from banwatch.store.audit import AuditLog
from banwatch.store.watch_checks import WatchChecks

from .errors import NotReadyError
from .follow import Generation, generation, wanted
from .key_cache import CachedKeyStore
from .screenings import Screenings

Load = Callable[[Settings], Matcher]

log = logging.getLogger("banwatch.follow")


def settle(*, first: bool) -> None:
    """Collect the garbage of loading an index, then leave everything alive to the garbage
    collector's permanent generation (`gc.freeze`).

    The index is half a million objects that live as long as it is in use: without this, a
    full collection now and then walks them all (0.2-0.4 s with the bundled registry, a pause
    every request in flight waits through). Frozen objects are still freed when nothing
    refers to them; only cycles among them wait, so after a reload (`first` False) the
    frozen objects are thawed and collected once, and what the old index leaves unreachable
    goes (whatever a request still held then waits for the next reload).
    """
    if not first:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


@dataclass
class Loaded:
    """The server's shared state: settings, then the matcher and store once loaded."""

    settings: Settings
    ready: threading.Event = field(default_factory=threading.Event)
    failure: str | None = None  # why loading failed, if it did
    saving: threading.Lock = field(default_factory=threading.Lock)
    screenings: Screenings = field(default_factory=Screenings)  # on the event loop only
    freeze: bool = False  # `settle` the heap once an index is in place (`banwatch serve`)
    _matcher: Matcher | None = None
    _store: RunStore | None = None
    _keys: KeyStore | None = None
    _alerts: AlertStore | None = None
    _audit: AuditLog | None = None
    _checks: WatchChecks | None = None
    _load: Load | None = None
    _generation: Generation | None = None  # what the matcher in use was compiled from
    _refused: Generation | None = None  # what failed to load last, not tried again
    _reloading: threading.Lock = field(default_factory=threading.Lock)

    def load(self, load: Load) -> None:
        """Load the matcher and open the store; on failure, remember why (readyz says it)."""
        self._load = load
        try:
            self._store = RunStore(self.settings.database_url)
            self._keys = CachedKeyStore(self.settings.database_url)  # keys in use kept 5 s
            self._alerts = AlertStore(self.settings.database_url)
            self._audit = AuditLog(self.settings.database_url)
            self._checks = WatchChecks(self.settings.database_url)
            self._generation = generation(self.settings)  # read first: a change while loading
            self._matcher = load(self.settings)  # is then seen by `follow`
            if self.freeze:
                settle(first=True)
        except Exception as exc:  # any failure must reach /readyz, not kill a thread silently
            self.failure = f"{type(exc).__name__}: {exc}"
            return
        self.ready.set()

    def start(self, load: Load) -> threading.Thread:
        """Load in a daemon thread, so the server answers while it loads."""
        thread = threading.Thread(target=self.load, args=(load,), name="banwatch-load", daemon=True)
        thread.start()
        return thread

    def reload(self, settings: Settings) -> Matcher:
        """Load the matcher for `settings` (another registry folder) and serve it from now on;
        until it is loaded, requests are answered with the one before. Raises what loading
        raises, leaving the old one in use."""
        if self._load is None:
            raise NotReadyError("the server has not loaded its first index yet")
        with self._reloading:
            return self._reload(self._load, settings, generation(settings))

    def _reload(self, load: Load, settings: Settings, now: Generation) -> Matcher:
        matcher = load(settings)
        self._matcher, self.settings = matcher, settings  # each reference swap is atomic
        self._generation, self._refused = now, None
        if self.freeze:
            settle(first=False)
        return matcher

    def follow(self) -> bool:
        """Load the index anew if the home now names another release or other imported
        sources than those it was compiled from (`follow`); True when it did. A generation
        that failed to load is logged and not tried again until it changes."""
        load = self._load
        if load is None or not self.ready.is_set():
            return False
        settings = wanted(self.settings)
        now = generation(settings)
        if now in (self._generation, self._refused):
            return False
        with self._reloading:  # one load at a time; another may have loaded it meanwhile
            if now == self._generation:
                return False
            try:
                self._reload(load, settings, now)
            except Exception as exc:  # the old index stays in use
                self._refused = now
                log.warning("loading %s with its sources failed: %s", settings.registry_dir, exc)
                return False
        return True

    def matcher(self) -> Matcher:
        """The compiled matcher; NotReadyError while it loads or when loading failed."""
        if self._matcher is None:
            raise NotReadyError(self.failure or "the index is still loading; try again shortly")
        return self._matcher

    def registry(self) -> Registry:
        """The registry the matcher was compiled from."""
        return self.matcher().registry

    def store(self) -> RunStore:
        """The run store; NotReadyError until it is open."""
        if self._store is None:
            raise NotReadyError(self.failure or "the run store is still opening; try again shortly")
        return self._store

    def keys(self) -> KeyStore:
        """The API keys; NotReadyError until the store is open."""
        if self._keys is None:
            raise NotReadyError(self.failure or "the run store is still opening; try again shortly")
        return self._keys

    def alerts(self) -> AlertStore:
        """The alerts; NotReadyError until the store is open."""
        if self._alerts is None:
            raise NotReadyError(self.failure or "the run store is still opening; try again shortly")
        return self._alerts

    def audit(self) -> AuditLog:
        """The audit log; NotReadyError until the store is open."""
        if self._audit is None:
            raise NotReadyError(self.failure or "the run store is still opening; try again shortly")
        return self._audit

    def watch_checks(self) -> WatchChecks:
        """The kept checks of watched inventories; NotReadyError until the store is open."""
        if self._checks is None:
            raise NotReadyError(self.failure or "the run store is still opening; try again shortly")
        return self._checks

    def close(self) -> None:
        """Close the stores' pooled connections."""
        for store in (self._store, self._keys, self._alerts, self._audit, self._checks):
            if store is not None:
                store.close()
