"""Names in other scripts are read in Latin letters too, for lists that give only Latin names."""

from __future__ import annotations

from pathlib import Path

import pytest

from banwatch.matching.transliteration import latin_spelling

from ..cli_support import jsonl, run


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("ООО Газпром нефть", "gazprom neft"),  # the legal form read in Cyrillic first
        ("Лаборатория Касперского", "laboratoriya kasperskogo"),
        ("Ηλεκτρονική", "ilektroniki"),
        ("삼성전자", "samseongjeonja"),
        ("海能达通信股份有限公司", "hainengdatongxin"),
        ("永龙b集团", "yonglong bjituan"),  # a letter glued to Chinese: pinyin, not ICU's Han
    ],
)
def test_a_name_in_another_script_has_a_latin_spelling(name: str, latin: str) -> None:
    assert latin_spelling(name) == latin


@pytest.mark.parametrize("name", ["Hikvision", "Société Générale", "Müller GmbH", ""])
def test_a_latin_name_has_none(name: str) -> None:
    assert latin_spelling(name) is None


def test_a_cyrillic_record_reads_as_a_name_listed_only_in_latin(tmp_path: Path) -> None:
    home = tmp_path / "home"
    listed = tmp_path / "list.csv"
    listed.write_text(
        "name,source\nGazprom Neft PJSC,https://example.org/g\nKaspersky Lab,https://example.org/k\n",
        "utf-8",
    )
    assert run(["import", "watchlist", str(listed), "--jurisdiction", "US"], home).returncode == 0
    records = tmp_path / "records.csv"
    records.write_text("supplier\nПАО Газпром нефть\nКасперский Лаб\nGazprom Neft\n", "utf-8")
    res = run(["screen", str(records), "--format", "jsonl", "--no-save"], home)
    assert res.returncode in (0, 1), res.stderr
    rows = jsonl(res.stdout)
    names = [[m["entity_name"] for m in r["matches"]] for r in rows]  # type: ignore[union-attr]
    assert names[0] == names[2] == ["Gazprom Neft PJSC"]
    assert "Kaspersky Lab" in names[1]  # beside the registry's own AO Kaspersky Lab
    first = rows[0]["matches"][0]  # type: ignore[index]
    assert first["score"] == 1.0
    assert "written in Latin letters: 'gazprom neft'" in first["features"][0]["explanation"]


def test_a_name_listed_only_in_another_script_is_found_in_latin_letters(tmp_path: Path) -> None:
    """A Cyrillic or Armenian listed name is indexed in Latin letters (entries.latin_entries)."""
    home = tmp_path / "home"
    listed = tmp_path / "list.csv"
    listed.write_text(
        "name,source\nАркадий Романович Ротенберг,https://example.org/r\n"
        "Բարակ Օբամա,https://example.org/o\n",
        "utf-8",
    )
    assert run(["import", "watchlist", str(listed), "--jurisdiction", "US"], home).returncode == 0
    records = tmp_path / "records.csv"
    records.write_text("supplier\nArkady Romanovich Rotenberg\nBarack Obama\nOleg Rotenberg\n")
    res = run(["screen", str(records), "--format", "jsonl", "--no-save"], home)
    assert res.returncode in (0, 1), res.stderr
    rows = jsonl(res.stdout)
    names = [[m["entity_name"] for m in r["matches"]] for r in rows]  # type: ignore[union-attr]
    assert names == [["Аркадий Романович Ротенберг"], ["Բարակ Օբամա"], []]
    first = rows[0]["matches"][0]  # type: ignore[index]
    assert first["score"] == 1.0  # "arkady romanovich rotenberg", as rigour spells it
    assert "Latin letters of Аркадий Романович Ротенберг" in first["features"][0]["explanation"]
