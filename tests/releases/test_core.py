"""The pure parts of releases: the delta, the manifest's bytes, archives and trust."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.releases.archive import unpack, write_archive
from banwatch.releases.delta import delta
from banwatch.releases.errors import ReleaseError
from banwatch.releases.manifest import Manifest
from banwatch.releases.signing import SHIPPED_KEYS, keys_from_text, trusted_keys
from banwatch.releases.state import active_release_dir
from banwatch.settings import settings_from

RECORDS = st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from(["1", "2", "3"]))


@given(RECORDS, RECORDS)
def test_the_delta_accounts_for_every_id(old: dict[str, str], new: dict[str, str]) -> None:
    changes = delta({"measures": old}, {"measures": new})["measures"]
    added, changed, removed = changes["added"], changes["changed"], changes["removed"]
    assert set(added) == new.keys() - old.keys()
    assert set(removed) == old.keys() - new.keys()
    unchanged = (old.keys() & new.keys()) - set(changed)
    assert all(old[i] == new[i] for i in unchanged)
    assert delta({"measures": new}, {"measures": new})["measures"]["changed"] == []


def test_a_manifest_reads_back_from_its_signed_bytes() -> None:
    m = Manifest(
        registry_version="abc",
        released="2026-01-01T00:00:00.000000Z",
        min_banwatch="0.1.0",
        counts={"measures": 1},
        files={"measures/x.yaml": "00"},
    )
    assert Manifest.from_bytes(m.to_bytes()) == m
    with pytest.raises(ReleaseError, match="the manifest is not valid"):
        Manifest.from_bytes(b'{"registry_version": 1}')


def test_equal_members_make_equal_archives(tmp_path: Path) -> None:
    members = {"b.txt": b"2", "a/x.yaml": b"1"}
    write_archive(tmp_path / "one.tar.gz", members)
    write_archive(tmp_path / "two.tar.gz", dict(reversed(members.items())))
    assert (tmp_path / "one.tar.gz").read_bytes() == (tmp_path / "two.tar.gz").read_bytes()
    assert sorted(unpack(tmp_path / "one.tar.gz", tmp_path / "out")) == ["a/x.yaml", "b.txt"]


def test_a_member_outside_the_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("../escape.yaml")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(ReleaseError, match="damaged or truncated"):
        unpack(path, tmp_path / "out")
    assert not (tmp_path / "escape.yaml").exists()


def test_a_link_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "link.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("entities/x.yaml")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        tar.addfile(info)
    with pytest.raises(ReleaseError, match="non-file"):
        unpack(path, tmp_path / "out")


def test_the_shipped_key_is_a_public_key_only() -> None:
    text = SHIPPED_KEYS.read_text()
    assert "PRIVATE" not in text
    assert len(keys_from_text(text, "shipped")) == 1
    assert len(trusted_keys([], [])) == 1
    with pytest.raises(ReleaseError, match="not an Ed25519 public key"):
        trusted_keys(["zz"], [])


def test_the_registry_in_use_is_the_pulled_release_unless_one_is_named(tmp_path: Path) -> None:
    home = tmp_path / "home"
    bundled = settings_from({"BANWATCH_HOME": str(home)}).registry_dir
    assert active_release_dir(home) is None
    folder = home / "registry" / "releases" / "abc"
    folder.mkdir(parents=True)
    (home / "registry" / "current.json").write_text(
        '{"current": {"version": "abc", "since": "x", "url": null}, "history": []}'
    )
    assert settings_from({"BANWATCH_HOME": str(home)}).registry_dir == folder
    named = settings_from({"BANWATCH_HOME": str(home), "BANWATCH_REGISTRY": str(tmp_path)})
    assert named.registry_dir == tmp_path
    (home / "registry" / "current.json").write_text("{not json")
    assert settings_from({"BANWATCH_HOME": str(home)}).registry_dir == bundled
