"""JSON lines: objects to records, bad lines to problems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from banwatch.model.records import Record, RowProblem

Write = Callable[[str, bytes | str], Path]  # fixtures from conftest.py
Read = Callable[..., tuple[list[Record], list[RowProblem]]]


@pytest.mark.parametrize("name", ["suppliers.jsonl", "suppliers.ndjson", "SUPPLIERS.JSONL"])
def test_objects_become_records(write: Write, read: Read, name: str) -> None:
    text = (
        '{"vendor": "Hikvision", "website": "hikvision.com", "qty": 3, "price": 12.0}\n'
        "\n"
        '{"vendor": "Axis", "tags": ["camera", "ip"], "meta": {"a": null}, "ok": true}\r\n'
        '{"vendor": null, "model": "DS-2CD"}\n'
    )
    records, problems = read(write(name, b"\xef\xbb\xbf" + text.encode()))
    assert problems == []
    assert [(r.row, r.line) for r in records] == [(0, 1), (1, 3), (2, 4)]
    assert records[0].values == {
        "vendor": "Hikvision",
        "website": "hikvision.com",
        "qty": "3",
        "price": "12",
        "tags": "",
        "meta": "",
        "ok": "",
        "model": "",
    }
    assert records[1].values["tags"] == '["camera", "ip"]'
    assert records[1].values["meta"] == '{"a": null}'
    assert records[1].values["ok"] == "true"
    assert records[2].values["vendor"] == ""
    assert records[0].roles == {"vendor": "name", "website": "domain", "model": "model"}


def test_bad_lines_are_reported_and_others_read(write: Write, read: Read) -> None:
    data = (
        b'{"vendor": "Axis"}\n'
        b"[1, 2]\n"
        b"{not json\n"
        b'"just a string"\n'
        b'{"vendor": "Caf\xe9"}\n'
        b'{"vendor": "Bosch"}\n'
    )
    path = write("mixed.jsonl", data)
    records, problems = read(path)
    assert [(r.line, r.values["vendor"]) for r in records] == [
        (1, "Axis"),
        (5, "Caf\ufffd"),
        (6, "Bosch"),
    ]
    assert [(p.file, p.line) for p in problems] == [(str(path), n) for n in (2, 3, 4, 5)]
    assert "found an array" in problems[0].message
    assert "not valid JSON" in problems[1].message
    assert "found a string" in problems[2].message
    assert "not valid UTF-8" in problems[3].message
    assert str(problems[0]).startswith(f"{path}: line 2: ")


def test_key_only_in_a_later_object_is_kept(write: Write, read: Read) -> None:
    records, _ = read(write("late.jsonl", '{"vendor": "Axis"}\n{"vendor": "B", " MAC ": "x"}\n'))
    assert records[1].values == {"vendor": "B", "MAC": "x"}
    assert records[1].roles == {"vendor": "name", "MAC": "mac"}
