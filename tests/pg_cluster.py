"""A throwaway PostgreSQL cluster for the store suite, when no server answers.

`make test` runs pytest through this module, from the repository root:

    python -m tests.pg_cluster run [--throwaway] -- COMMAND...

When `BANWATCH_TEST_POSTGRES_URL` is set, or the default server
(`postgres@127.0.0.1:5432/test`, trust auth) accepts a connection, COMMAND runs
as it is. Otherwise, or with `--throwaway`, this creates a cluster with the
PostgreSQL server's own `initdb` (Debian's packages keep it in
`/usr/lib/postgresql/<version>/bin`) in a new temporary directory, starts it
with `pg_ctl` on a free loopback port (no Unix socket), creates the database
`test`, runs COMMAND with `BANWATCH_TEST_POSTGRES_URL` pointing at it, then
stops the cluster and removes the directory, whatever COMMAND's exit status,
and on SIGINT, SIGTERM or SIGHUP too. The exit status is COMMAND's.

`python -m tests.pg_cluster check [--throwaway]` exits 1 when a throwaway
cluster would be needed but no `initdb` is installed (the Makefile then
installs Debian's `postgresql` package), else 0.

Invariants: it never stops or changes a server it did not start (it only opens
and closes one connection to the default server to see whether it answers);
initdb and postgres refuse to run as root, so as root the cluster's files and
processes belong to the `postgres` user that Debian's package creates
(`nobody` where that user is missing).
"""

from __future__ import annotations

import argparse
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import psycopg

URL_VARIABLE = "BANWATCH_TEST_POSTGRES_URL"
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DEBIAN_ROOT = Path("/usr/lib/postgresql")
# Durability buys nothing in a cluster that is deleted after the run.
SERVER_SETTINGS = (
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
)


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster: its directory, port and the URL of its `test` database."""

    root: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/test"


@dataclass(frozen=True)
class Owner:
    """Who runs initdb and postgres: a (uid, gid) pair, or `None` for the current user."""

    ids: tuple[int, int] | None

    @classmethod
    def for_current_user(cls) -> Owner:
        """Ourselves, unless we are root: then Debian's `postgres` user, or `nobody`."""
        if os.geteuid() != 0:
            return cls(None)
        for name in ("postgres", "nobody"):
            try:
                entry = pwd.getpwnam(name)
            except KeyError:
                continue
            return cls((entry.pw_uid, entry.pw_gid))
        raise ClusterError("running as root, and neither `postgres` nor `nobody` exists")

    def run(self, args: Sequence[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL program as this owner; its output is captured."""
        argv = [str(a) for a in args]
        if self.ids is None:
            return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
        uid, gid = self.ids
        return subprocess.run(
            argv,
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            user=uid,
            group=gid,
            extra_groups=[],
        )


class ClusterError(RuntimeError):
    """Raised when a throwaway cluster cannot be created, started or stopped; says why."""


def find_bindir(root: Path = DEBIAN_ROOT) -> Path | None:
    """The newest `<root>/<version>/bin` holding initdb and pg_ctl, else the one on PATH."""

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))

    found = [p.parent for p in sorted(root.glob("*/bin/initdb"), key=version)]
    found = [d for d in found if (d / "pg_ctl").exists()]
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    if initdb and (Path(initdb).parent / "pg_ctl").exists():
        return Path(initdb).parent
    return None


def server_answers(url: str) -> bool:
    """Whether a PostgreSQL server accepts a connection at this SQLAlchemy URL."""
    conninfo = re.sub(r"^postgresql\+\w+://", "postgresql://", url)
    try:
        with psycopg.connect(conninfo, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def needs_throwaway(
    env: Mapping[str, str], force: bool, answers: Callable[[str], bool] = server_answers
) -> bool:
    """Whether to start a cluster: forced, or no URL configured and the default is silent."""
    if force:
        return True
    if env.get(URL_VARIABLE):
        return False
    return not answers(DEFAULT_URL)


def free_port() -> int:
    """A loopback port nobody listens on right now (the OS's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _checked(done: subprocess.CompletedProcess[str], what: str) -> None:
    if done.returncode != 0:
        raise ClusterError(f"{what} failed ({done.returncode}): {done.stdout}{done.stderr}")


def _start(bindir: Path, root: Path, owner: Owner) -> Cluster:
    """initdb in `root/data`, then pg_ctl start on a free port; the `test` database made."""
    data = root / "data"
    initdb: list[str | Path] = [bindir / "initdb", "-D", data, "-U", "postgres"]
    initdb += ["--auth=trust", "--no-sync", "--no-locale", "--encoding=UTF8"]
    _checked(owner.run(initdb, root), "initdb")
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# banwatch's throwaway test cluster\n" + "\n".join(SERVER_SETTINGS) + "\n")
    port = free_port()
    log = root / "postgres.log"
    pg_ctl: list[str | Path] = [bindir / "pg_ctl", "-D", data, "-l", log, "-w", "-t", "60"]
    done = owner.run([*pg_ctl, "-o", f"-p {port}", "start"], root)
    if done.returncode != 0:
        log_text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        raise ClusterError(f"pg_ctl start failed: {done.stdout}{done.stderr}{log_text}")
    admin = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE test")
    return Cluster(root, port)


def _stop(bindir: Path, root: Path, owner: Owner) -> None:
    """Stop the server if it runs (fast, else SIGQUIT), then remove its directory."""
    data = root / "data"
    pid_file = data / "postmaster.pid"
    if pid_file.exists():
        done = owner.run([bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], root)
        if done.returncode != 0 and pid_file.exists():
            _quit(int(pid_file.read_text(encoding="utf-8").split()[0]))
    shutil.rmtree(root, ignore_errors=True)
    if root.exists():
        raise ClusterError(f"could not remove {root}")


def _quit(pid: int, wait: float = 30.0) -> None:
    """Immediate shutdown (the postmaster takes its backends with it), waited for."""
    deadline = time.monotonic() + wait
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGQUIT)
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)


@contextmanager
def throwaway_cluster(bindir: Path) -> Iterator[Cluster]:
    """A new cluster in a new temporary directory, stopped and removed on the way out."""
    owner = Owner.for_current_user()
    root = Path(tempfile.mkdtemp(prefix="banwatch-pg-"))
    try:
        if owner.ids is not None:
            os.chown(root, *owner.ids)
        yield _start(bindir, root, owner)
    finally:
        _stop(bindir, root, owner)


def _exit_on_signal(signum: int, _frame: FrameType | None) -> None:
    """SIGTERM and SIGHUP exit like SIGINT does: by an exception, so cleanup runs."""
    raise SystemExit(128 + signum)


def run_command(command: Sequence[str], env: Mapping[str, str]) -> int:
    """COMMAND's exit status (128+N if signal N ended it); interrupted, it is terminated too."""
    child = subprocess.Popen(list(command), env=dict(env))
    try:
        status = child.wait()
        return 128 - status if status < 0 else status
    except BaseException:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
        raise


def run(command: Sequence[str], env: Mapping[str, str], force: bool) -> int:
    """Run COMMAND against the configured server, or a throwaway cluster made for it."""
    if not needs_throwaway(env, force):
        _say(f"using {URL_VARIABLE}" if env.get(URL_VARIABLE) else f"using {DEFAULT_URL}")
        return run_command(command, env)
    bindir = find_bindir()
    if bindir is None:
        raise ClusterError("no initdb found: install Debian's `postgresql` package")
    previous = {s: signal.signal(s, _exit_on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with throwaway_cluster(bindir) as cluster:
            _say(f"started a throwaway cluster in {cluster.root} on 127.0.0.1:{cluster.port}")
            status = run_command(command, {**env, URL_VARIABLE: cluster.url})
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    _say(f"stopped the throwaway cluster and removed {cluster.root}")
    return status


def _say(message: str) -> None:
    print(f"pg_cluster: {message}", file=sys.stderr, flush=True)


def parse(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The command line: `run [--throwaway] -- COMMAND...` or `check [--throwaway]`."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.pg_cluster",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", choices=["run", "check"], help="What to do (see above).")
    parser.add_argument(
        "--throwaway",
        action="store_true",
        help="Start a throwaway cluster even when a server is configured or answers.",
    )
    ours, command = list(argv), []
    if "--" in ours:
        cut = ours.index("--")
        ours, command = ours[:cut], ours[cut + 1 :]
    return parser.parse_args(ours), command


def main(argv: Sequence[str], env: Mapping[str, str]) -> int:
    """The entry point: exit status of COMMAND (`run`) or of the check."""
    args, command = parse(argv)
    if args.action == "check":
        return 1 if needs_throwaway(env, args.throwaway) and find_bindir() is None else 0
    if not command:
        _say("nothing to run: give a command after `--`")
        return 2
    try:
        return run(command, env, args.throwaway)
    except ClusterError as exc:
        _say(str(exc))
        return 1
    except KeyboardInterrupt:
        return 128 + signal.SIGINT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], os.environ))
