"""Every server process follows what its home names: imported sources and the release in use.

What a server screens against is files in `BANWATCH_HOME`: the registry
release the pointer names (`releases.state`) and the imported sources'
manifest (`registry.sources`). `POST /imports`, a pull on schedule, and the
CLI's `banwatch import`, `banwatch registry pull|rollback` change them from
one process; every other worker of `banwatch serve --workers N`, and every
other server on the same home, must notice.

Invariants:
- A process's `generation` is the registry folder and the sources' (name,
  version) labels, read from those two small files: no database, no registry
  file read. `Follower` reads it every `FOLLOW_SECONDS` on a thread of its
  own, never on a request, and when it differs from what is loaded, loads
  the index anew (`Loaded.follow`); requests are answered from the index
  loaded before until the new one is in place, so `/readyz` stays 200.
- A generation that failed to load is not tried again until it changes:
  loading takes seconds and the old index keeps serving meanwhile.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from banwatch.registry.loader import default_registry_dir
from banwatch.registry.sources import SourceStore
from banwatch.releases.state import RELEASES, active_release_dir
from banwatch.settings import Settings

FOLLOW_SECONDS = 1.0
"""How often each server process reads what its home names."""

Generation = tuple[Path, tuple[tuple[str, str], ...]]
"""The registry folder, and the (name, version label) of every imported source."""

log = logging.getLogger("banwatch.follow")


def registry_in_use(settings: Settings) -> Path | None:
    """The folder the settings' registry should now be: the release the pointer names (or the
    bundled registry after a rollback past every release); None when the settings name a
    folder of their own (`BANWATCH_REGISTRY`), which pulls do not change."""
    folder, bundled = _resolved(settings.registry_dir), _resolved(default_registry_dir())
    if folder != bundled and folder.parent != _resolved(settings.home / RELEASES):
        return None
    return _resolved(active_release_dir(settings.home) or bundled)


def wanted(settings: Settings) -> Settings:
    """`settings` with the registry folder the home now names."""
    folder = registry_in_use(settings)
    if folder is None or folder == _resolved(settings.registry_dir):
        return settings
    return replace(settings, registry_dir=folder)


def generation(settings: Settings) -> Generation:
    """What the index of `settings` is compiled from, as cheaply as it can be told."""
    sources = tuple((s.name, s.label) for s in SourceStore(settings.home).sources())
    return _resolved(settings.registry_dir), sources


@functools.lru_cache(maxsize=256)
def _resolved(folder: Path) -> Path:
    # Kept: resolving walks every part of the path (most of a look's cost), and the folders
    # asked about (the bundled registry, the home's releases, each release) do not move.
    return folder.resolve()


class Follower:
    """A thread that has its process load what the home names whenever that changes."""

    def __init__(self, follow: Callable[[], bool], seconds: float = FOLLOW_SECONDS) -> None:
        self._follow = follow
        self._seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="banwatch-follow", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5.0)  # a load under way is left to finish on its own

    def _run(self) -> None:
        while not self._stop.wait(self._seconds):
            try:
                self._follow()
            except Exception:  # a malformed manifest, a store gone: said, and tried again
                log.exception("following the home's registry and sources failed")
