"""A large job's result is sent without the server holding it: a real `banwatch serve` process
on a SQLite file sends a CSV result several times larger than what its peak memory grows by
while sending it (built whole, the text alone would take four bytes a character in memory,
and its bytes as many again)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx

from ..cli_support import BANWATCH, run
from .server_support import PATIENCE, free_port, wait_served

ROWS = 300_000  # about 39 MB of CSV
LINE = "Acme Office Supplies {n},Model {n},a note long enough to fill the file a little faster\n"


def peak_kib(pid: int) -> int:
    """The process's peak resident memory (VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def test_a_large_csv_result_is_streamed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    key = run(["keys", "create", "--role", "analyst"], home).stdout.strip()
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("supplier,model,notes\n" + "".join(LINE.format(n=n) for n in range(ROWS)))
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    env.pop("BANWATCH_DATABASE_URL", None)
    port = free_port()
    server = subprocess.Popen(
        [str(BANWATCH), "serve", "--port", str(port), "--no-access-log"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"ApiKey {key}"}
    try:
        wait_served(base, server, 4 * PATIENCE)
        with ledger.open("rb") as f:
            started = httpx.post(
                f"{base}/screen/upload", files={"file": f}, headers=auth, timeout=PATIENCE
            ).json()
        deadline = time.monotonic() + 10 * PATIENCE
        while (job := httpx.get(f"{base}/jobs/{started['job_id']}", headers=auth).json())[
            "status"
        ] not in ("done", "failed"):
            assert time.monotonic() < deadline, job
            time.sleep(0.5)
        assert job["status"] == "done", job
        # The peak so far is the screening's: start counting it again from here.
        Path(f"/proc/{server.pid}/clear_refs").write_text("5")
        before, size = peak_kib(server.pid), 0
        result = f"{base}/jobs/{job['job_id']}/result?format=csv"
        with httpx.stream("GET", result, headers=auth, timeout=10 * PATIENCE) as answer:
            assert answer.status_code == 200
            for chunk in answer.iter_bytes():
                size += len(chunk)
        grown = (peak_kib(server.pid) - before) * 1024
        print(f"sent {size:,} bytes of CSV; the server's peak memory grew by {grown:,} bytes")
        assert size > 30_000_000 and grown < size
    finally:
        server.terminate()
        server.wait(timeout=PATIENCE)
