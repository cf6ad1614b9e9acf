"""Releases damaged as the refusal tests need them: each copies a good publishing folder."""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from banwatch.registry.loader import registry_version
from banwatch.releases.archive import MANIFEST, SIGNATURE, write_archive
from banwatch.releases.manifest import Manifest, registry_files
from banwatch.releases.signing import private_key_file


def _newest(folder: Path) -> tuple[dict[str, object], dict[str, object]]:
    index = json.loads((folder / "index.json").read_text())
    return index, index["releases"][0]


def _reindex(folder: Path, index: dict[str, object], entry: dict[str, object]) -> None:
    data = (folder / str(entry["archive"])).read_bytes()
    entry["sha256"] = hashlib.sha256(data).hexdigest()
    entry["size"] = len(data)
    (folder / "index.json").write_text(json.dumps(index))


def tamper(good: Path, dest: Path) -> None:
    """One registry file of the newest release altered; the manifest and signature kept."""
    shutil.copytree(good, dest)
    index, entry = _newest(dest)
    path = dest / str(entry["archive"])
    with tarfile.open(path, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]
    name = "measures/ca-qc.yaml"
    members[name] = members[name].replace(b"levels: [regional]", b"levels: [national]")
    write_archive(path, members)
    _reindex(dest, index, entry)


def truncate(good: Path, dest: Path) -> None:
    """The newest release's archive cut in half, the index left as published."""
    shutil.copytree(good, dest)
    _, entry = _newest(dest)
    path = dest / str(entry["archive"])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def too_new(registry: Path, dest: Path, key_file: Path) -> None:
    """A release, signed by the trusted key, that needs banwatch 99.0."""
    files = {n: (registry / n).read_bytes() for n in registry_files(registry)}
    manifest = Manifest(
        registry_version=registry_version(registry),
        released=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        min_banwatch="99.0",
        counts={},
        files={n: hashlib.sha256(d).hexdigest() for n, d in files.items()},
    )
    signed = manifest.to_bytes()
    key = private_key_file(key_file)
    dest.mkdir(parents=True)
    name = f"registry-{manifest.registry_version}.tar.gz"
    write_archive(dest / name, {**files, MANIFEST: signed, SIGNATURE: key.sign(signed)})
    entry: dict[str, object] = {
        "version": manifest.registry_version,
        "released": manifest.released,
        "min_banwatch": "99.0",
        "archive": name,
    }
    index: dict[str, object] = {"releases": [entry]}
    _reindex(dest, index, entry)


__all__ = ["tamper", "too_new", "truncate"]
