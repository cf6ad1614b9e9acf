"""Record keys: id-like columns first, then a hash of the values, then the row."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.store import record_key
from banwatch.store.keys import ID_COLUMNS, fold_header


@pytest.mark.parametrize(
    ("record", "key"),
    [
        ({"Asset ID": "A-1", "Supplier": "Hikvision"}, "asset_id=A-1"),
        ({"asset_id": "  A-1 "}, "asset_id=A-1"),
        ({"AssetID": "A-1"}, "asset_id=A-1"),
        ({"Serial": "S1", "ID": "7"}, "id=7"),  # id outranks serial, whatever the column order
        ({"ASSET-TAG": "T9", "Serial": "S1"}, "asset_tag=T9"),
        ({"Asset": "CAM-3", "asset tag": "T9"}, "asset=CAM-3"),
        ({"id": "", "serial": "S1"}, "serial=S1"),  # empty values do not count
        ({"Record_ID": "r-1", "Name": "x"}, "record_id=r-1"),
        ({"Supplier": "海康威视", "serial": "序列号-1"}, "serial=序列号-1"),
        ({}, "row=5"),
        ({"Supplier": " ", "Model": ""}, "row=5"),
    ],
)
def test_record_key(record: dict[str, str], key: str) -> None:
    assert record_key(record, 5) == key


@pytest.mark.parametrize(
    "other",
    [
        {"Model": "DS-2CD", "Supplier": "Hikvision"},  # columns reordered
        {"Vendor": "Hikvision", "Model": "DS-2CD"},  # a column renamed
        {"Supplier": "Hikvision", "Model": "DS-2CD", "Notes": ""},  # an empty column added
        {"Supplier": " Hikvision ", "Model": "DS-2CD"},  # padding
    ],
)
def test_without_an_id_the_key_survives_cosmetic_changes(other: dict[str, str]) -> None:
    record = {"Supplier": "Hikvision", "Model": "DS-2CD"}
    assert record_key(record, 0) == record_key(other, 9)
    assert record_key(record, 0).startswith("values=")


def test_without_an_id_different_values_give_different_keys() -> None:
    assert record_key({"Supplier": "Hikvision"}, 0) != record_key({"Supplier": "Dahua"}, 0)


def _key_by_definition(record: dict[str, str], row: int) -> str:
    """The key as the module text defines it, written plainly."""
    ids: dict[str, str] = {}
    for header, value in record.items():
        if value.strip():
            ids.setdefault(fold_header(header), value.strip())
    for column in ID_COLUMNS:
        if fold_header(column) in ids:
            return f"{column}={ids[fold_header(column)]}"
    present = sorted(v.strip() for v in record.values() if v.strip())
    if present:
        text = json.dumps(present, ensure_ascii=False)
        return "values=" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return f"row={row}"


_ID_HEADERS = ["Asset ID", "asset_id", "ID", "id", "Serial", "serial", "ASSET-TAG", "Asset"]
_HEADERS = st.sampled_from([*_ID_HEADERS, "record id", "Supplier", "Model", "Notes", "Vendor"])
_VALUES = st.sampled_from(["", " ", "A-1", " A-1 ", "7", "海康威视", 'x"y', "Hikvision"])


@given(st.dictionaries(_HEADERS, _VALUES, max_size=6), st.integers(0, 10))
def test_the_key_is_the_one_its_definition_gives(record: dict[str, str], row: int) -> None:
    assert record_key(record, row) == _key_by_definition(record, row)
