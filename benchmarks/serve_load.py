"""Load on `banwatch serve`: requests per second and latency, against screening in-process.

Run: `.venv/bin/python benchmarks/serve_load.py [--seconds 10] [--concurrency 8 32]
[--workers 1] [--driver aiohttp httpx raw]`.

Starts `banwatch serve` (`--workers` processes, a fresh SQLite home, an
analyst key made with `banwatch keys create`) and drives it from this
process, a different one, with `--concurrency` requests in flight for
`--seconds` each:

- `GET /healthz` (at the highest concurrency): the floor of a request, the
  server's routing and the driver alone;
- `POST /screen` with one record, unsaved (`"save": false`);
- `POST /match/default` with one query;
- `POST /match/default` with a batch of 100 queries (latency only, one at a time).

Each runs once per `--driver`: `aiohttp` (an `aiohttp.ClientSession`, a
well-kept client whose HTTP parser is in C), `httpx` (an `httpx.AsyncClient`,
what many Python clients use; it costs more CPU a request than the server
does) and `raw` (HTTP/1.1 on asyncio streams, one keep-alive connection per
request in flight, written here: the least a client can cost, so more of
the 2 cores go to the server). Beside requests/s and p50/p99 latency, each line gives the CPU time
a request took in the server (its processes, from /proc) and in the driver
(this process): other people's work on the same cores slows the wall clock,
not those. The reference, in this process: the same record screened by
`Screening` directly, timed call by call (repeated, so screening's caches
answer: the floor of the work itself). This is a benchmark, not a test:
nothing here asserts a time.
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

import aiohttp
import httpx
import orjson

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


Make = Callable[[int], tuple[str, dict[str, object] | None]]
"""The `n`th request of a run: its path, and its JSON body (None: a GET)."""
Drive = tuple[int, list[float], int]
"""Requests done, their latencies (seconds) and how many failed."""


async def drive(base: str, key: str, make: Make, concurrency: int, seconds: float) -> Drive:
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
                if body is None:
                    response = await client.get(path)
                else:
                    response = await client.post(path, json=body)
                latencies.append(time.perf_counter() - start)
                failures += response.status_code != 200
                n += concurrency

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return len(latencies), latencies, failures


def raw_request(host: str, key: str, path: str, body: dict[str, object] | None) -> bytes:
    """One HTTP/1.1 request, keep-alive, as bytes."""
    payload = b"" if body is None else orjson.dumps(body)
    head = f"{'GET' if body is None else 'POST'} {path} HTTP/1.1\r\nHost: {host}\r\n"
    head += f"Authorization: ApiKey {key}\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
    return (head + "\r\n").encode() + payload


async def drive_raw(base: str, key: str, make: Make, concurrency: int, seconds: float) -> Drive:
    """As `drive`, on one asyncio connection per request in flight, each request written and
    its answer read by hand (the server answers with a Content-Length)."""
    host = base.removeprefix("http://")
    address, port = host.split(":")
    latencies: list[float] = []
    failures = 0
    end = time.perf_counter() + seconds

    async def worker(n: int) -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection(address, int(port))
        try:
            while time.perf_counter() < end:
                request = raw_request(host, key, *make(n))
                start = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - start)
                failures += head[9:12] != b"200"
                n += concurrency
        finally:
            writer.close()
            await writer.wait_closed()

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return len(latencies), latencies, failures


async def drive_aiohttp(base: str, key: str, make: Make, concurrency: int, seconds: float) -> Drive:
    """As `drive`, on an `aiohttp.ClientSession` (its C parser, one pooled keep-alive
    connection per request in flight); bodies written with orjson, answers read whole."""
    latencies: list[float] = []
    failures = 0
    headers = {"Authorization": f"ApiKey {key}", "Content-Type": "application/json"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base, headers=headers, connector=connector) as session:
        end = time.perf_counter() + seconds

        async def worker(n: int) -> None:
            nonlocal failures
            while time.perf_counter() < end:
                path, body = make(n)
                start = time.perf_counter()
                if body is None:
                    response = await session.get(path)
                else:
                    response = await session.post(path, data=orjson.dumps(body))
                async with response:
                    await response.read()
                latencies.append(time.perf_counter() - start)
                failures += response.status != 200
                n += concurrency

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return len(latencies), latencies, failures


DRIVERS = {"aiohttp": drive_aiohttp, "httpx": drive, "raw": drive_raw}


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by process `pid` and every process below it."""
    tick = os.sysconf("SC_CLK_TCK")
    total, below = 0.0, {pid}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            stats[int(entry.name)] = text.rsplit(")", 1)[1].split()
    grew = True
    while grew:  # the processes whose parent is below, until no more join
        more = {p for p, f in stats.items() if int(f[1]) in below} - below
        below |= more
        grew = bool(more)
    for p in below & stats.keys():
        fields = stats[p]
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def healthz(_n: int) -> tuple[str, dict[str, object] | None]:
    return "/healthz", None


def screen_one(_n: int) -> tuple[str, dict[str, object] | None]:
    return "/screen", {"records": [RECORD], "save": False}


def match_one(n: int) -> tuple[str, dict[str, object] | None]:
    query = {"schema": "Company", "properties": {"name": [NAMES[n % len(NAMES)]]}}
    return "/match/default", {"queries": {"q": query}}


def match_batch(_n: int) -> tuple[str, dict[str, object] | None]:
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


def start_server(home: Path, workers: int) -> tuple[subprocess.Popen[bytes], str, str]:
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
        [str(BANWATCH), "serve", "--port", str(port), "--workers", str(workers)],
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


def measured(
    server: subprocess.Popen[bytes], driver: str, run: tuple[str, Make, int, float], key: str
) -> tuple[Drive, float, float]:
    """A run's requests, and the CPU seconds the server's processes and this one spent on it."""
    base, make, concurrency, seconds = run[0], run[1], run[2], run[3]
    server_before, driver_before = cpu_seconds(server.pid), time.process_time()
    done = asyncio.run(DRIVERS[driver](base, key, make, concurrency, seconds))
    server_cpu = cpu_seconds(server.pid) - server_before
    return done, server_cpu, time.process_time() - driver_before


def line(label: str, done: Drive, cpu: tuple[float, float], seconds: float, ref: float) -> str:
    """One printed line: requests/s, latency, and CPU per request in the server and driver."""
    count, times, failed = done
    p50, p99 = quantiles(times)
    server_ms, driver_ms = (c / max(count, 1) * 1000 for c in cpu)
    return (
        f"{label:<44} {count / seconds:6.0f} req/s, p50 {p50:7.2f} ms, p99 {p99:7.2f} ms; "
        f"CPU a request: server {server_ms:.2f} ms, driver {driver_ms:.2f} ms"
        + (f"; p50 {p50 / ref:.0f}x in-process" if ref else "")
        + (f", {failed} failed" if failed else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--workers", type=int, default=1, help="banwatch serve --workers")
    parser.add_argument("--driver", nargs="+", choices=sorted(DRIVERS), default=sorted(DRIVERS))
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="banwatch-serve-load-") as folder:
        home = Path(folder)
        server, base, key = start_server(home, args.workers)
        try:
            os.environ["BANWATCH_HOME"] = str(home)  # the reference loads the same index
            ref = reference(min(args.seconds, 5.0))
            kinds: list[tuple[str, Make]] = [
                ("POST /screen, 1 record", screen_one),
                ("POST /match, 1 query", match_one),
            ]
            runs: list[tuple[str, Make, int]] = [("GET /healthz", healthz, max(args.concurrency))]
            runs += [(label, make, c) for label, make in kinds for c in args.concurrency]
            for driver in args.driver:
                for label, make, concurrency in runs:
                    done, server_cpu, driver_cpu = measured(
                        server, driver, (base, make, concurrency, args.seconds), key
                    )
                    named = f"{driver} {label}, {concurrency:>2} in flight"
                    cpu = (server_cpu, driver_cpu)
                    print(line(named, done, cpu, args.seconds, ref if make != healthz else 0.0))
                done, server_cpu, driver_cpu = measured(
                    server, driver, (base, match_batch, 1, args.seconds), key
                )
                named = f"{driver} POST /match, 100 queries, 1"
                print(line(named, done, (server_cpu, driver_cpu), args.seconds, 0.0))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
