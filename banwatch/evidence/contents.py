"""What goes into an evidence pack, as (path in the pack, bytes): pure but for reading the store
and the registry's files.

A pack holds the run (`run.json`: inputs' digest, profile, date asked,
registry and matcher versions, the registry release and imported sources,
counts, columns), its findings exactly as saved (`findings.jsonl`), every
source URL the findings cite (`sources.txt`), its alerts, decisions and
audit entries (`review.py`), and the registry files and imported sources
the run was judged on (`registry/`, `sources/`) when they are still the ones
in use (same registry version), with a pulled release's signed manifest
(`release/`); otherwise the manifest says they are not included.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from banwatch.registry.loader import REGISTRY_FOLDERS, registry_version
from banwatch.registry.sources import SourceStore
from banwatch.settings import Settings
from banwatch.store import RunStore, RunSummary

RELEASE_PROOF = ("manifest.json", "manifest.sig")  # `releases.archive.MANIFEST`, `SIGNATURE`


def run_files(store: RunStore, run: RunSummary) -> list[tuple[str, bytes]]:
    """The run's own files: its summary, its findings as saved, the sources they cite."""
    lines = list(store.lines(run.id))
    findings = "".join(f"{line}\n" for line in lines).encode("utf-8")
    cited = sorted(set(_cited(lines)))
    return [
        ("run.json", (run.model_dump_json(indent=2) + "\n").encode("utf-8")),
        ("findings.jsonl", findings),
        ("sources.txt", "".join(f"{url}\n" for url in cited).encode("utf-8")),
    ]


def _cited(lines: Iterable[str]) -> Iterator[str]:
    """Every source URL a finding's measures and their events cite."""
    for line in lines:
        for match in json.loads(line)["matches"]:
            for hit in match["measures"]:
                yield from hit["sources"]
                for part in ("because", "pending", "deadlines"):
                    yield from (e["source"] for e in hit[part] if e.get("source"))


def registry_files(settings: Settings, run: RunSummary) -> tuple[list[tuple[str, bytes]], str]:
    """The registry files and imported sources of the run, if still in use; and why not if not."""
    store = SourceStore(settings.home)
    infos = store.sources()
    now = registry_version(settings.registry_dir, [(i.name, i.label) for i in infos])
    if now != run.registry_version:
        return [], (
            f"not included: the registry in use is {now}, the run was judged on "
            f"{run.registry_version}"
        )
    files = []
    for folder in REGISTRY_FOLDERS:
        root = settings.registry_dir / folder
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            files.append(
                (f"registry/{folder}/{path.relative_to(root).as_posix()}", path.read_bytes())
            )
    for info in infos:
        files.append((f"sources/{info.file}", (store.folder / info.file).read_bytes()))
    for name in RELEASE_PROOF:  # a pulled release's manifest and its publisher's signature
        path = settings.registry_dir / name
        if path.is_file():
            files.append((f"release/{name}", path.read_bytes()))
    return files, f"included: registry {now}"
