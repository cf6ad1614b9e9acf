"""Free text: the registry's names and model numbers in memos and descriptions, review at most."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from banwatch.matching.free_text import TextIndex, is_common, model_tokens
from banwatch.matching.matcher import Matcher
from banwatch.matching.normalize import words
from banwatch.model.records import Record

from ..cli_support import jsonl, screen_jsonl

NAMES = [
    ("hik", "Hangzhou Hikvision Digital Technology Co., Ltd."),
    ("hik", "Hikvision"),
    ("hik-ca", "Hikvision Canada Inc."),
    ("zte", "ZTE Corporation"),
    ("cm", "China Mobile Limited"),
    ("hik", "海康威视"),
]
INDEX = TextIndex(NAMES)


def found(text: str) -> set[tuple[str, str]]:
    return set(INDEX.find(text))


def test_names_are_found_as_whole_words_in_order() -> None:
    assert found("Hikvision DS-2CD2143G2-I x20") == {("hik", "hikvision")}
    assert found("20x HIKVISION CANADA INC. cameras") == {
        ("hik", "hikvision"),
        ("hik-ca", "hikvision canada"),
    }
    assert found("Canada Hikvision") == {("hik", "hikvision")}
    assert found("Hikvisions and superhikvision") == set()


def test_names_of_common_words_are_never_looked_for() -> None:
    assert is_common("china") and is_common("mobile")
    assert found("China Mobile phones for the sales team") == set()


def test_short_names_are_found_only_as_acronyms() -> None:
    assert found("ZTE MF286 router") == {("zte", "zte")}
    assert found("zte router") == found("Zte router") == set()


def test_chinese_names_are_found_inside_a_run_of_characters() -> None:
    assert found("采购海康威视摄像机") == {("hik", "海康威视")}


def test_model_number_tokens_have_letters_and_digits() -> None:
    assert model_tokens("Hikvision DS-2CD2143G2-I x20, PO 4500012345") == ["DS-2CD2143G2-I"]
    assert model_tokens("Replacement batteries for Hytera PD785G radios") == ["PD785G"]


@given(
    st.text(alphabet=st.sampled_from("Hikvision ZTE Canada mobile china 海康威视,.-"), max_size=60)
)
def test_every_find_is_words_of_the_text(text: str) -> None:
    text_words = words(text)
    joined = " " + " ".join(text_words) + " "
    for entity_id, said in INDEX.find(text):
        assert entity_id in {e for e, _ in NAMES}
        assert f" {said} " in joined or said in text


def test_a_memo_naming_a_vendor_makes_review_naming_the_words(matcher: Matcher) -> None:
    values = {"Payee": "Northwind Security Distribution", "Memo": "Hikvision DS-2CD2143G2-I x20"}
    record = Record(0, "ledger.csv", 2, values, {"Payee": "name", "Memo": "text"})
    evidence, warnings = matcher.match(record)
    assert warnings == []
    [hik] = [e for e in evidence if e.entity_id == "hikvision"]
    assert hik.score == matcher.config.text_score < matcher.config.certain
    assert hik.matched_on == "text"
    assert {f.value for f in hik.features} == {"hikvision", "DS-2CD2143G2-I"}
    assert all(f.column == "Memo" for f in hik.features)


def test_a_ledger_with_memos(tmp_path: Path) -> None:
    """A bank export: payee, memo; the vendor is named only in the memo."""
    ledger = tmp_path / "payments.csv"
    ledger.write_text(
        "Date,Payee,Memo,Amount\n"
        "2025-07-02,Northwind Security Distribution,Hikvision DS-2CD2143G2-I x20,6200.00\n"
        "2025-07-03,Northwind Security Distribution,Batteries for Hytera PD785G,410.00\n"
        "2025-07-04,Contoso Telecom,China Mobile roaming for the sales team,90.00\n"
        "2025-07-05,Fabrikam Office,Office chairs,1200.00\n"
        "2025-07-06,Hikvision Canada Inc.,Hikvision Canada cameras,900.00\n",
        encoding="utf-8",
    )
    profile = ["--jurisdiction", "CA", "--sector", "government", "--level", "national"]
    done = screen_jsonl(ledger, tmp_path / "home", "--as-of", "2025-08-15", *profile)
    assert done.returncode == 0, done.stderr
    rows = jsonl(done.stdout)
    # Canada restricts no Hytera radio: matched in the memo, and clear.
    assert [r["verdict"] for r in rows] == ["review", "clear", "clear", "clear", "prohibited"]
    assert [len(r["matches"]) > 0 for r in rows] == [True, True, False, False, True]
    memo = rows[0]["matches"][0]
    assert memo["matched_on"] == "text" and memo["entity_id"] == "hikvision"
    assert "the words 'hikvision' in free text" in str(memo["features"])
    hytera = rows[1]["matches"][0]
    assert hytera["entity_id"] == "hytera"
    assert {f["value"] for f in hytera["features"]} == {"hytera", "PD785G"}
