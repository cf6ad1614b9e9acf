"""Checks every input file must pass before a reader opens it.

Invariant: each check raises `InputError` naming the file (as the caller
spelled it) and saying what was expected, before anything is read from it.
"""

from __future__ import annotations

from pathlib import Path

from banwatch.errors import InputError

SAMPLE_BYTES = 256 * 1024
"""How much of a file format detection looks at (encoding, delimiter, binary)."""


def check_file(path: Path, label: str) -> None:
    """Raise InputError unless `path` is an existing, readable, non-empty regular file."""
    if not path.exists():
        raise InputError("file not found", file=label)
    if path.is_dir():
        raise InputError("is a directory; expected a file", file=label)
    if not path.is_file():
        raise InputError("is not a regular file", file=label)
    try:
        with path.open("rb") as stream:
            first = stream.read(1)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", file=label) from exc
    if not first:
        raise InputError("file is empty", file=label)


def read_sample(path: Path, label: str, size: int = SAMPLE_BYTES) -> tuple[bytes, bool]:
    """The first `size` bytes of the file, and whether the file is longer than that."""
    try:
        with path.open("rb") as stream:
            sample = stream.read(size + 1)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", file=label) from exc
    return sample[:size], len(sample) > size


_MAGIC = (
    (b"PK\x03\x04", "a zip archive, such as an XLSX workbook"),
    (b"PAR1", "a Parquet file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office file, such as an XLS workbook"),
    (b"\x1f\x8b", "a gzip archive"),
)
# Control bytes that never occur in text; \t \n \v \f \r and \x1a (the DOS
# end-of-file marker) do.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\v\f\r\x1a")
_MAX_CONTROL_SHARE = 0.05


def reject_binary(sample: bytes, label: str, expected: str) -> None:
    """Raise InputError if `sample` is not text: NUL bytes, or many control characters.

    Callers handle UTF-16 and UTF-32 (whose NUL bytes are text) before calling.
    """
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\0" not in sample and controls <= _MAX_CONTROL_SHARE * len(sample):
        return
    kind = next((what for magic, what in _MAGIC if sample.startswith(magic)), None)
    looks = f" (it looks like {kind})" if kind else ""
    raise InputError(f"is a binary file{looks}; expected {expected}", file=label)
