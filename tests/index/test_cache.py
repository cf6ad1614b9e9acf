"""The compiled index on disk: reused while nothing changes, rebuilt when anything does."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from banwatch.index import IndexCache
from banwatch.matching.matcher import Matcher, compile_matcher
from banwatch.model.records import Record
from banwatch.model.registry import Registry

BANWATCH = Path(sys.executable).parent / "banwatch"


def test_built_once_then_read_back(tmp_path: Path, registry: Registry) -> None:
    builds: list[int] = []

    def build() -> Matcher:
        builds.append(1)
        return compile_matcher(registry)

    cache = IndexCache(tmp_path / "index")
    first = cache.load_or_build("v1", "m", build)
    second = cache.load_or_build("v1", "m", build)
    assert len(builds) == 1
    record = Record(0, "t.csv", 2, {"s": "Hikvision"}, {"s": "name"})
    assert [e.entity_id for e in second.match(record)[0]] == [
        e.entity_id for e in first.match(record)[0]
    ]
    cache.load_or_build("v2", "m", build)
    assert len(builds) == 2  # another registry version is another index


def test_reading_an_index_leaves_the_collector_as_it_was(
    tmp_path: Path, registry: Registry
) -> None:
    cache = IndexCache(tmp_path / "index")
    cache.load_or_build("v1", "m", lambda: compile_matcher(registry))
    assert gc.isenabled()
    read = cache.load_or_build("v1", "m", lambda: compile_matcher(registry))
    assert isinstance(read, Matcher) and gc.isenabled()
    gc.disable()
    try:
        cache.load_or_build("v1", "m", lambda: compile_matcher(registry))
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_a_damaged_index_is_rebuilt(tmp_path: Path, registry: Registry) -> None:
    cache = IndexCache(tmp_path / "index")
    cache.load_or_build("v1", "m", lambda: compile_matcher(registry))
    (path,) = (tmp_path / "index").glob("index-*.pickle")
    path.write_bytes(b"not a pickle")
    rebuilt = cache.load_or_build("v1", "m", lambda: compile_matcher(registry))
    assert isinstance(rebuilt, Matcher)
    assert path.read_bytes() != b"not a pickle"


def test_only_a_few_indexes_are_kept(tmp_path: Path, registry: Registry) -> None:
    cache = IndexCache(tmp_path / "index")
    for v in range(6):
        cache.load_or_build(f"v{v}", "m", lambda: compile_matcher(registry))
    assert len(list((tmp_path / "index").glob("index-*.pickle"))) <= 3


def test_the_cli_reuses_the_index_and_notices_registry_changes(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("supplier\nHikvision\n", encoding="utf-8")
    env = {**os.environ, "BANWATCH_HOME": str(tmp_path / "home")}
    args = [str(BANWATCH), "screen", str(src), "--format", "jsonl", "--no-save"]
    first = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    index = list((tmp_path / "home" / "index").glob("index-*.pickle"))
    assert len(index) == 1
    stamp = index[0].stat().st_mtime_ns
    second = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    assert second.stdout == first.stdout
    assert index[0].stat().st_mtime_ns == stamp  # read, not rewritten
