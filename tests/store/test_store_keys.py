"""Record keys: id-like columns first, then a hash of the values, then the row."""

from __future__ import annotations

import pytest

from banwatch.store import record_key


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
