"""`banwatch serve --no-access-log`: the request lines are left out, the rest of the log is kept.

A real `banwatch serve` on a free port, run twice on one home (the second
start finds the index the first one compiled): with the default access log
a request's line is on its output, with `--no-access-log` it is not, while
uvicorn still says where it listens.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from .server_support import PATIENCE, free_port, wait_served

BANWATCH = Path(sys.executable).parent / "banwatch"


def served_output(home: Path, *options: str) -> str:
    """What `banwatch serve` wrote (standard output and error) around one `GET /healthz`."""
    port = free_port()
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    env.pop("BANWATCH_DATABASE_URL", None)
    server = subprocess.Popen(
        [str(BANWATCH), "serve", "--port", str(port), *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_served(base, server)
        assert httpx.get(f"{base}/healthz").status_code == 200
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=PATIENCE)
    return out


def test_no_access_log_leaves_out_the_request_lines(tmp_path: Path) -> None:
    logged = served_output(tmp_path)
    assert '"GET /healthz HTTP/1.1" 200' in logged
    quiet = served_output(tmp_path, "--no-access-log")
    assert "Uvicorn running on" in quiet and "/healthz" not in quiet and "/readyz" not in quiet
