"""The matcher's name stands for its code: a change to scoring code needs a new name or a record."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from banwatch.matching.fingerprint import PACKAGE, fingerprint, source_digest
from banwatch.matching.matcher import DEFAULT_CONFIG
from banwatch.matching.versions import MATCHER_VERSIONS

HOW = (
    "the matching code changed and its fingerprint {found} is not recorded for "
    "{name!r} in banwatch/matching/versions.py: if any score may change, give the matcher "
    "a new name (MatcherConfig.name, docs/matching.md) and record the fingerprint under it; "
    "if no score changes (a refactoring), add the fingerprint to {name!r}'s tuple"
)


def test_the_code_is_what_the_matchers_name_stands_for() -> None:
    found, name = fingerprint(), DEFAULT_CONFIG.name
    assert found in MATCHER_VERSIONS.get(name, ()), HOW.format(found=found, name=name)


def test_names_are_never_reused() -> None:
    names = list(MATCHER_VERSIONS)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"banwatch-match-v\d+", n) for n in names)
    # A fingerprint stands for one name only: new scores never hide under an old name.
    prints = [p for ps in MATCHER_VERSIONS.values() for p in ps]
    assert len(set(prints)) == len(prints)
    assert names[-1] == DEFAULT_CONFIG.name  # the newest is the one in use


def test_a_changed_number_changes_the_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "matching"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert fingerprint(copy) == fingerprint()
    names = copy / "name_hits.py"
    text = names.read_text(encoding="utf-8")
    assert "short_typo_similarity: float = 0.80" in text
    names.write_text(
        text.replace("short_typo_similarity: float = 0.80", "short_typo_similarity: float = 0.81"),
        encoding="utf-8",
    )
    assert fingerprint(copy) != fingerprint()


def test_comments_docstrings_and_layout_do_not_count() -> None:
    plain = "def f(x):\n    return x * 0.8\n"
    dressed = (
        '"""Module."""\n\n\ndef f(x):  # why\n    """Doc."""\n    return (x *\n            0.8)\n'
    )
    assert source_digest(plain) == source_digest(dressed)
    assert source_digest(plain) != source_digest(plain.replace("0.8", "0.9"))


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_any_other_number_is_another_fingerprint(value: float) -> None:
    base = "THRESHOLD = 0.8\n"
    assert (source_digest(base) == source_digest(f"THRESHOLD = {value!r}\n")) == (value == 0.8)


def test_a_module_moved_into_a_subpackage_still_counts(tmp_path: Path) -> None:
    copy = tmp_path / "matching"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "search").mkdir()
    (copy / "search" / "extra.py").write_text("LIMIT = 10\n", encoding="utf-8")
    assert fingerprint(copy) != fingerprint()
