"""The table at 80 columns and `--summary`, from real runs: lines fit, ids stay whole, measures
that do not bind are one line, and the summary never mixes into machine-readable output."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..cli_support import jsonl, run

PROFILE = ["--as-of", "2025-08-15", "--jurisdiction", "CA", "--sector", "government", "--no-save"]
ROOT = Path(__file__).resolve().parents[2]
INVENTORY = ROOT / "examples" / "inventory.csv"
FEDERAL_BAN = "ca-federal-hikvision-procurement-use-ban-2025"
QUEBEC = "ca-qc-arrete-hikvision-dahua-2023"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first six assets of the example inventory."""
    path = tmp_path_factory.mktemp("in") / "six.csv"
    lines = INVENTORY.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:7]), encoding="utf-8")
    return path


def table(home: Path, source: Path, *extra: str, columns: str = "80") -> list[str]:
    res = run(["screen", str(source), *PROFILE, "--format", "table", *extra], home, COLUMNS=columns)
    assert res.returncode == 0, res.stderr
    return res.stdout.splitlines()


def test_a_piped_table_fits_80_columns_and_keeps_ids_whole(home: Path, six: Path) -> None:
    lines = table(home, six)
    assert max(len(line) for line in lines) <= 80
    assert len(lines) < 70  # was 102 at 80 columns before the measures were folded
    assert sum(FEDERAL_BAN in line for line in lines) == 4  # rows 0, 1, 2, 5: whole, one a line
    assert not any(line.rstrip(" │").endswith("-") for line in lines)  # nothing split at a hyphen
    assert any("and 3 measures that do not bind you" in line for line in lines)
    assert not any(QUEBEC in line for line in lines)  # binds no federal body: counted, not listed


def test_all_measures_lists_those_that_do_not_bind(home: Path, six: Path) -> None:
    lines = table(home, six, "--all-measures")
    assert max(len(line) for line in lines) <= 80
    assert any(QUEBEC in line for line in lines)
    assert any("(does not bind you)" in line for line in lines)
    assert not any("measures that do not bind you" in line for line in lines)


def test_the_table_follows_columns(home: Path, six: Path) -> None:
    wide = table(home, six, columns="160")
    assert max(len(line) for line in wide) == 160
    assert "┃ record " in wide[2]  # wide enough for the record to have a column of its own
    assert len(wide) < len(table(home, six))


def test_summary_follows_the_table(home: Path, six: Path) -> None:
    lines = table(home, six, "--summary")
    assert max(len(line) for line in lines) <= 80
    at = lines.index("4 matched entities:")
    assert lines[at + 1].startswith("  hikvision: 3 rows (0, 1, 2): prohibited 3; binding you:")
    assert any(line.startswith("  ezviz: 1 row (5): prohibited 1;") for line in lines[at:])
    assert any(line.startswith("  dahua: 2 rows (3, 4): clear 2; 1 measure,") for line in lines)


def test_summary_keeps_machine_output_clean(home: Path, six: Path, tmp_path: Path) -> None:
    piped = run(["screen", str(six), *PROFILE, "--format", "jsonl", "--summary"], home)
    assert piped.returncode == 0, piped.stderr
    assert len(jsonl(piped.stdout)) == 6  # every line is a finding
    assert f"hikvision: 3 rows (0, 1, 2): prohibited 3; binding you: {FEDERAL_BAN};" in (
        piped.stderr
    )
    out = tmp_path / "findings.csv"
    to_file = run(["screen", str(six), *PROFILE, "--output", str(out), "--summary"], home)
    assert to_file.returncode == 0, to_file.stderr
    assert to_file.stdout.splitlines()[0].startswith("hikvision: 3 rows (0, 1, 2)")
    assert len(to_file.stdout.splitlines()) == 4
    assert "hikvision: 3 rows" not in to_file.stderr


def test_the_table_names_the_registry_release_it_screened_with(home: Path, six: Path) -> None:
    last = [line for line in table(home, six) if line.startswith("registry ")]
    assert len(last) == 1 and " (release embedded), matcher banwatch-match-" in last[0]
