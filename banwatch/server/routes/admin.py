"""Admins only: API keys (`GET/POST /keys`, `DELETE /keys/{id}`) and imports (`POST /imports`).

Every change here is an audit entry naming the admin's key: a key made or
revoked (in the key's own transaction, `store.api_keys`), a list imported
(`banwatch.import_command`, as `banwatch import` writes it). A new key is in
the answer to the request that made it and nowhere else. After an import this
process loads the index with the new source before answering (a few
seconds), so what it screens from then on includes it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from banwatch.errors import BanwatchError
from banwatch.import_command import import_list
from banwatch.registry.sources import SourceInfo
from banwatch.requests import import_request
from banwatch.store.api_keys import KeyInfo, KeyRole

from ..auth import requires
from ..deps import State
from ..state import Loaded

router = APIRouter(tags=["admin"], dependencies=[Depends(requires("admin"))])
Admin = Annotated[KeyInfo, Depends(requires("admin"))]
SourceKind = Literal["ftm", "csl", "watchlist"]


class NewKey(BaseModel):
    """`POST /keys`: the role of the key to make, and a name to know it by."""

    model_config = ConfigDict(extra="forbid")

    role: KeyRole
    name: str | None = Field(default=None, max_length=80)


@router.get("/keys")
def list_keys(loaded: State) -> dict[str, Any]:
    """Every key, revoked ones too, oldest first: ids, names, roles, never the keys."""
    return {"keys": [k.model_dump(mode="json") for k in loaded.keys().list()]}


@router.post("/keys", status_code=201)
def create_key(body: NewKey, loaded: State, who: Admin) -> dict[str, Any]:
    """Make a key; the answer holds the key itself, which is never shown again."""
    info, key = loaded.keys().create(body.role, body.name, who.actor)
    return {"key": key, **info.model_dump(mode="json")}


@router.delete("/keys/{key_id}")
def revoke_key(key_id: str, loaded: State, who: Admin) -> dict[str, Any]:
    """Revoke a key: it is refused from the next request on; 404 if no key in use has the id."""
    loaded.keys().revoke(key_id, who.actor)
    revoked = next(k for k in loaded.keys().list() if k.id == key_id)
    return revoked.model_dump(mode="json")


@router.post("/imports", status_code=201)
def import_file(
    loaded: State,
    who: Admin,
    source: Annotated[SourceKind, Form(description="ftm, csl or watchlist, as banwatch import")],
    file: Annotated[UploadFile, File(description="The list, as `banwatch import` reads it")],
    name: Annotated[str | None, Form(description="The source's name (a slug)")] = None,
    jurisdiction: Annotated[str | None, Form(description="Where its measures apply")] = None,
    source_url: Annotated[str | None, Form(description="A page showing the facts")] = None,
) -> JSONResponse:
    """Import a list as `banwatch import SOURCE FILE` does: 201 with the new version, or 200
    when this input was already imported (nothing changed)."""
    settings = loaded.settings
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="banwatch-import-") as folder:
        # Kept under the uploaded file's own name: a source's default name comes from it.
        path = Path(folder) / _file_name(file.filename)
        with path.open("wb") as kept:
            shutil.copyfileobj(file.file, kept)

        def report(problem: str) -> None:  # the upload's name, not the server's folder
            problems.append(problem.replace(str(path), path.name))

        try:
            request = import_request(source, path, name, jurisdiction, source_url)
            done = import_list(request, settings, who.actor, report, f"upload {path.name}")
        except BanwatchError as e:
            if e.file == str(path):
                e.file = path.name
            raise
    notes = list(done.notes)
    if done.saved:
        notes += _reload(loaded)
    answer = {
        "source": _source_json(done.source),
        "saved": done.saved,
        "problems": problems,
        "notes": notes,
        "registry_version": loaded.registry().version,
    }
    return JSONResponse(answer, status_code=201 if done.saved else 200)


def _file_name(given: str | None) -> str:
    """The uploaded file's name without any folder (never `.`, `..` or empty)."""
    name = Path(given or "").name
    return name if name not in ("", ".", "..") else "upload"


def _reload(loaded: Loaded) -> list[str]:
    """Serve the index with the new source from now on (this process); what to tell if not.

    The import is saved whatever happens here, so a failure to reload is a note, not an error.
    """
    try:
        loaded.reload(loaded.settings)
    except BanwatchError as e:
        return [f"saved, but this server still screens with the index it had: {e}"]
    return []


def _source_json(source: SourceInfo) -> dict[str, Any]:
    """A source's listing, without where the server kept the upload while reading it."""
    return {
        "name": source.name,
        "kind": source.kind,
        "version": source.version,
        "label": source.label,
        "sha256": source.checksum,
        "entities": source.entities,
        "measures": source.measures,
        "targets": source.targets,
        "problems": source.problems,
        "imported_at": source.imported_at,
    }
