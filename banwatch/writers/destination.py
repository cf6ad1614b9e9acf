"""Where the findings of a run go, so that a failed run never leaves a half-written file.

Invariants:
- A regular file (or a new path) is written as a hidden temporary file beside
  it and renamed into place only when the run succeeded: a failed or
  interrupted run leaves the earlier file whole, or no file at all.
- Standard output, a device (`/dev/null`, `/dev/full`) or a named pipe is
  written directly; with `hold` (`--strict`) the findings wait in a temporary
  file and are copied there only once the run succeeded.
- Every operating-system error of the output becomes an `OutputError` naming
  the path; a reader that went away (a closed pipe) becomes `OutputClosedError`.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from banwatch.errors import OutputClosedError, OutputError
from banwatch.model.findings import Finding
from banwatch.writers.base import LineWriter, Summary, Writer

STDOUT = "standard output"


def output_error(error: OSError, where: str) -> OutputError:
    """The `OutputError` an operating-system error of writing to `where` means."""
    if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
        return OutputClosedError(f"{where}: the reader went away")
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"{where}: cannot write the findings: no space left on the device")
    if error.errno in (errno.EACCES, errno.EPERM):
        return OutputError(f"{where}: cannot write here: permission denied")
    reason = error.strerror or str(error)
    return OutputError(f"{where}: cannot write the findings: {reason[:1].lower()}{reason[1:]}")


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Turn an OSError raised inside into the `OutputError` it means for `where`."""
    try:
        yield
    except OSError as e:
        raise output_error(e, where) from e
    except ValueError as e:  # a path no file can have (a NUL byte in it)
        raise OutputError(f"{where}: {e}") from e


class Destination:
    """The place findings are written to while a run goes on, then published or discarded.

    `path` None is standard output. Writers write to `staged` (a path) or to
    the stream `text()` returns; `publish()` makes the output visible,
    `discard()` removes every trace of a failed run.
    """

    def __init__(self, path: Path | None, *, hold: bool = False) -> None:
        self.target = path
        self.name = str(path) if path is not None else STDOUT
        self.staged: Path | None = None  # where writers write; None: the stream itself
        self._temporary: Path | None = None  # a file to remove if the run fails
        self._replace = False  # rename `staged` onto the target when published
        self._stream: IO[str] | None = None
        with translated(self.name):
            self._prepare(hold)

    def _prepare(self, hold: bool) -> None:
        path = self.target
        if path is not None and path.is_symlink():
            path = self.target = path.resolve()
        if path is not None and path.is_dir():
            raise OutputError(f"{path}: is a directory; give the path of a file")
        if path is not None and not _special(path):
            self._check_folder(path)
            self.staged = self._temporary = _sibling(path)
            self._replace = True
        elif hold:
            fd, name = tempfile.mkstemp(prefix="banwatch-", suffix=".held")
            os.close(fd)
            self.staged = self._temporary = Path(name)
        else:
            self.staged = path  # a device or a named pipe, or None for standard output

    def _check_folder(self, path: Path) -> None:
        folder = path.parent
        if not folder.exists():
            raise OutputError(f"{path}: no such folder: {folder}")
        if not folder.is_dir():
            raise OutputError(f"{path}: {folder} is not a folder")
        if path.exists() and not os.access(path, os.W_OK):
            raise OutputError(f"{path}: the file is read-only; cannot replace it")

    def text(self) -> IO[str]:
        """A text stream to the staged place (standard output when written directly)."""
        if self._stream is None:
            if self.staged is None:
                self._stream = sys.stdout
            else:
                with translated(self.name):
                    self._stream = self.staged.open("w", encoding="utf-8", newline="")
        return self._stream

    def publish(self) -> None:
        """Make the complete output visible at its target."""
        with translated(self.name):
            self._close(sync=self._replace)
            if self._replace:
                assert self.staged is not None and self.target is not None
                os.replace(self.staged, self.target)
                self._temporary = None
            elif self._temporary is not None:
                self._copy_out(self._temporary)

    def discard(self) -> None:
        """Remove what a failed run wrote; standard output keeps what was already sent."""
        try:
            self._close(sync=False)
        except OSError:
            pass  # the failure being reported is the one that matters
        finally:
            if self._temporary is not None:
                self._temporary.unlink(missing_ok=True)
                self._temporary = None

    def _close(self, *, sync: bool) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            if sync and self.staged is not None:
                _fsync(self.staged)
            return
        stream.flush()
        if stream is sys.stdout:
            return
        if sync:
            os.fsync(stream.fileno())
        stream.close()

    def _copy_out(self, held: Path) -> None:
        """Send the held output to its target, then remove it."""
        with held.open("rb") as source:
            if self.target is None:
                sys.stdout.flush()
                shutil.copyfileobj(source, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                with self.target.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
        held.unlink()
        self._temporary = None


def _special(path: Path) -> bool:
    """Whether `path` is an existing device, named pipe or socket (written directly)."""
    try:
        mode = path.stat().st_mode
    except OSError:  # not there (or a file stands where a folder should): a new file
        return False
    return not stat.S_ISREG(mode)


def _sibling(path: Path) -> Path:
    """A new hidden file beside `path`, with the mode `path` has or a new file would get."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".banwatch")
    try:
        if path.exists():
            mode = stat.S_IMODE(path.stat().st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(fd, mode)
    finally:
        os.close(fd)
    return Path(name)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Guarded:
    """A writer whose operating-system errors name the destination (`OutputError`)."""

    def __init__(self, inner: Writer, where: str) -> None:
        self.inner = inner
        self.where = where

    def write(self, finding: Finding) -> None:
        try:
            self.inner.write(finding)
        except OSError as e:
            raise output_error(e, self.where) from e

    def close(self, summary: Summary) -> None:
        try:
            self.inner.close(summary)
        except OSError as e:
            raise output_error(e, self.where) from e


class _GuardedLines(_Guarded):
    """`_Guarded` for a writer that also takes findings already written as JSON."""

    def __init__(self, inner: LineWriter, where: str) -> None:
        super().__init__(inner, where)
        self._line = inner.write_line

    def write_line(self, text: str) -> None:
        try:
            self._line(text)  # the hot path: try costs nothing until something fails
        except OSError as e:
            raise output_error(e, self.where) from e


def guarded(writer: Writer, where: str) -> Writer:
    """`writer`, with its operating-system errors turned into `OutputError` naming `where`."""
    if isinstance(writer, LineWriter):
        return _GuardedLines(writer, where)
    return _Guarded(writer, where)
