"""`banwatch import` and `banwatch sources` end to end: a real process, a real home folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.importers.support import FIXTURES

from ..cli_support import jsonl, run

REPO = Path(__file__).resolve().parents[2]
CSL_SAMPLE = REPO.parent / "shared" / "fixtures" / "csl" / "consolidated-sample.csv"


def screen(path: Path, home: Path, *args: str) -> list[dict[str, object]]:
    res = run(["screen", str(path), "--format", "jsonl", *args], home)
    assert res.returncode == 0, res.stderr
    return jsonl(res.stdout)


WATCHLIST = FIXTURES / "watchlist-sample.csv"


def import_watchlist(home: Path) -> subprocess.CompletedProcess[str]:
    """`banwatch import` of the sample watchlist as the source `mylist`, in Canada."""
    return run(
        ["import", "watchlist", str(WATCHLIST), "--name", "mylist", "--jurisdiction", "CA"], home
    )


def test_a_watchlist_is_imported_listed_and_screened(tmp_path: Path) -> None:
    home = tmp_path / "home"
    watchlist = WATCHLIST
    res = import_watchlist(home)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("imported mylist (watchlist) as version 1@")
    assert "2 entities, 1 measures, 2 targets, 6 problems" in res.stdout
    warnings = res.stderr.splitlines()
    assert len(warnings) == 6
    assert f"banwatch: warning: {watchlist}: line 5: start date: '2024-13-45'" in res.stderr
    assert all(w.startswith(f"banwatch: warning: {watchlist}: line ") for w in warnings)

    listed = run(["sources", "--format", "jsonl"], home)
    (source,) = jsonl(listed.stdout)
    assert source["name"] == "mylist" and source["kind"] == "watchlist"
    assert (source["version"], source["entities"], source["measures"]) == (1, 2, 1)
    assert source["input"] == str(watchlist.resolve())
    table = run(["sources"], home)
    assert table.returncode == 0 and "mylist" in table.stdout and "1 sources" in table.stdout

    records = tmp_path / "suppliers.csv"
    records.write_text("supplier\nGlobex Surveillance Ltd\nAxis Communications AB\n", "utf-8")
    rows = screen(records, home, "--jurisdiction", "CA", "--as-of", "2025-06-01")
    assert [r["verdict"] for r in rows] == ["prohibited", "clear"]
    (match,) = rows[0]["matches"]  # type: ignore[misc]
    assert match["entity_id"] == "mylist-globex-surveillance-ltd"
    (hit,) = match["measures"]
    assert hit["measure_id"] == "mylist" and hit["verdict"] == "prohibited"
    assert "https://intranet.example.org/watchlist/globex" in hit["sources"]
    # before the listing date it was not yet in force
    early = screen(records, home, "--jurisdiction", "CA", "--as-of", "2024-01-01")
    assert early[0]["verdict"] == "clear"

    again = import_watchlist(home)
    assert again.returncode == 0 and "unchanged (version 1@" in again.stdout

    valid = run(["registry", "validate"], home)
    assert valid.returncode == 0, valid.stderr
    assert f"imported source mylist: version {source['label']}" in valid.stdout
    version = valid.stdout.split()[1].rstrip(":")
    runs = jsonl(run(["runs", "--format", "jsonl"], home).stdout)
    assert {r["registry_version"] for r in runs} == {version}


def test_a_new_version_changes_the_registry_version(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = tmp_path / "wl.csv"
    path.write_text("name,source\nGlobex,https://example.org/g\n", encoding="utf-8")
    assert run(["import", "watchlist", str(path), "--jurisdiction", "CA"], home).returncode == 0
    first = run(["registry", "validate"], home).stdout.split()[1]
    path.write_text(
        "name,source\nGlobex,https://example.org/g\nHooli,https://example.org/h\n", encoding="utf-8"
    )
    res = run(["import", "watchlist", str(path), "--jurisdiction", "CA"], home)
    assert "imported wl (watchlist) as version 2@" in res.stdout
    assert run(["registry", "validate"], home).stdout.split()[1] != first


def test_an_ftm_file_joins_the_registry(tmp_path: Path) -> None:
    home = tmp_path / "home"
    res = run(
        [
            "import",
            "ftm",
            str(FIXTURES / "ftm-sample.jsonl"),
            "--name",
            "os",
            "--source-url",
            "https://lists.example.org/",
            "--jurisdiction",
            "GB",
        ],
        home,
    )
    assert res.returncode == 0, res.stderr
    assert "6 entities, 2 measures, 3 targets, 5 problems" in res.stdout
    assert "line 13: not valid JSON" in res.stderr
    records = tmp_path / "suppliers.csv"
    records.write_text("supplier\nAcme Vision GmbH\n", "utf-8")
    (row,) = screen(records, home, "--jurisdiction", "US", "--as-of", "2025-01-01")
    assert row["verdict"] == "prohibited"
    match = row["matches"][0]  # type: ignore[index]
    assert match["entity_id"] == "os-nk-acme2" and match["score"] == 1.0
    assert match["via"] == ["os-nk-acme2", "os-nk-acme1"]  # through the Ownership
    # Another Acme is a weaker reading (below certainty: review at most), never hidden.
    assert all(m["score"] < 0.9 for m in row["matches"][1:])  # type: ignore[index]


def test_the_real_csl_sample(tmp_path: Path) -> None:
    if not CSL_SAMPLE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the CSL sample is missing at {CSL_SAMPLE}")
        pytest.skip("no ../shared/fixtures/csl beside the repository")
    home = tmp_path / "home"
    res = run(["import", "csl", str(CSL_SAMPLE)], home)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("imported us-csl (csl) as version 1@")
    records = tmp_path / "suppliers.csv"
    records.write_text("supplier\nHebei Semiconductor Research Institute\n", "utf-8")
    # The Entity List restricts exports to the listed party: asked about
    # buying and using (the default), it is for review; asked about exports,
    # it prohibits.
    (row,) = screen(records, home, "--jurisdiction", "US", "--as-of", "2025-01-01")
    assert row["verdict"] == "review"
    measures = [m["measure_id"] for m in row["matches"][0]["measures"]]  # type: ignore[index]
    assert measures == ["us-csl-el"]
    (asked,) = screen(
        records, home, "--jurisdiction", "US", "--as-of", "2025-01-01", "--act", "export-to"
    )
    assert asked["verdict"] == "prohibited"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["import", "watchlist", "{wl}"], "--jurisdiction"),
        (["import", "watchlist", "{wl}", "--jurisdiction", "XX"], "XX"),
        (["import", "watchlist", "{wl}", "--jurisdiction", "CA", "--name", "My List"], "slug"),
        (["import", "ftm", "{wl}", "--source-url", "file:///x"], "--source-url"),
        (["import", "csl", "missing.csv"], "missing.csv"),
        (["import", "nonsense", "{wl}"], "nonsense"),
        (["import", "watchlist", "{empty}", "--jurisdiction", "CA"], "nothing saved"),
    ],
)
def test_bad_usage_exits_2_with_one_line(tmp_path: Path, args: list[str], needle: str) -> None:
    files = {"{wl}": FIXTURES / "watchlist-sample.csv", "{empty}": tmp_path / "empty.csv"}
    files["{empty}"].write_text("name,source\nAcme,\n", encoding="utf-8")
    res = run([str(files.get(a, a)) for a in args], tmp_path / "home")
    assert res.returncode == 2
    errors = [line for line in res.stderr.splitlines() if "error" in line]
    assert len(errors) == 1, res.stderr
    assert needle in errors[0] and "Traceback" not in res.stderr
    assert not (tmp_path / "home" / "sources" / "manifest.json").exists()


def test_an_id_clash_with_the_registry_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = tmp_path / "wl.csv"
    path.write_text("name,source\nCanada,https://example.org/c\n", encoding="utf-8")
    # the registry has an entity "hikvision-canada": a source named "hikvision" clashes
    res = run(
        ["import", "watchlist", str(path), "--jurisdiction", "CA", "--name", "hikvision"], home
    )
    assert res.returncode == 2
    assert "hikvision-canada" in res.stderr and "already in the registry" in res.stderr
    assert run(["sources", "--format", "jsonl"], home).stdout == ""


def test_a_removed_source_is_screened_against_no_more(tmp_path: Path) -> None:
    home = tmp_path / "home"
    imported = import_watchlist(home)
    assert imported.returncode == 0, imported.stderr
    records = tmp_path / "suppliers.csv"
    records.write_text("supplier\nGlobex Surveillance Ltd\n", "utf-8")
    as_of = ("--jurisdiction", "CA", "--as-of", "2025-06-01")
    assert [r["verdict"] for r in screen(records, home, *as_of)] == ["prohibited"]

    removed = run(["sources", "remove", "mylist"], home)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.startswith("removed mylist (version 1@")
    assert run(["sources", "--format", "jsonl"], home).stdout == ""
    assert [r["verdict"] for r in screen(records, home, *as_of)] == ["clear"]

    again = run(["sources", "remove", "mylist"], home)
    assert again.returncode == 2 and again.stdout == ""
    assert "no imported source is named 'mylist'" in again.stderr


@pytest.mark.parametrize("command", [["import"], ["sources"], ["sources", "remove"]])
def test_help(tmp_path: Path, command: list[str]) -> None:
    res = run([*command, "--help"], tmp_path / "home")
    assert res.returncode == 0 and "Usage:" in res.stdout
