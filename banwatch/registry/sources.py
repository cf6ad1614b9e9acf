"""Imported sources on disk: `<home>/sources/`, one data file per source and a manifest.

Layout:

    sources/
      manifest.json              every current source: kind, version, file, checksum, counts
      us-csl.v3.jsonl.gz         its entities (first `entities` lines), then its measures
      .lock                      held while an import writes

Invariants:
- Only files the manifest names are read. A data file is complete before the
  manifest names it: it is written to a temporary file in the same folder,
  fsynced and renamed into place, and only then is the manifest replaced the
  same way. An import killed at any step leaves the previous version whole;
  its leftovers are ignored, and removed by the next import.
- Importing the same input (same kind, same checksum, same options) under the
  same name again writes nothing: the source is "unchanged".
- A source's version is an integer that grows by one with each import of
  different content; `load()` names it `<version>@<checksum12>`, so the
  registry version, which folds in every source version, changes with it.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from banwatch.errors import RegistryError
from banwatch.model.entities import Entity
from banwatch.model.measures import Measure
from banwatch.model.registry import SourceData

FOLDER = "sources"
MANIFEST = "manifest.json"
FORMAT = 1  # of the manifest and data files; bump when either changes shape
_TMP = ".tmp"


@dataclass(frozen=True)
class SourceInfo:
    """One current source as the manifest lists it."""

    name: str
    kind: str
    version: int
    file: str  # the data file, relative to the sources folder
    checksum: str  # sha256 of the input file
    entities: int
    measures: int
    targets: int
    problems: int
    imported_at: str  # UTC, ISO 8601
    input: str  # the input file's path as given to the import
    options: dict[str, str | None] = field(default_factory=dict)  # jurisdiction, source_url

    @property
    def label(self) -> str:
        """The version as the registry records it: `3@<first 12 hex digits of the checksum>`."""
        return f"{self.version}@{self.checksum[:12]}"


def file_checksum(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class SourceStore:
    """The imported sources under `<home>/sources/`."""

    def __init__(self, home: Path) -> None:
        self.folder = home / FOLDER

    def sources(self) -> list[SourceInfo]:
        """Every current source, by name."""
        return sorted(self._manifest().values(), key=lambda s: s.name)

    def unchanged(
        self, name: str, kind: str, checksum: str, options: dict[str, str | None]
    ) -> SourceInfo | None:
        """The current version of `name` if it was imported from exactly this input."""
        current = self._manifest().get(name)
        if current and (current.kind, current.checksum, current.options) == (
            kind,
            checksum,
            options,
        ):
            return current
        return None

    def save(
        self,
        info: SourceInfo,
        entities: Iterable[Entity],
        measures: Iterable[Measure],
    ) -> tuple[SourceInfo, bool]:
        """Write a new version of `info.name` atomically; (the current info, whether new).

        `info.version`, `info.file`, the counts of entities, measures and targets
        are filled in here; nothing is written when the input is unchanged.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked():
            same = self.unchanged(info.name, info.kind, info.checksum, info.options)
            if same:
                return same, False
            manifest = self._manifest()
            previous = manifest.get(info.name)
            version = previous.version + 1 if previous else 1
            file = f"{info.name}.v{version}.jsonl.gz"
            counts = self._write_data(file, entities, measures)
            new = SourceInfo(**{**asdict(info), "version": version, "file": file, **counts})
            manifest[info.name] = new
            self._write_manifest(manifest)
            self._sweep(keep={s.file for s in manifest.values()})
            return new, True

    def remove(self, name: str) -> SourceInfo | None:
        """Remove source `name` and its data; the removed source's info, or None if absent.

        The manifest is replaced atomically first, so an interrupted removal
        leaves either the source whole or no trace of it but an unlisted file,
        which the next import or removal sweeps away.
        """
        if not self.folder.is_dir():
            return None
        with self._locked():
            manifest = self._manifest()
            removed = manifest.pop(name, None)
            if removed is None:
                return None
            self._write_manifest(manifest)
            self._sweep(keep={s.file for s in manifest.values()})
            return removed

    def load(self) -> list[SourceData]:
        """Every current source's entities and measures, validated again as they are read."""
        with paused_gc():
            return [self._load(info) for info in self.sources()]

    # ----------------------------------------------------------------- reading

    def _manifest(self) -> dict[str, SourceInfo]:
        path = self.folder / MANIFEST
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            raise RegistryError(f"cannot read the sources manifest: {e}", file=str(path)) from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise RegistryError(
                f"the sources manifest is not format {FORMAT}; import the sources again",
                file=str(path),
            )
        try:
            return {name: SourceInfo(**raw) for name, raw in doc["sources"].items()}
        except (KeyError, TypeError, AttributeError) as e:
            raise RegistryError(f"malformed sources manifest: {e}", file=str(path)) from None

    def _load(self, info: SourceInfo) -> SourceData:
        # Each line is validated again with model_validate_json rather than built
        # with model_construct: we wrote and validated it at import, but in
        # pydantic 2 model_construct is pure Python and no faster here (about
        # 35 µs an entity either way, most of it checking URLs), and validating
        # also catches a data file edited or damaged since.
        path = self.folder / info.file
        entities: list[Entity] = []
        measures: list[Measure] = []
        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for n, line in enumerate(f, start=1):
                    if n <= info.entities:
                        entities.append(Entity.model_validate_json(line))
                    else:
                        measures.append(Measure.model_validate_json(line))
        except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValidationError) as e:
            raise RegistryError(
                f"imported source {info.name!r} cannot be read ({type(e).__name__}); "
                "import it again",
                file=str(path),
            ) from None
        if (len(entities), len(measures)) != (info.entities, info.measures):
            raise RegistryError(
                f"imported source {info.name!r} is incomplete; import it again", file=str(path)
            )
        return SourceData(info.name, info.label, tuple(entities), tuple(measures))

    # ----------------------------------------------------------------- writing

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # One import at a time: two would both read the old manifest and one
        # version would be lost. Advisory (flock): only banwatch takes it.
        with (self.folder / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _write_data(
        self, file: str, entities: Iterable[Entity], measures: Iterable[Measure]
    ) -> dict[str, int]:
        counts = {"entities": 0, "measures": 0, "targets": 0}
        # mtime=0: the same content gives the same bytes.
        with self._replacing(file) as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for e in entities:
                gz.write(e.model_dump_json(exclude_defaults=True).encode() + b"\n")
                counts["entities"] += 1
            for m in measures:
                gz.write(m.model_dump_json(exclude_defaults=True, by_alias=True).encode() + b"\n")
                counts["measures"] += 1
                counts["targets"] += len(m.targets)
        return counts

    def _write_manifest(self, manifest: dict[str, SourceInfo]) -> None:
        doc = {"format": FORMAT, "sources": {n: asdict(s) for n, s in sorted(manifest.items())}}
        with self._replacing(MANIFEST) as raw:
            raw.write(json.dumps(doc, indent=2, ensure_ascii=False).encode() + b"\n")

    @contextlib.contextmanager
    def _replacing(self, name: str) -> Iterator[IO[bytes]]:
        """Write `name` in the folder atomically: temp file, fsync, rename, fsync the folder."""
        final = self.folder / name
        tmp = self.folder / f".{name}.{os.getpid()}{_TMP}"
        try:
            with tmp.open("wb") as raw:
                yield raw
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(self.folder)

    def _sweep(self, keep: set[str]) -> None:
        """Remove data files of older versions and temporary files left by killed imports."""
        for path in self.folder.iterdir():
            stale = path.name.endswith(_TMP) or (
                path.name.endswith(".jsonl.gz") and path.name not in keep
            )
            if stale:
                path.unlink(missing_ok=True)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects.

    Building 100,000 entities allocates millions of objects, none in a cycle,
    and each allocation burst triggers a collection that walks them all again:
    with the collector on, loading 100,000 entities took three times as long.
    Reference counting still frees everything; collection resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def utc_now() -> str:
    """Now, in UTC, as ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def info_for(
    name: str, kind: str, checksum: str, input_path: str, problems: int, options: dict[str, Any]
) -> SourceInfo:
    """A SourceInfo for a new import; `save` fills in version, file and counts."""
    return SourceInfo(
        name=name,
        kind=kind,
        version=0,
        file="",
        checksum=checksum,
        entities=0,
        measures=0,
        targets=0,
        problems=problems,
        imported_at=utc_now(),
        input=input_path,
        options=options,
    )
