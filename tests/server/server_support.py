"""Helpers for the server tests: waiting for readiness, and a real uvicorn on a free port."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

PATIENCE = 60.0  # seconds a test waits for the app to load before failing


def wait_ready(client: TestClient) -> None:
    """Poll `/readyz` until it answers 200."""
    deadline = time.monotonic() + PATIENCE
    while client.get("/readyz").status_code != 200:
        if time.monotonic() > deadline:
            raise AssertionError(f"not ready: {client.get('/readyz').json()}")
        time.sleep(0.05)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that no one listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def poll_ready(base: str, patience: float, stopped: Callable[[], str | None]) -> None:
    """Poll `base`/readyz until it answers 200; fail when `stopped()` says why the server
    stopped, or when `patience` seconds pass."""
    deadline = time.monotonic() + patience
    while True:
        why = stopped()
        if why is not None:
            raise AssertionError(why)
        try:
            if httpx.get(f"{base}/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the server did not become ready"
        time.sleep(0.1)


def wait_served(base: str, server: subprocess.Popen[str], patience: float = PATIENCE) -> None:
    """`poll_ready` of a `banwatch serve` process, failing with what it wrote to standard error
    (if that was piped) when it stops."""

    def stopped() -> str | None:
        if server.poll() is None:
            return None
        said = server.stderr.read() if server.stderr else ""
        return f"banwatch serve stopped ({server.returncode}) {said}"

    poll_ready(base, patience, stopped)


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """Run `app` on uvicorn on 127.0.0.1 on a free port; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + PATIENCE
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=PATIENCE)
        sock.close()
