"""F1 on the shared development set, graded by its own scorer (`../shared/eval/score.py`).

Three readings, all scored by the same script: `banwatch screen` as a user runs
it (the real registry only); the same records screened in-process against the
registry plus the 500,000 synthetic names, which shows what the distractors
cost in precision; and nomenklatura's predictions (`nomenklatura_compare.py`).
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.model.registry import Registry
from banwatch.pipeline import run_screening
from banwatch.readers import open_inputs
from banwatch.writers import open_writer

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("BENCH_EVAL_DIR", ROOT.parent / "shared" / "eval"))
BANWATCH = Path(sys.executable).parent / "banwatch"
NAME_COLUMNS = ("supplier", "manufacturer", "brand")
_F1 = re.compile(r"F1 ([0-9.]+) \(P ([0-9.]+) R ([0-9.]+)\)")
_CATEGORY = re.compile(r"^\s+(\S+)\s+(\d+)/(\d+)\s*$")


@dataclass(frozen=True)
class Score:
    """What score.py printed, parsed."""

    f1: float
    precision: float
    recall: float
    categories: dict[str, tuple[int, int]]  # category -> (right, total)
    output: str

    def _worst(self) -> tuple[str, tuple[int, int]]:
        return min(self.categories.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0]))

    def worst(self) -> str:
        """The weakest category, as 'name right/total'."""
        name, (right, total) = self._worst()
        return f"{name} {right}/{total}"

    def worst_share(self) -> float:
        """The share right in the weakest category."""
        _, (right, total) = self._worst()
        return right / total


def available() -> bool:
    """Whether the development set and its scorer are beside the repository."""
    return (EVAL / "dev.csv").is_file() and (EVAL / "score.py").is_file()


def score(predictions: Path) -> Score:
    """Grade a JSON lines file of findings with the development set's scorer."""
    res = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / "dev.labels.csv"), str(predictions)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    m = _F1.search(res.stdout)
    if m is None:
        raise RuntimeError(f"score.py printed no F1:\n{res.stdout}{res.stderr}")
    cats = {
        c.group(1): (int(c.group(2)), int(c.group(3)))
        for line in res.stdout.splitlines()
        if (c := _CATEGORY.match(line))
    }
    return Score(float(m.group(1)), float(m.group(2)), float(m.group(3)), cats, res.stdout)


def banwatch_cli() -> Score:
    """`banwatch screen dev.csv --format jsonl`, as the README tells a user, then the scorer."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dev.jsonl"
        env = {**os.environ, "BANWATCH_HOME": str(Path(tmp) / "home")}
        env.pop("BANWATCH_DATABASE_URL", None)
        args = [str(BANWATCH), "screen", str(EVAL / "dev.csv"), "--format", "jsonl"]
        res = subprocess.run(
            [*args, "--output", str(out), "--no-save"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=300,
        )
        if res.returncode != 0:
            raise RuntimeError(f"banwatch screen failed ({res.returncode}): {res.stderr}")
        return score(out)


def banwatch_in_process(registry: Registry, matcher: Matcher) -> Score:
    """The development set screened against `registry` (e.g. with the universe merged in)."""
    profile = Profile(as_of=date.today())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dev.jsonl"
        with out.open("w", encoding="utf-8") as f:
            writer = open_writer("jsonl", f)
            run_screening(
                open_inputs([EVAL / "dev.csv"]), profile, registry, matcher, writer, None, _quiet
            )
        return score(out)


def _quiet(_message: str) -> None:
    """Warnings about malformed cells are part of the set; they are not benchmark output."""


def eval_records() -> list[dict[str, object]]:
    """Each development record's row, asset id and non-empty name cells."""
    with (EVAL / "dev.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        {
            "row": i,
            "asset_id": row["asset_id"],
            "names": [row[c].strip() for c in NAME_COLUMNS if (row.get(c) or "").strip()],
        }
        for i, row in enumerate(rows)
    ]


def print_categories(graded: dict[str, Score]) -> None:
    """Right/total per category of the development set, one column per reading."""
    cats = sorted({c for s in graded.values() for c in s.categories})
    print("dev set by category  " + "".join(f"{name:>20s}" for name in graded))
    for cat in cats:
        cells = []
        for s in graded.values():
            right, total = s.categories.get(cat, (0, 0))
            cells.append(f"{right:>3d}/{total:<3d}".rjust(20))
        print(f"  {cat:18s} " + "".join(cells))
    print(
        "  F1 (P, R)          "
        + "".join(
            f"{s.f1:.3f} ({s.precision:.2f}, {s.recall:.2f})".rjust(20) for s in graded.values()
        )
    )
