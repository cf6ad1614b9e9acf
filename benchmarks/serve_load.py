"""Load on `banwatch serve`: requests per second and latency, against screening in-process.

Run: `.venv/bin/python benchmarks/serve_load.py [--seconds 10] [--concurrency 8 32]`.

Starts `banwatch serve` (one worker, a fresh SQLite home, an analyst key
made with `banwatch keys create`) and drives it from this process, a
different one, with `--concurrency` requests in flight (asyncio, httpx) for
`--seconds` each:

- `POST /screen` with one record, unsaved (`"save": false`);
- `POST /match/default` with one query;
- `POST /match/default` with a batch of 100 queries (latency only, one at a time).

The reference, in this process: the same record screened by `Screening`
directly, timed call by call (repeated, so screening's caches answer: the
floor of the work itself). Each line prints requests/s, p50 and p99
latency, and the p50 against the reference's. The driver shares the 2
cores with the server, so requests/s is what one machine does with both.
This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx

BANWATCH = Path(sys.executable).parent / "banwatch"
RECORD = {"supplier": "EZVIZ Inc.", "model": "CS-C6N"}
NAMES = ["Hikvision", "Dahua Technology", "Huawei", "ZTE", "Acme Office Supplies", "EZVIZ"]


def quantiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p99 of `samples`, in milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered) * 1000, p99 * 1000


def reference(seconds: float) -> float:
    """p50 in ms of screening RECORD in this process, as the server's routes do it."""
    from banwatch.loading import compiled_matcher
    from banwatch.model.profile import Profile
    from banwatch.model.records import Record
    from banwatch.screening.screen import Screening
    from banwatch.settings import settings_from

    matcher = compiled_matcher(settings_from(os.environ))
    screening = Screening(matcher.registry, matcher, Profile(as_of=date.today()))
    record = Record(0, "bench", 1, dict(RECORD), {"supplier": "name", "model": "model"})
    times: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        screening.screen(record)
        times.append(time.perf_counter() - start)
    p50, p99 = quantiles(times)
    print(f"in-process, the same record again: p50 {p50:.3f} ms, p99 {p99:.3f} ms")
    return p50


async def drive(
    base: str,
    key: str,
    make: Callable[[int], tuple[str, dict[str, object]]],
    concurrency: int,
    seconds: float,
) -> tuple[int, list[float], int]:
    """Requests done, their latencies and failures, `concurrency` at a time for `seconds`."""
    latencies: list[float] = []
    failures = 0
    headers = {"Authorization": f"ApiKey {key}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:
        end = time.perf_counter() + seconds

        async def worker(n: int) -> None:
            nonlocal failures
            while time.perf_counter() < end:
                path, body = make(n)
                start = time.perf_counter()
                response = await client.post(path, json=body)
                latencies.append(time.perf_counter() - start)
                failures += response.status_code != 200
                n += concurrency

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return len(latencies), latencies, failures


def screen_one(_n: int) -> tuple[str, dict[str, object]]:
    return "/screen", {"records": [RECORD], "save": False}


def match_one(n: int) -> tuple[str, dict[str, object]]:
    query = {"schema": "Company", "properties": {"name": [NAMES[n % len(NAMES)]]}}
    return "/match/default", {"queries": {"q": query}}


def match_batch(_n: int) -> tuple[str, dict[str, object]]:
    queries = {
        f"q{i}": {"schema": "Company", "properties": {"name": [NAMES[i % len(NAMES)]]}}
        for i in range(100)
    }
    return "/match/default", {"queries": queries}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(home: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    # One key drives every request here: the per-key rate limit would measure itself.
    env = {**os.environ, "BANWATCH_HOME": str(home), "BANWATCH_RATE_LIMIT": "0"}
    env.pop("BANWATCH_DATABASE_URL", None)
    made = subprocess.run(
        [str(BANWATCH), "keys", "create", "--role", "analyst"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [str(BANWATCH), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz").status_code == 200:
                return server, base, made.stdout.strip()
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("banwatch serve did not become ready in 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="banwatch-serve-load-") as folder:
        home = Path(folder)
        server, base, key = start_server(home)
        try:
            os.environ["BANWATCH_HOME"] = str(home)  # the reference loads the same index
            ref = reference(min(args.seconds, 5.0))
            runs = [("POST /screen, 1 record", screen_one), ("POST /match, 1 query", match_one)]
            for label, make in runs:
                for concurrency in args.concurrency:
                    done, times, failed = asyncio.run(
                        drive(base, key, make, concurrency, args.seconds)
                    )
                    p50, p99 = quantiles(times)
                    rate = done / args.seconds
                    print(
                        f"{label:<24} concurrency {concurrency:>2}: {rate:7.0f} req/s, "
                        f"p50 {p50:6.2f} ms, p99 {p99:6.2f} ms, p50 {p50 / ref:6.0f}x in-process"
                        + (f", {failed} failed" if failed else "")
                    )
            done, times, failed = asyncio.run(drive(base, key, match_batch, 1, args.seconds))
            p50, p99 = quantiles(times)
            print(
                f"{'POST /match, 100 queries':<24} one at a time:  p50 {p50:6.2f} ms, "
                f"p99 {p99:6.2f} ms ({done} batches)" + (f", {failed} failed" if failed else "")
            )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
