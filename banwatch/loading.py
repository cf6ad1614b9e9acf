"""The registry and the compiled matcher a command works with, loaded from its `Settings`.

Every entry point (each CLI command, the server) builds one `Settings` and
asks here for what it screens against: the bundled or configured registry
merged with the imported sources, and the matcher compiled from it, read
from the on-disk index when nothing changed.
"""

from __future__ import annotations

from dataclasses import replace

from banwatch.matching.matcher import DEFAULT_CONFIG, Matcher, compile_matcher
from banwatch.model.registry import Registry, RegistryRelease
from banwatch.registry.loader import load_registry, registry_version
from banwatch.settings import Settings


def registry_for(settings: Settings) -> Registry:
    """The registry of `settings`, with every imported source merged in."""
    from banwatch.registry.sources import SourceStore

    registry = load_registry(settings.registry_dir, sources=SourceStore(settings.home).load())
    return replace(registry, release=_release(settings))


def compiled_matcher(settings: Settings) -> Matcher:
    """The compiled matcher (and its registry), from the on-disk index when nothing changed.

    The cache key is found from the registry files and the sources' manifest
    alone, so an unchanged registry is neither loaded nor compiled again.
    """
    from banwatch.index import IndexCache
    from banwatch.registry.sources import SourceStore

    store = SourceStore(settings.home)
    labels = [(info.name, info.label) for info in store.sources()]
    version = registry_version(settings.registry_dir, labels)
    matcher = IndexCache(settings.home / "index").load_or_build(
        version, DEFAULT_CONFIG.name, lambda: compile_matcher(registry_for(settings))
    )
    release = _release(settings)
    if matcher.registry.release != release:  # equal files, cached when they came from elsewhere
        matcher.registry = replace(matcher.registry, release=release)
    return matcher


def _release(settings: Settings) -> RegistryRelease:
    """Which release the settings' registry folder is (`releases.naming`)."""
    from banwatch.releases.naming import release_of

    return release_of(settings)
