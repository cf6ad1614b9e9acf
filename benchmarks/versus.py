"""Two commits' name search side by side on the same machine, in turns.

Run: `.venv/bin/python benchmarks/versus.py 3902ef9 HEAD [--turns 2] [--rounds 5] [--batch N]`.

The machine's speed moves from day to day and minute to minute by more than
most changes to the matcher, so a figure measured on another day says little
about a commit. This script checks out each commit into a temporary git
worktree (beside a link to `../shared`, which some commits read), then runs
`per_name_minimum.py` from this checkout against each commit's `banwatch`
in turn, A B A B …, each in a fresh process, and prints every run and the
ratio of the best runs (B's rate ÷ A's). Both use this checkout's virtual
environment and benchmark data, so only the matcher differs. With
`--batch N`, a commit whose index searches a batch of names at once (as its
screen does, `NameIndex.search_names`) is timed N names at a time; one
without searches a name at a time, as its screen did, timed N names
together, so that both least times are taken over the same spans of work.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULT = re.compile(r"per-name minimum\s+([\d.]+) µs")


def worktree(rev: str, root: Path) -> Path:
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", rev],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    path = root / sha
    if not path.exists():
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(path), sha],
            check=True,
            capture_output=True,
        )
    return path


def run(tree: Path, rounds: int, quick: bool, batch: int = 0) -> tuple[float, str]:
    """µs a name from one fresh process timing the commit checked out in `tree`."""
    command = [sys.executable, str(HERE / "per_name_minimum.py"), "--rounds", str(rounds)]
    if quick:
        command.append("--quick")
    if batch:
        command += ["--batch", str(batch)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), str(HERE)]))
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=tree)
    found = RESULT.search(done.stdout)
    if done.returncode or not found:
        raise SystemExit(f"{tree.name}: the benchmark failed\n{done.stdout}\n{done.stderr}")
    return float(found.group(1)), done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", help="the reference commit")
    ap.add_argument("b", help="the commit compared with it")
    ap.add_argument("--turns", type=int, default=2, help="runs of each commit (default 2)")
    ap.add_argument("--rounds", type=int, default=5, help="searches of each name a run")
    ap.add_argument("--quick", action="store_true", help="50,000 names, 2,000 queries")
    ap.add_argument("--verbose", action="store_true", help="print each run's output")
    ap.add_argument(
        "--batch",
        type=int,
        default=0,
        help="names searched N at a time by a commit that can (per_name_minimum.py --batch)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="banwatch-versus-") as tmp:
        root = Path(tmp)
        shared = REPO.parent / "shared"
        if shared.exists():
            (root / "shared").symlink_to(shared)
        trees = {rev: worktree(rev, root) for rev in (args.a, args.b)}
        try:
            times: dict[str, list[float]] = {args.a: [], args.b: []}
            for turn in range(args.turns):
                for rev, tree in trees.items():
                    micros, out = run(tree, args.rounds, args.quick, args.batch)
                    times[rev].append(micros)
                    print(f"turn {turn + 1} {rev:>12s} ({tree.name}) {micros:6.1f} µs a name")
                    if args.verbose:
                        print(out)
        finally:
            for tree in trees.values():
                subprocess.run(
                    ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                    capture_output=True,
                )
    a, b = min(times[args.a]), min(times[args.b])
    print(f"best: {args.a} {a:.1f} µs, {args.b} {b:.1f} µs a name;")
    print(f"  {args.b}'s rate ÷ {args.a}'s = {a / b:.3f}")


if __name__ == "__main__":
    main()
