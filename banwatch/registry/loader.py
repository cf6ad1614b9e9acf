"""The one loader of the YAML registry.

It reads every `*.yaml` file under `entities/`, `measures/` and `models/` of a registry
folder, validates each record with the pydantic models, checks that every
reference points at an existing entity, attributes IEEE MAC blocks, and
returns an immutable `Registry`. Errors name the file, the record id and the
field; they never surface as a traceback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

import banwatch
from banwatch.errors import RegistryError
from banwatch.model.entities import Entity, ModelPattern
from banwatch.model.measures import Measure
from banwatch.model.registry import Registry, SourceData, dangling_references
from banwatch.registry.oui import attribute_blocks, netaddr_oui_path, read_oui

M = TypeVar("M", bound=BaseModel)

# libyaml's parser when PyYAML was built with it (its wheels are): the same documents as
# the pure-Python `SafeLoader`, read about eight times faster (0.06 against 0.47 CPU-s for
# the bundled registry), which every index build and every server start pays.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """`yaml.safe_load` of `text`, through `SAFE_LOADER`."""
    return yaml.load(text, Loader=SAFE_LOADER)


def default_registry_dir() -> Path:
    """The registry bundled with banwatch (the repository's `data/` in a checkout)."""
    package = Path(banwatch.__file__).parent
    bundled = package / "_data"
    if bundled.is_dir():
        return bundled
    return package.parent / "data"


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return safe_load(f.read())
    except OSError as e:
        raise RegistryError(f"cannot read: {e.strerror}", file=str(path)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise RegistryError(
            f"not valid YAML: {getattr(e, 'problem', e)}", file=str(path), row=row
        ) from None


def _records(path: Path, key: str, model: type[M]) -> list[M]:
    doc = _read_yaml(path)
    if doc is None:
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        raise RegistryError(f"expected a mapping with a list under {key!r}", file=str(path))
    out: list[M] = []
    for n, raw in enumerate(doc[key]):
        rid = str(raw.get("id", f"#{n}")) if isinstance(raw, dict) else f"#{n}"
        try:
            out.append(model.model_validate(raw))
        except ValidationError as e:
            err = e.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or None
            raise RegistryError(err["msg"], file=str(path), record_id=rid, field=field) from None
    return out


def _index(items: Iterable[M], files: dict[str, Path], path: Path) -> dict[str, M]:
    out: dict[str, M] = {}
    for item in items:
        ident = str(getattr(item, "id"))  # noqa: B009 - every registry record has an id
        if ident in out:
            raise RegistryError(
                f"duplicate id (also in {files[ident]})", file=str(path), record_id=ident
            )
        files[ident] = path
        out[ident] = item
    return out


def _files(root: Path, sub: str) -> list[Path]:
    folder = root / sub
    if not folder.is_dir():
        raise RegistryError(f"no {sub}/ folder in the registry", file=str(root))
    return sorted(folder.glob("*.yaml"))


REGISTRY_FOLDERS = ("entities", "measures", "models")  # what a registry folder holds


def registry_digest(root: Path) -> str:
    """A short digest of every registry file: the registry version."""
    h = hashlib.sha256()
    for sub in REGISTRY_FOLDERS:
        for path in _files(root, sub):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def load_registry(
    root: Path | None = None,
    *,
    oui_path: Path | None = None,
    sources: Sequence[SourceData] = (),
) -> Registry:
    """Load, validate and cross-check the registry under `root`, merged with imported sources.

    Imported ids must not collide with the registry's own: importers prefix them.
    The version names the registry files' digest and every source's version.
    """
    root = root or default_registry_dir()
    entities: dict[str, Entity] = {}
    measures: dict[str, Measure] = {}
    seen: dict[str, Path] = {}
    for path in _files(root, "entities"):
        for ident, e in _index(_records(path, "entities", Entity), seen, path).items():
            entities[ident] = e
    seen = {}
    for path in _files(root, "measures"):
        for ident, m in _index(_records(path, "measures", Measure), seen, path).items():
            measures[ident] = m
    for source in sources:
        _merge(source, entities, measures)
    patterns: list[ModelPattern] = []
    for path in _files(root, "models"):
        patterns.extend(_records(path, "models", ModelPattern))
    problems = dangling_references(entities, measures)
    problems += [
        f"model pattern {p.pattern!r} -> unknown entity {p.entity!r}"
        for p in patterns
        if p.entity not in entities
    ]
    if problems:
        raise RegistryError("; ".join(problems), file=str(root))
    oui = list(read_oui(oui_path or netaddr_oui_path()))
    blocks = attribute_blocks(iter(oui), entities)
    corpus = tuple(sorted({org for _, org in oui}))
    names = tuple((s.name, s.version) for s in sources)
    version = registry_version(root, names)
    return Registry(entities, measures, blocks, tuple(patterns), corpus, names, version)


def registry_version(root: Path, sources: Sequence[tuple[str, str]] = ()) -> str:
    """The version of the registry under `root` merged with sources (name, version), cheaply.

    It reads the registry files' bytes but validates nothing, so a cached index
    can be found without loading the registry.
    """
    version = registry_digest(root)
    if sources:
        h = hashlib.sha256(version.encode())
        for name, source_version in sources:
            h.update(f"{name}@{source_version};".encode())
        version = h.hexdigest()[:12]
    return version


def _merge(source: SourceData, entities: dict[str, Entity], measures: dict[str, Measure]) -> None:
    for e in source.entities:
        if e.id in entities:
            raise RegistryError(
                "entity id already in the registry", file=source.name, record_id=e.id
            )
        entities[e.id] = e
    for m in source.measures:
        if m.id in measures:
            raise RegistryError(
                "measure id already in the registry", file=source.name, record_id=m.id
            )
        measures[m.id] = m
