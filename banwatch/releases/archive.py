"""A release as one tar.gz: `manifest.json`, `manifest.sig` and the registry's YAML files.

tar.gz because the standard library writes and reads it, it keeps the
registry's folders as they are, and one gzip stream compresses YAML that
repeats itself across files far better than zip's per-member compression.
Members are written in sorted order with fixed owners and times, so the same
release gives the same bytes. Unpacking uses tarfile's `data` filter (no
links, no paths outside the target, no special files) and takes only the
regular files the manifest may name.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zlib
from collections.abc import Mapping
from pathlib import Path

from banwatch.releases.errors import ReleaseError

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MAX_MEMBER = 64 << 20  # a registry file is kilobytes; a huge member is not a release


def write_archive(dest: Path, members: Mapping[str, bytes]) -> None:
    """Write `members` (name -> bytes) to `dest` as a reproducible tar.gz."""
    # mtime=0 in the gzip header too, so equal releases are equal bytes
    with (
        dest.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w") as tar,
    ):
        for name in sorted(members):
            data = members[name]
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))


def unpack(archive: Path, dest: Path) -> list[str]:
    """Unpack `archive` into the empty folder `dest`; the names of the files unpacked."""
    names: list[str] = []
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                if not member.isfile():
                    raise ReleaseError(f"the archive holds a non-file: {member.name!r}")
                if member.size > MAX_MEMBER:
                    raise ReleaseError(f"the archive holds an oversized file: {member.name!r}")
                tar.extract(member, dest, filter="data")
                names.append(member.name)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise ReleaseError(f"the archive is damaged or truncated ({e})") from None
    return names
