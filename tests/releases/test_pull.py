"""Pulling releases as a user does: first, second, the delta, rollback, and every refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import jsonl, run, screen_jsonl
from tests.releases.conftest import Releases

DAHUA = "supplier,model\nDahua Technology,DH-IPC-HFW1230S\n"
QC_ORDER = "ca-qc-arrete-hikvision-dahua-2023"
QC_BODY = ("--jurisdiction", "CA-QC", "--sector", "government", "--level", "regional")


def qc_verdict(home: Path) -> str:
    """How a Québec public body's Dahua camera is judged with the registry in use."""
    path = home.parent / "dahua.csv"
    path.write_text(DAHUA)
    done = screen_jsonl(path, home, *QC_BODY)
    assert done.returncode == 0, done.stderr
    return str(jsonl(done.stdout)[0]["verdict"])


def status(home: Path) -> str:
    done = run(["registry", "status"], home)
    assert done.returncode == 0, done.stderr
    return done.stdout


def pull(home: Path, releases: Releases, folder: str) -> tuple[int, str, str]:
    done = run(["registry", "pull", releases.at(folder), "--trust", str(releases.trust)], home)
    return done.returncode, done.stdout, done.stderr


def test_pull_first_then_second_see_the_delta_and_roll_back(home: Path, releases: Releases) -> None:
    assert "bundled" in status(home)
    assert pull(home, releases, "first")[0] == 0
    assert f"in use: release {releases.first} since " in status(home)
    assert qc_verdict(home) == "prohibited"

    code, out, err = pull(home, releases, "good")
    assert code == 0, err
    assert f"now using release {releases.second} (was {releases.first})" in out
    assert f"in use: release {releases.second}" in status(home)
    assert qc_verdict(home) != "prohibited"  # the order no longer reaches Dahua
    delta = json.loads((releases.root / "good" / f"delta-{releases.second}.json").read_text())
    assert delta["from"] == releases.first
    assert delta["measures"] == {"added": [], "changed": [QC_ORDER], "removed": []}
    assert delta["entities"] == {"added": [], "changed": [], "removed": []}

    assert pull(home, releases, "good")[1] == f"release {releases.second} is already in use\n"

    rolled = run(["registry", "rollback"], home)
    assert rolled.returncode == 0, rolled.stderr
    now = status(home)
    assert f"in use: release {releases.first}" in now
    assert f"newer release: {releases.second}" in now
    assert qc_verdict(home) == "prohibited"


def test_a_saved_run_names_the_release(home: Path, releases: Releases) -> None:
    assert pull(home, releases, "good")[0] == 0
    path = home.parent / "dahua.csv"
    path.write_text(DAHUA)
    assert run(["screen", str(path), "--format", "jsonl"], home).returncode == 0
    runs = jsonl(run(["runs", "--format", "jsonl"], home).stdout)
    assert [r["registry_version"] for r in runs] == [releases.second]


REFUSALS = [
    ("tampered", "the digest of measures/ca-qc.yaml differs from the manifest"),
    ("other-key", "the release is not signed by a trusted key"),
    ("truncated", "is truncated or altered"),
    ("too-new", "the release needs banwatch 99.0 or later"),
]


@pytest.mark.parametrize(("folder", "why"), REFUSALS, ids=[f for f, _ in REFUSALS])
def test_a_bad_release_changes_nothing(
    home: Path, releases: Releases, folder: str, why: str
) -> None:
    assert pull(home, releases, "first")[0] == 0
    before = status(home)
    code, out, err = pull(home, releases, folder)
    assert code == 2
    assert why in err
    assert len(err.splitlines()) == 1
    assert out == ""
    assert status(home) == before
    assert qc_verdict(home) == "prohibited"
    staged = list((home / "registry" / "releases").iterdir())
    assert [p.name for p in staged] == [releases.first]


def test_an_older_release_is_refused(home: Path, releases: Releases) -> None:
    assert pull(home, releases, "good")[0] == 0
    before = status(home)
    code, _, err = pull(home, releases, "first")
    assert code == 2
    assert f"is not newer than {releases.second} in use" in err
    assert status(home) == before
    assert qc_verdict(home) != "prohibited"


def test_an_unknown_key_is_refused_without_trust(home: Path, releases: Releases) -> None:
    done = run(["registry", "pull", releases.at("first")], home)
    assert done.returncode == 2
    assert done.stderr == "banwatch: error: the release is not signed by a trusted key\n"
    assert "bundled" in status(home)


def test_the_url_and_keys_come_from_the_settings(home: Path, releases: Releases) -> None:
    key = releases.trust.read_text().strip()
    done = run(
        ["registry", "pull"],
        home,
        BANWATCH_REGISTRY_URL=releases.at("first"),
        BANWATCH_TRUSTED_KEYS=f"{'0' * 64},{key}",
    )
    assert done.returncode == 0, done.stderr
    assert f"in use: release {releases.first}" in status(home)


def test_banwatch_registry_overrides_the_pulled_release(home: Path, releases: Releases) -> None:
    assert pull(home, releases, "good")[0] == 0
    path = home.parent / "dahua.csv"
    path.write_text(DAHUA)
    data = Path(__file__).resolve().parents[2] / "data"
    done = run(
        ["screen", str(path), "--format", "jsonl", "--no-save", *QC_BODY],
        home,
        BANWATCH_REGISTRY=str(data),
    )
    assert jsonl(done.stdout)[0]["verdict"] == "prohibited"


def test_rollback_with_nothing_before_is_refused(home: Path) -> None:
    done = run(["registry", "rollback"], home)
    assert done.returncode == 2
    assert "no earlier release to return to" in done.stderr


def test_switching_changes_the_compiled_index_in_use(home: Path, releases: Releases) -> None:
    from banwatch.loading import compiled_matcher
    from banwatch.settings import settings_from

    def in_use() -> str:
        return compiled_matcher(settings_from({"BANWATCH_HOME": str(home)})).registry.version

    assert pull(home, releases, "first")[0] == 0
    assert in_use() == releases.first
    assert pull(home, releases, "good")[0] == 0
    assert in_use() == releases.second
    assert run(["registry", "rollback"], home).returncode == 0
    assert in_use() == releases.first
