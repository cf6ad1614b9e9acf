"""uvicorn's access log for `banwatch serve`, written at a fraction of its cost a request.

uvicorn's own access formatter copies each record twice and looks the
status's phrase up in `http.HTTPStatus`, and its handler flushes standard
output after every line (a system call): about 40 µs of CPU a request,
more than a tenth of a one-query `/match`. The same lines are written here
by a formatter that builds the line in one f-string, and a handler that
leaves standard output's buffer to be flushed at most `FLUSH_SECONDS`
later by a thread of its own (and at exit, by `logging.shutdown`).

Invariants:
- Every line is the one uvicorn would write when its output is not a
  terminal: `INFO:     127.0.0.1:5555 - "POST /screen HTTP/1.1" 200 OK`.
- A line is on standard output within `FLUSH_SECONDS` of its request, or at
  the process's orderly exit; only a process killed outright (SIGKILL) may
  lose the lines of its last `FLUSH_SECONDS`.
- This module imports nothing of banwatch: each worker of `--workers N` imports it
  while it sets up logging, before it answers its supervisor's health checks (a
  worker silent for 5 s is killed), so it must import in milliseconds.
- Only the access log's handler defers; uvicorn's other messages (it listens,
  it stops, errors) keep uvicorn's own handler, flushed at once.
"""

from __future__ import annotations

import copy
import http
import logging
import threading
from typing import Any, cast

FLUSH_SECONDS = 0.5
"""The longest an access-log line waits in standard output's buffer."""

PHRASES = {int(s): f"{int(s)} {s.phrase}" for s in http.HTTPStatus}


class AccessFormatter(logging.Formatter):
    """uvicorn's access line (no colours), built directly from the record's arguments."""

    def format(self, record: logging.LogRecord) -> str:
        # uvicorn's arguments: client, method, path with query, HTTP version, status code.
        client, method, path, version, code = cast(tuple[str, str, str, str, int], record.args)
        phrase = PHRASES.get(code) or f"{code} "
        prefix = f"{record.levelname}:".ljust(9)
        return f'{prefix} {client} - "{method} {path} HTTP/{version}" {phrase}'


class DeferredStreamHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler whose stream is flushed by a thread every `FLUSH_SECONDS`, not after
    every record."""

    def __init__(self, stream: Any = None) -> None:
        super().__init__(stream)
        self._written = False  # lines since the last flush
        self._stop = threading.Event()
        thread = threading.Thread(target=self._flusher, name="banwatch-access-log", daemon=True)
        thread.start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            self.stream.write(line + self.terminator)  # under the handler's lock (`handle`)
            self._written = True
        except Exception:
            self.handleError(record)

    def flush(self) -> None:
        """Flush now (the thread, and `logging.shutdown` at exit)."""
        self.acquire()
        try:
            if self._written and self.stream and hasattr(self.stream, "flush"):
                self.stream.flush()
            self._written = False
        finally:
            self.release()

    def close(self) -> None:
        self._stop.set()
        super().close()

    def _flusher(self) -> None:
        while not self._stop.wait(FLUSH_SECONDS):
            self.flush()


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with this module's access formatter and handler."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["access"] = {"()": f"{__name__}.AccessFormatter"}
    config["handlers"]["access"] = {
        "()": f"{__name__}.DeferredStreamHandler",
        "formatter": "access",
        "stream": "ext://sys.stdout",
    }
    return config
