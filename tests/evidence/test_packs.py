"""Evidence packs: made from a saved run, checked byte for byte, refused when altered."""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from banwatch.evidence.pack import MANIFEST, check_pack, write_pack
from banwatch.signing import public_hex

from ..cli_support import run

KEY = Ed25519PrivateKey.generate()
FILES = [
    ("run.json", b'{"id": "20261206T101500-3f9a"}\n'),
    ("findings.jsonl", b'{"row":0,"record":{"Supplier":"Hikvision"},"verdict":"review"}\n'),
    ("sources.txt", b"https://example.org/a\n"),
]


@pytest.fixture(scope="module")
def small_pack(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("pack") / "pack.zip"
    write_pack(path, FILES, {"run_id": "20261206T101500-3f9a"}, KEY)
    return path.read_bytes()


def test_an_intact_pack_checks(small_pack: bytes, tmp_path: Path) -> None:
    path = tmp_path / "pack.zip"
    path.write_bytes(small_pack)
    checked = check_pack(path, [KEY.public_key()])
    assert checked.intact, checked
    assert checked.why == f"intact: 3 files, signed by key {checked.fingerprint}"


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_pack_altered_in_any_one_byte_fails(small_pack: bytes, data: st.DataObject) -> None:
    at = data.draw(st.integers(min_value=0, max_value=len(small_pack) - 1))
    flip = data.draw(st.integers(min_value=1, max_value=255))
    altered = bytearray(small_pack)
    altered[at] ^= flip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.zip"
        path.write_bytes(bytes(altered))
        checked = check_pack(path)
    assert not checked.intact
    assert checked.where


def test_a_file_replaced_with_a_valid_zip_names_the_file(small_pack: bytes, tmp_path: Path) -> None:
    source, path = tmp_path / "intact.zip", tmp_path / "pack.zip"
    source.write_bytes(small_pack)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(
                name, data.replace(b"review", b"clear!") if name == "findings.jsonl" else data
            )
    checked = check_pack(path)
    assert (checked.intact, checked.where) == (False, "findings.jsonl")
    assert "digest does not match" in checked.why


def test_a_pack_signed_by_another_key_is_refused_when_a_key_is_trusted(
    small_pack: bytes, tmp_path: Path
) -> None:
    other = Ed25519PrivateKey.generate()
    path = tmp_path / "other.zip"
    write_pack(path, FILES, {"run_id": "20261206T101500-3f9a"}, other)
    assert check_pack(path).intact  # intact, by its own key
    refused = check_pack(path, [KEY.public_key()])
    assert not refused.intact and "not trusted" in refused.why


def test_a_run_packed_and_verified_as_a_user_does(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cameras = tmp_path / "cameras.csv"
    cameras.write_text("Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis,P3265-LVE\n")
    screened = run(["screen", str(cameras), "--jurisdiction", "CA", "--format", "jsonl"], home)
    assert screened.returncode == 0, screened.stderr
    run_id = json.loads(run(["runs", "--format", "jsonl"], home).stdout.splitlines()[0])["id"]
    pack = tmp_path / "pack.zip"
    made = run(["evidence", run_id, "--output", str(pack)], home)
    assert made.returncode == 0, made.stderr
    public = run(["keys", "signing-public"], home).stdout.strip()
    ok = run(["evidence", "verify", str(pack), "--trust", public], home)
    assert ok.returncode == 0 and "intact" in ok.stdout, ok.stderr
    with zipfile.ZipFile(pack) as z:
        manifest = json.loads(z.read(MANIFEST))
        names = set(z.namelist())
        findings = z.read("findings.jsonl").decode().splitlines()
    assert manifest["run_id"] == run_id and manifest["signing_key"] == public
    assert manifest["registry_files"].startswith("included")
    assert {"run.json", "findings.jsonl", "sources.txt"} <= names
    assert any(n.startswith("registry/measures/") for n in names)
    assert [json.loads(f)["record"]["Supplier"] for f in findings] == ["Hikvision", "Axis"]
    data = bytearray(pack.read_bytes())
    at = data.find(b"Hikvision")
    data[at] ^= 1
    pack.write_bytes(bytes(data))
    bad = run(["evidence", "verify", str(pack)], home)
    assert bad.returncode == 1
    assert "findings.jsonl" in bad.stderr


def test_the_public_key_is_the_same_on_every_call(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run(["keys", "signing-public"], home).stdout.strip()
    assert len(first) == 64 and first == run(["keys", "signing-public"], home).stdout.strip()
    key_file = home / "keys" / "signing.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert public_hex(KEY.public_key()) != first


def test_a_header_claiming_an_unknown_zip_version_is_a_failed_check(
    small_pack: bytes, tmp_path: Path
) -> None:
    """zipfile refuses such a member with NotImplementedError; the check says where instead."""
    altered = bytearray(small_pack)
    altered[4] = 84  # the first local header's "version needed to extract": 8.4
    path = tmp_path / "pack.zip"
    path.write_bytes(bytes(altered))
    checked = check_pack(path)
    assert not checked.intact and checked.where


def test_every_byte_of_a_pack_changed_fails_the_check(small_pack: bytes, tmp_path: Path) -> None:
    """Each byte in turn, its lowest bit, its highest bit or all of them flipped: headers,
    flags (a member marked encrypted), the directory and the contents alike."""
    path = tmp_path / "pack.zip"
    for at in range(len(small_pack)):
        for flip in (0x01, 0x80, 0xFF):
            altered = bytearray(small_pack)
            altered[at] ^= flip
            path.write_bytes(bytes(altered))
            assert not check_pack(path).intact, (at, flip)


def test_a_pack_holds_the_runs_decisions_audit_entries_and_release(tmp_path: Path) -> None:
    """Issue 16 §4 and issue 17: what was decided on the run, the audit entries about it, and
    the registry release it was judged on (here the one bundled with banwatch)."""
    home = tmp_path / "home"
    cameras = tmp_path / "cameras.csv"
    cameras.write_text("Supplier,Model\nHikvision,DS-2CD2143G2-I\nAxis,P3265-LVE\n")
    assert run(["screen", str(cameras), "--jurisdiction", "CA"], home).returncode == 0
    run_id = json.loads(run(["runs", "--format", "jsonl"], home).stdout.splitlines()[0])["id"]
    listed = run(["alerts", "--run", run_id, "--format", "jsonl"], home)
    alerts = [json.loads(line) for line in listed.stdout.splitlines()]
    assert alerts, listed.stderr
    first = alerts[0]
    why = "the camera was replaced before the order took effect"
    decided = run(
        [
            "decide",
            str(first["id"]),
            "--status",
            "dismissed",
            "--reason",
            why,
            "--version",
            str(first["version"]),
        ],
        home,
    )
    assert decided.returncode == 0, decided.stderr
    other = tmp_path / "other.csv"
    other.write_text("Supplier\nDahua\n")
    assert run(["screen", str(other), "--jurisdiction", "CA"], home).returncode == 0
    pack = tmp_path / "pack.zip"
    made = run(["evidence", run_id, "--output", str(pack)], home)
    assert made.returncode == 0, made.stderr
    assert run(["evidence", "verify", str(pack)], home).returncode == 0
    with zipfile.ZipFile(pack) as z:
        manifest = json.loads(z.read(MANIFEST))
        decisions = [json.loads(line) for line in z.read("decisions.jsonl").splitlines()]
        audit = [json.loads(line) for line in z.read("audit.jsonl").splitlines()]
        saved = json.loads(z.read("run.json"))
    assert [d["alert"]["id"] for d in decisions] == [a["id"] for a in alerts]
    [(kept, said)] = [(d["alert"], d["decisions"]) for d in decisions if d["decisions"]]
    assert (kept["id"], kept["status"]) == (first["id"], "dismissed")
    assert [(s["status"], s["reason"]) for s in said] == [("dismissed", why)]
    assert [(e["kind"], e["subject"]) for e in audit] == [
        ("screening", f"run {run_id}"),
        ("decision", f"alert {first['id']}"),
    ]  # not the other run's screening
    assert [e["seq"] for e in audit] == sorted(e["seq"] for e in audit)
    assert all(len(e["hash"]) == 64 and len(e["prev_hash"]) == 64 for e in audit)
    assert manifest["review"] == {
        "alerts": len(alerts),
        "decisions": 1,
        "audit_entries": 2,
    }
    assert manifest["release"] == {
        "id": "embedded",
        "released": None,
        "key_id": None,
        "sources": [],
    }
    assert saved["release"] == manifest["release"]
