"""Releases published as a user does, served by a real HTTP server on 127.0.0.1.

The publishing folders, one per case, under one served root:

- `first/`: release 1, the registry as in `data/`;
- `good/`: release 1 then release 2, where the Québec order no longer targets Dahua;
- `other-key/`: release 2 signed by a key nobody trusts (a man in the middle);
- `tampered/`: `good/` with one registry file in release 2's archive altered, the
  archive's entry in the index updated to match (as an attacker would);
- `truncated/`: `good/` with release 2's archive cut in half;
- `too-new/`: a release that needs a banwatch from the future.

Each test gets its own home; the compiled index folder is shared through a
link, since it is keyed by the registry version and compiling takes a minute.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from banwatch.signing import public_hex
from tests.cli_support import run

REPO = Path(__file__).resolve().parents[2]
QC_ORDER = REPO / "data" / "measures" / "ca-qc.yaml"


@dataclass(frozen=True)
class Releases:
    """The served publishing folders, the key files, and the two releases' versions."""

    root: Path
    url: str
    trust: Path  # the publisher's public key, hex
    first: str
    second: str
    index: Path  # the compiled index folder the homes share

    def at(self, folder: str) -> str:
        return f"{self.url}/{folder}"


def _key_files(folder: Path, name: str) -> tuple[Path, Path]:
    key = Ed25519PrivateKey.generate()
    private = folder / f"{name}.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public = folder / f"{name}.pub"
    public.write_text(public_hex(key.public_key()) + "\n")
    return private, public


def _publish(registry: Path, out: Path, key: Path, home: Path) -> str:
    done = run(
        ["registry", "publish", str(out), "--key", str(key)], home, BANWATCH_REGISTRY=str(registry)
    )
    assert done.returncode == 0, done.stderr
    return str(json.loads((out / "index.json").read_text())["releases"][0]["version"])


def second_registry(first: Path, dest: Path) -> Path:
    """`first` with the Québec order's Dahua target removed (a test edit, not a fact)."""
    shutil.copytree(first, dest)
    path = dest / "measures" / "ca-qc.yaml"
    text = path.read_text(encoding="utf-8")
    target = (
        "    - name: Zhejiang Dahua Technology Co., Ltd.\n"
        "      entity: dahua\n"
        "      covers: [entity, subsidiaries, brands, products]\n"
        "      note: the order covers related companies\n"
    )
    assert target in text
    path.write_text(text.replace(target, ""), encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Releases]:
    work = tmp_path_factory.mktemp("releases")
    home = work / "publisher-home"
    root = work / "served"
    private, public = _key_files(work, "publisher")
    stranger, _ = _key_files(work, "stranger")
    r1 = work / "r1"
    shutil.copytree(REPO / "data", r1)
    r2 = second_registry(r1, work / "r2")
    first = _publish(r1, root / "first", private, home)
    shutil.copytree(root / "first", root / "good")
    second = _publish(r2, root / "good", private, home)
    shutil.copytree(root / "first", root / "other-key")
    _publish(r2, root / "other-key", stranger, home)
    from tests.releases.release_damage import tamper, too_new, truncate

    tamper(root / "good", root / "tampered")
    truncate(root / "good", root / "truncated")
    too_new(r2, root / "too-new", private)
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Releases(
            root, f"http://127.0.0.1:{server.server_port}", public, first, second, work / "index"
        )
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def home(tmp_path: Path, releases: Releases) -> Path:
    """A fresh data directory sharing the compiled index folder."""
    releases.index.mkdir(exist_ok=True)
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "index").symlink_to(releases.index, target_is_directory=True)
    return folder
