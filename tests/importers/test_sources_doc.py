"""docs/sources.md stays true: its tables name what the importers do (STYLE guideline 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from banwatch.importers import KINDS
from banwatch.importers.base import ALL_ACTS
from banwatch.importers.csl_lists import LISTS
from banwatch.importers.ftm import IDENTIFIERS, NAMES, NOT_IDENTIFIERS
from banwatch.importers.ftm import KINDS as FTM_KINDS
from banwatch.importers.watchlist import COLUMNS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "sources.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text under the heading `title`, up to the next heading of its level or higher."""
    m = re.search(rf"^(#+) {re.escape(title)}$", DOC, re.M)
    assert m, f"no section {title!r}"
    body = DOC[m.end() :]
    end = re.search(rf"^#{{1,{len(m[1])}}} ", body, re.M)
    return body[: end.start()] if end else body


def rows(title: str) -> dict[str, list[str]]:
    """Every table row of a section, keyed by its first backticked cell: | `key` | a | b |."""
    out: dict[str, list[str]] = {}
    for line in section(title).splitlines():
        m = re.match(r"^\| `([^`]+)`[^|]* \|(.*)\|$", line)
        if m:
            out.setdefault(m[1], [c.strip() for c in m[2].split("|")])
    return out


@pytest.mark.parametrize("abbr", sorted(LISTS))
def test_every_csl_list_has_its_row(abbr: str) -> None:
    kind = LISTS[abbr]
    measure_type, acts, verdict, _why = rows("One measure per list")[abbr]
    assert measure_type == f"`{kind.type}`"
    shown = "every act" if kind.acts == ALL_ACTS else ", ".join(f"`{a}`" for a in kind.acts)
    assert acts == shown
    assert verdict == f"`{kind.max_verdict}`"


def test_no_csl_row_names_a_list_the_code_lacks() -> None:
    assert set(rows("One measure per list")) == set(LISTS)


@pytest.mark.parametrize(("prop", "kind"), sorted(IDENTIFIERS.items()))
def test_every_ftm_identifier_property_has_its_row(prop: str, kind: str) -> None:
    assert rows("Entities")[prop] == [f"`{kind}`"]


@pytest.mark.parametrize("prop", sorted(NOT_IDENTIFIERS | {p for p, _, _ in NAMES}))
def test_ftm_properties_left_out_or_read_as_names_are_named(prop: str) -> None:
    assert f"`{prop}`" in DOC


@pytest.mark.parametrize(("schema", "kind"), FTM_KINDS)
def test_every_ftm_schema_has_its_row(schema: str, kind: str) -> None:
    assert rows("Entities")[schema] == [f"`{kind}`"]


@pytest.mark.parametrize("field", sorted(COLUMNS))
def test_every_watchlist_field_lists_its_headers(field: str) -> None:
    headers = [h.strip() for h in rows("Watchlist (`watchlist`)")[field][0].split(",")]
    assert headers == list(COLUMNS[field])


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_section(kind: str) -> None:
    assert re.search(rf"^## .*\(`{kind}`\)$", DOC, re.M)
