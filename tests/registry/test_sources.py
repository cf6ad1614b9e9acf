"""The store of imported sources: atomic, idempotent, versioned, and read back whole."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from banwatch.errors import RegistryError
from banwatch.model.entities import Entity
from banwatch.model.measures import Measure
from banwatch.registry.sources import MANIFEST, SourceInfo, SourceStore, file_checksum, info_for

REPO = Path(__file__).resolve().parents[2]
URL = "https://example.org/list"
OPTIONS: dict[str, str | None] = {"jurisdiction": "CA", "source_url": None}


def entities(prefix: str, n: int) -> list[Entity]:
    return [
        Entity.model_validate(
            {
                "id": f"{prefix}-{i}",
                "name": f"Vendor {i}",
                "sources": [URL],
                "names": [{"value": f"V{i}"}],
                "relations": []
                if i == 0
                else [
                    {"type": "subsidiary_of", "target": f"{prefix}-0", "share": 0.5, "source": URL}
                ],
            }
        )
        for i in range(n)
    ]


def measure(prefix: str, n: int) -> Measure:
    return Measure.model_validate(
        {
            "id": prefix,
            "title": "A list",
            "jurisdiction": "CA",
            "authority": "someone",
            "instrument": "a list",
            "type": "custom_watchlist",
            "binds": [{"sector": "government", "from": "2024-01-01"}],
            "acts": ["buy"],
            "scope": "everyone",
            "targets": [
                {
                    "name": f"Vendor {i}",
                    "entity": f"{prefix}-{i}",
                    "covers": ["entity"],
                    "date_added": "2024-02-01",
                }
                for i in range(n)
            ],
            "events": [
                {
                    "date": "2024-01-01",
                    "type": "published",
                    "effect": "in_force",
                    "summary": "Published.",
                    "source": URL,
                }
            ],
            "sources": [URL],
        }
    )


def save(store: SourceStore, name: str, checksum: str, n: int = 3) -> tuple[SourceInfo, bool]:
    info = info_for(name, "watchlist", checksum, f"/in/{name}.csv", 1, OPTIONS)
    return store.save(info, entities(name, n), [measure(name, n)])


def test_nothing_imported_loads_nothing(tmp_path: Path) -> None:
    assert SourceStore(tmp_path).load() == []
    assert SourceStore(tmp_path).sources() == []


def test_saved_data_reads_back_equal(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    info, new = save(store, "wl", "a" * 64)
    assert new and info.version == 1 and info.label == "1@" + "a" * 12
    assert (info.entities, info.measures, info.targets, info.problems) == (3, 1, 3, 1)
    assert info.file == "wl.v1.jsonl.gz"
    (data,) = store.load()
    assert data.name == "wl" and data.version == info.label
    assert list(data.entities) == entities("wl", 3)
    assert list(data.measures) == [measure("wl", 3)]
    assert data.measures[0].binds[0].start == "2024-01-01"  # the `from` alias survives


def test_the_manifest_lists_what_the_issue_asks(tmp_path: Path) -> None:
    save(SourceStore(tmp_path), "wl", "a" * 64)
    doc = json.loads((tmp_path / "sources" / MANIFEST).read_text(encoding="utf-8"))
    entry = doc["sources"]["wl"]
    assert {
        "kind",
        "version",
        "file",
        "checksum",
        "entities",
        "measures",
        "targets",
        "problems",
        "imported_at",
        "input",
    } <= set(entry)
    assert entry["imported_at"].endswith("+00:00")


def test_the_same_input_again_is_unchanged(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    first, _ = save(store, "wl", "a" * 64)
    before = sorted(p.name for p in (tmp_path / "sources").iterdir())
    again, new = save(store, "wl", "a" * 64)
    assert not new and again == first
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == before
    assert store.unchanged("wl", "watchlist", "a" * 64, OPTIONS) == first
    assert store.unchanged("wl", "watchlist", "a" * 64, {**OPTIONS, "jurisdiction": "US"}) is None
    assert store.unchanged("wl", "ftm", "a" * 64, OPTIONS) is None


def test_new_content_is_a_new_version_and_the_old_file_goes(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    save(store, "wl", "a" * 64)
    second, new = save(store, "wl", "b" * 64, n=2)
    assert new and second.version == 2 and second.label == "2@" + "b" * 12
    files = sorted(p.name for p in (tmp_path / "sources").iterdir())
    assert files == [".lock", MANIFEST, "wl.v2.jsonl.gz"]
    (data,) = store.load()
    assert len(data.entities) == 2


def test_a_removed_source_and_its_data_are_gone_and_the_others_stay(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    assert store.remove("wl") is None  # nothing imported yet: nothing to remove
    first, _ = save(store, "wl", "a" * 64)
    other, _ = save(store, "other", "b" * 64, n=2)
    assert store.remove("wl") == first
    assert store.sources() == [other]
    files = sorted(p.name for p in (tmp_path / "sources").iterdir())
    assert files == [".lock", MANIFEST, "other.v1.jsonl.gz"]
    (data,) = store.load()
    assert data.name == "other" and len(data.entities) == 2
    assert store.remove("wl") is None
    again, new = save(store, "wl", "a" * 64)  # the same input imports again, as version 1
    assert new and again.version == 1


def test_sources_are_listed_by_name(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    save(store, "zeta", "a" * 64)
    save(store, "alpha", "b" * 64)
    assert [s.name for s in store.sources()] == ["alpha", "zeta"]
    assert [d.name for d in store.load()] == ["alpha", "zeta"]


def test_the_same_content_gives_the_same_bytes(tmp_path: Path) -> None:
    a, b = SourceStore(tmp_path / "a"), SourceStore(tmp_path / "b")
    save(a, "wl", "a" * 64)
    save(b, "wl", "a" * 64)
    assert file_checksum(tmp_path / "a/sources/wl.v1.jsonl.gz") == file_checksum(
        tmp_path / "b/sources/wl.v1.jsonl.gz"
    )


def test_a_failure_before_the_manifest_is_replaced_keeps_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SourceStore(tmp_path)
    save(store, "wl", "a" * 64)
    real_replace = os.replace

    def crash_on_manifest(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == MANIFEST:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_manifest)
    with pytest.raises(OSError, match="disk full"):
        save(store, "wl", "b" * 64, n=2)
    monkeypatch.undo()
    (data,) = store.load()
    assert data.version == "1@" + "a" * 12 and len(data.entities) == 3
    # The next import goes through and clears the orphaned data file.
    info, new = save(store, "wl", "b" * 64, n=2)
    assert new and info.version == 2
    assert len(store.load()[0].entities) == 2


def test_leftovers_of_a_killed_import_are_ignored_then_swept(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    save(store, "wl", "a" * 64)
    folder = tmp_path / "sources"
    (folder / ".wl.v2.jsonl.gz.4242.tmp").write_bytes(b"\x1f\x8b half a gzip")
    (folder / ".manifest.json.4242.tmp").write_text('{"format": 1, "sour', encoding="utf-8")
    with gzip.open(folder / "wl.v2.jsonl.gz", "wt") as f:
        f.write('{"id": "half-written"')
    (data,) = store.load()
    assert data.version == "1@" + "a" * 12 and len(data.entities) == 3
    save(store, "other", "c" * 64)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [".lock", MANIFEST, "other.v1.jsonl.gz", "wl.v1.jsonl.gz"]


KILLED_WRITER = """
import sys, time
from pathlib import Path
from banwatch.model.entities import Entity
from banwatch.registry.sources import SourceStore, info_for

def endless():
    n = 0
    while True:
        yield Entity(id=f"wl-{n}", name=f"Vendor {n}", sources=["https://example.org/k"])
        n += 1
        if n == 500:
            print("STREAMING", flush=True)
        if n > 500:
            time.sleep(0.005)

info = info_for("wl", "watchlist", "b" * 64, "/in/wl.csv", 0, {})
SourceStore(Path(sys.argv[1])).save(info, endless(), [])
"""


def test_an_import_killed_mid_write_leaves_the_previous_version_whole(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    save(store, "wl", "a" * 64)
    manifest = (tmp_path / "sources" / MANIFEST).read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "STREAMING", proc.stderr
        assert any(p.name.endswith(".tmp") for p in (tmp_path / "sources").iterdir())
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert (tmp_path / "sources" / MANIFEST).read_bytes() == manifest
    (data,) = store.load()
    assert data.version == "1@" + "a" * 12 and list(data.entities) == entities("wl", 3)


def test_a_damaged_data_file_is_a_registry_error(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    info, _ = save(store, "wl", "a" * 64)
    path = tmp_path / "sources" / info.file
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(RegistryError, match="import it again") as e:
        store.load()
    assert str(path) in str(e.value)


def test_a_data_file_missing_records_is_a_registry_error(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    info, _ = save(store, "wl", "a" * 64)
    path = tmp_path / "sources" / info.file
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.writelines(lines[:2])
    with pytest.raises(RegistryError, match="incomplete"):
        store.load()


def test_a_manifest_of_another_format_is_a_registry_error(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / MANIFEST).write_text('{"format": 99, "sources": {}}', encoding="utf-8")
    with pytest.raises(RegistryError, match="format"):
        SourceStore(tmp_path).load()
    (folder / MANIFEST).write_text("not json", encoding="utf-8")
    with pytest.raises(RegistryError, match="manifest"):
        SourceStore(tmp_path).load()
